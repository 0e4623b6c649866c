package dev.carnation.scene.material;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.scene.io.Assets;
import dev.carnation.kernel.texture.Scratches;
import dev.carnation.scene.io.Fields;
import java.nio.file.Path;
import java.util.Map;

/**
 * Rough metal (kernel: closure/Conductor): GGX with exact Fresnel from a complex IOR. Either a
 * preset measured by Johnson and Christy (gold, silver, copper: the tables bundled with carnation,
 * or spectra/ under the asset root when it has them) or explicit "n" and "k" per RGB channel.
 * base_color tints the reflectance (default white).
 */
public final class Conductor extends Material {
    static final Map<String, String> PRESETS = Map.of(
            "gold", "Au_Johnson.yml",
            "silver", "Ag_Johnson.yml",
            "copper", "Cu_Johnson.yml");

    public Conductor(float[] n, float[] k, double roughness, double anisotropy) {
        super(MAT_CONDUCTOR);
        set(M_COND_N, n[0], n[1], n[2]);
        set(M_COND_K, k[0], k[1], k[2]);
        record[M_ROUGH] = (float) roughness;
        record[M_ANISO] = (float) anisotropy;
    }

    /** n and k of a preset at the RGB wavelengths (see Spectra). */
    public static float[] preset(Fields f, String key, String name, Assets assets) {
        String file = PRESETS.get(name);
        if (file == null) {
            throw f.error(key, "unknown conductor preset \"" + name + "\" (expected one of gold, silver, copper)");
        }
        // The asset root may hold other measurements under the same name; otherwise the bundled
        // tables make the presets (and the default scene) work from a fresh clone.
        Path p = assets.optional("spectra/" + file);
        try {
            return (p != null ? Spectra.read(p) : Spectra.bundled(file)).rgb();
        } catch (Exception e) {
            throw Assets.unreadable(f, key, p != null ? p : Path.of(file), e);
        }
    }

    static Conductor parse(Fields f, Context ctx) {
        float[] nk;
        if (f.has("preset")) {
            nk = preset(f, "preset", f.string("preset"), ctx.assets());
        } else {
            double[] n = f.vector("n", 3);
            double[] k = f.vector("k", 3);
            nk = new float[] {(float) n[0], (float) n[1], (float) n[2], (float) k[0], (float) k[1], (float) k[2]};
            for (int i = 0; i < 6; i++) {
                if (!(nk[i] >= 0) || nk[i] > 100 || (i < 3 && nk[i] == 0 && nk[i + 3] == 0)) {
                    throw f.error(i < 3 ? "n" : "k", "complex IOR components must be in [0, 100] and not both 0");
                }
            }
        }
        Conductor c = new Conductor(new float[] {nk[0], nk[1], nk[2]}, new float[] {nk[3], nk[4], nk[5]}, 0, 0);
        c.readRoughness(f, 0.2);
        c.set(M_BASE, f.color("base_color", 1, 1, 1, 1));
        c.readCommon(f, ctx, true);
        if (f.has("hammered")) {
            c.readHammered(f.object("hammered"));
        } else {
            f.raw("hammered");
        }
        if (f.has("scratches")) {
            c.readScratches(f.object("scratches"));
        } else {
            f.raw("scratches");
        }
        return c;
    }

    /** Scratch-centre policy of circular scratches: whether the loader must supply the object's origin. */
    private boolean centreFromObject;

    /**
     * "hammered": {"size_mm", "depth_mm", "seed"}: cellular facets (kernel texture/Hammered), size the mean
     * ridge spacing along a line, depth the dimple depth; stored in metres.
     */
    private void readHammered(Fields h) {
        double size = h.positive("size_mm", 2, 100);
        double depth = h.positive("depth_mm", 0.05, 10);
        if (depth > size) {
            throw h.error("depth_mm", "must not exceed size_mm (" + size + "), got " + depth);
        }
        int seed = h.integer("seed", 1, 0, Integer.MAX_VALUE);
        h.done();
        record[M_MICRO] = 1;
        record[M_HAM_SIZE] = (float) (size * 1e-3);
        record[M_HAM_DEPTH] = (float) (depth * 1e-3);
        record[M_HAM_SEED] = seed;
    }

    /**
     * "scratches": {"density_per_mm2", "length_mm", "width_um", "direction", "seed", "center"}: straight
     * grooves (kernel texture/Scratches) along a direction [x, y, z] (projected onto the surface), each at
     * its own angle ("random"), or along circles around the object's origin ("circular"; "center" [x, y, z]
     * in metres overrides the origin).
     */
    private void readScratches(Fields sc) {
        double density = sc.positive("density_per_mm2", 1, 1e4);
        double length = sc.positive("length_mm", 2, 1000);
        double width = sc.positive("width_um", 5, 1e5);
        if (width * 1e-3 > length) {
            throw sc.error("width_um", "a scratch must not be wider than it is long (length_mm " + length + "), got " + width);
        }
        double perCell = density * length * length;
        if (perCell > Scratches.MAX_PER_CELL) {
            throw sc.error("density_per_mm2", "density_per_mm2 x length_mm^2 must be at most " + Scratches.MAX_PER_CELL
                    + " (scratches overlap completely beyond), got " + (float) perCell);
        }
        int mode = SCRATCH_RANDOM;
        double[] vec = {0, 0, 0};
        com.fasterxml.jackson.databind.JsonNode d = sc.raw("direction");
        if (d != null && d.isArray()) {
            vec = sc.direction("direction", 1, 0, 0);
            mode = SCRATCH_DIRECTION;
        } else if (d != null && !d.isNull()) {
            String m = sc.choice("direction", "random", "random", "circular");
            mode = m.equals("circular") ? SCRATCH_CIRCULAR : SCRATCH_RANDOM;
        }
        if (sc.has("center")) {
            if (mode != SCRATCH_CIRCULAR) {
                throw sc.error("center", "applies to \"direction\": \"circular\" only");
            }
            vec = sc.point("center");
        } else {
            sc.raw("center");
            centreFromObject = mode == SCRATCH_CIRCULAR;
        }
        int seed = sc.integer("seed", 1, 0, Integer.MAX_VALUE);
        sc.done();
        record[M_MICRO] = 1;
        record[M_SCR_DENSITY] = (float) (density * 1e6);
        record[M_SCR_LENGTH] = (float) (length * 1e-3);
        record[M_SCR_WIDTH] = (float) (width * 1e-6);
        record[M_SCR_MODE] = mode;
        set(M_SCR_VEC, vec);
        record[M_SCR_SEED] = seed;
        // Covered fraction 1 - exp(-density length width) (ScratchesTest) times a groove's mean
        // squared wall slope (linear from 0 to SLOPE_AT_EDGE across: SLOPE_AT_EDGE^2 / 3).
        double cover = 1 - Math.exp(-density * 1e6 * length * 1e-3 * width * 1e-6);
        record[M_SCR_VAR] = (float) (cover * Scratches.SLOPE_AT_EDGE * Scratches.SLOPE_AT_EDGE / 3);
    }

    /** True when circular scratches turn around the origin of the object that uses this material. */
    public boolean scratchCentreFromObject() {
        return centreFromObject;
    }

    /** Sets the centre of circular scratches (world metres). */
    public void setScratchCentre(float x, float y, float z) {
        set(M_SCR_VEC, x, y, z);
    }
}
