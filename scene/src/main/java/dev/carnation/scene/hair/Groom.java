package dev.carnation.scene.hair;

import dev.carnation.scene.io.Fields;
import dev.carnation.scene.texture.Image;
import java.util.Map;

/**
 * A procedural groom: how strands grow from a region of a mesh. Lengths in millimetres, radii in
 * micrometres, densities per cm² of (world) surface; the comb direction is in the shape's own
 * coordinates, gravity pulls along world -y. Presets give the defaults that a scene's fields
 * override.
 *
 * @param density     strands per cm²
 * @param lengthMm    mean strand length
 * @param lengthJitter relative spread of lengths, uniform in ±jitter
 * @param rootRadiusUm radius at the root; it tapers towards tipRadiusUm, mostly near the tip
 * @param comb        0: strands leave along the surface normal, 1: flat along the comb direction
 * @param direction   the comb direction (shape coordinates)
 * @param curlRadiusMm radius of the helix a strand winds around its path (0: straight)
 * @param curlPeriodMm length of one turn of that helix
 * @param clumpsPerCm2 clump centres per cm² (0: no clumps)
 * @param clumping    how far a strand's tip is pulled onto its clump's guide (0..1)
 * @param gravity     droop along world -y (negative: strands curl up, as lashes do)
 * @param randomness  per-strand jitter of the growth direction (0..1)
 * @param points      points per strand (0: from the length, about one per 0.5 mm)
 * @param region      where strands may grow (null: the whole shape)
 */
public record Groom(double density, double lengthMm, double lengthJitter, double rootRadiusUm, double tipRadiusUm,
                    double comb, double[] direction, double curlRadiusMm, double curlPeriodMm, double clumpsPerCm2,
                    double clumping, double gravity, double randomness, int seed, int points, Region region) {

    /**
     * Where strands grow: a texture-coordinate box [u0, v0, u1, v1], a box in the shape's own
     * coordinates, and a mask whose luminance (0..1) at the root's texture coordinates is the
     * probability that the root is kept. Any of them may be null; all that are given apply.
     */
    public record Region(double[] uvBox, double[] boundsMin, double[] boundsMax, Image mask) {
        public boolean contains(double u, double v, double x, double y, double z) {
            boolean in = true;
            if (uvBox != null) {
                in = u >= uvBox[0] && u <= uvBox[2] && v >= uvBox[1] && v <= uvBox[3];
            }
            if (in && boundsMin != null) {
                in = x >= boundsMin[0] && x <= boundsMax[0] && y >= boundsMin[1] && y <= boundsMax[1]
                        && z >= boundsMin[2] && z <= boundsMax[2];
            }
            return in;
        }

        /** The mask's luminance at (u, v), wrapped, nearest texel, v up as in glTF; 1 without a mask. */
        public double keep(double u, double v) {
            if (mask == null) {
                return 1;
            }
            int w = mask.width();
            int h = mask.height();
            double fu = u - Math.floor(u);
            double fv = v - Math.floor(v);
            int x = Math.min(w - 1, (int) (fu * w));
            int y = Math.min(h - 1, (int) ((1 - fv) * h));
            float[] px = mask.rgba();
            int o = (y * w + x) * 4;
            return Math.min(1, Math.max(0, 0.2126 * px[o] + 0.7152 * px[o + 1] + 0.0722 * px[o + 2]));
        }
    }

    public static final String[] PRESETS = {"scalp", "eyebrows", "eyelashes", "stubble", "vellus"};

    /** Preset defaults: short-crop scalp hair, brows, lashes (curling up), stubble and fine vellus hair. */
    static final Map<String, Groom> DEFAULTS = Map.of(
            "scalp", new Groom(150, 25, 0.3, 45, 20, 0.75, new double[] {0, 0, -1}, 0, 20, 25, 0.35, 0.3, 0.15, 1, 0, null),
            "eyebrows", new Groom(80, 8, 0.35, 40, 15, 0.9, new double[] {1, 0.3, 0}, 0, 10, 0, 0, 0, 0.25, 1, 0, null),
            "eyelashes", new Groom(250, 9, 0.25, 50, 20, 0.45, new double[] {0, 0, 1}, 0, 10, 60, 0.3, -0.8, 0.1, 1, 0, null),
            "stubble", new Groom(90, 1.2, 0.4, 50, 40, 0.35, new double[] {0, -1, 0}, 0, 10, 0, 0, 0, 0.3, 1, 0, null),
            "vellus", new Groom(350, 2.5, 0.5, 15, 8, 0.6, new double[] {0, -1, 0}, 0, 10, 0, 0, 0.05, 0.35, 1, 0, null));

    /** The most strands one groom may grow, so a typo in a density cannot exhaust the heap slowly. */
    public static final long MAX_STRANDS = 5_000_000;

    /** Reads a groom entry: a preset (optional) and fields that override it; region given by the caller. */
    public static Groom parse(Fields g, Region region) {
        String preset = g.choice("preset", "scalp", PRESETS);
        Groom d = DEFAULTS.get(preset);
        double density = g.positive("density_per_cm2", d.density, 20_000);
        double length = g.positive("length_mm", d.lengthMm, 1000);
        double jitter = g.number("length_jitter", d.lengthJitter, 0, 0.95);
        double[] radius = g.vector("radius_um", d.rootRadiusUm, d.tipRadiusUm);
        for (int i = 0; i < 2; i++) {
            if (!(radius[i] >= 1 && radius[i] <= 2000)) {
                throw g.error("radius_um", "root and tip radii must be in [1, 2000] µm, got " + radius[i]);
            }
        }
        double comb = g.number("comb", d.comb, 0, 1);
        double[] dir = g.direction("direction", d.direction);
        double curlRadius = g.number("curl_radius_mm", d.curlRadiusMm, 0, 100);
        double curlPeriod = g.positive("curl_period_mm", d.curlPeriodMm, 1000);
        double clumps = g.number("clumps_per_cm2", d.clumpsPerCm2, 0, 1000);
        if (clumps > density) {
            throw g.error("clumps_per_cm2", "must not exceed density_per_cm2 (" + density + "): a clump gathers strands");
        }
        double clumping = g.number("clumping", d.clumping, 0, 1);
        double gravity = g.number("gravity", d.gravity, -1, 1);
        double randomness = g.number("randomness", d.randomness, 0, 1);
        int seed = g.integer("seed", 1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        int points = g.integer("points", 0, 0, 256);
        if (points == 1) {
            throw g.error("points", "a strand needs at least 2 points (0: from its length)");
        }
        return new Groom(density, length, jitter, radius[0], radius[1], comb, dir, curlRadius, curlPeriod, clumps, clumping,
                gravity, randomness, seed, points, region);
    }

    /** A preset with its defaults, in code (tests). */
    public static Groom preset(String name, int seed, Region region) {
        Groom d = DEFAULTS.get(name);
        if (d == null) {
            throw new IllegalArgumentException("no groom preset " + name);
        }
        return d.with(seed, region);
    }

    public Groom with(int newSeed, Region newRegion) {
        return new Groom(density, lengthMm, lengthJitter, rootRadiusUm, tipRadiusUm, comb, direction, curlRadiusMm,
                curlPeriodMm, clumpsPerCm2, clumping, gravity, randomness, newSeed, points, newRegion);
    }

    public Groom withDensity(double d) {
        return new Groom(d, lengthMm, lengthJitter, rootRadiusUm, tipRadiusUm, comb, direction, curlRadiusMm, curlPeriodMm,
                clumpsPerCm2, clumping, gravity, randomness, seed, points, region);
    }
}
