package dev.carnation.scene.material;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.scene.io.Assets;
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
        return c;
    }
}
