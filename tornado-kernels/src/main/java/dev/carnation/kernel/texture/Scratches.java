package dev.carnation.kernel.texture;

import dev.carnation.kernel.sampling.Warp;

/**
 * Procedural directional micro-scratches, in a 2D frame of the surface: u along the scratch direction, v across
 * it (metres). Scratches are straight grooves of length {@code length} and width {@code width} whose centres are
 * scattered with {@code density} per square metre: cells of edge {@code length} hold a Poisson-like count
 * (rounded from density * length^2 with a hashed dither, at most {@link #MAX_PER_CELL}: a density above
 * MAX_PER_CELL / length^2 is clamped there, which the scene loader should reject or warn about), so the constant-size
 * loop runs over the 3x3 neighbour cells times MAX_PER_CELL candidates. A groove is a parabolic trough across
 * v, {@code h = -depth (1 - (2 dv / width)^2)} for |dv| &lt; width/2 with {@code depth = SLOPE_AT_EDGE * width / 4},
 * so the slope is {@code dh/dv = 8 depth dv / width^2} across and 0 along: scratches perturb the normal across
 * their direction only. Where grooves overlap, the deepest point wins (one slope, never a sum).
 */
public final class Scratches {
    private Scratches() {}

    public static final int MAX_PER_CELL = 8;
    /** Slope of a groove's wall at its edge (a tilt of about 22 degrees): burnishing scratches are shallow. */
    public static final float SLOPE_AT_EDGE = 0.4f;

    /**
     * Writes the height-field slope (d h / d u, d h / d v) at (u, v) to out[o], out[o+1] and 1 if the point lies
     * in a groove (else 0) to out[o+2]. Cell hashing uses Hammered.cellU (masked shifts, negative cells fine).
     */
    public static void slope(float u, float v, float density, float length, float width, int seed,
                             float[] out, int o) {
        slope(u, v, density, length, width, seed, 0f, out, o);
    }

    /**
     * As {@link #slope(float, float, float, float, float, int, float[], int)}, with each scratch turned by its own
     * hashed angle when {@code spin} is 1 (orientations uniform over the half circle: "random" scratches), along u
     * when it is 0. The angle comes from the double-angle form of two short polynomials on [-pi/4, pi/4] (no
     * quadrant branches, no library trigonometry); at spin 0 the turn is exactly the identity. A scratch of length
     * {@code length} centred in a cell reaches at most one cell away at any angle, so the 3x3 cells still suffice.
     * The slope is across each scratch: (d h / d u, d h / d v) = sv (-sin a, cos a).
     */
    public static void slope(float u, float v, float density, float length, float width, int seed, float spin,
                             float[] out, int o) {
        float inv = 1.0f / length;
        int cu = Warp.floorToInt(u * inv);
        int cv = Warp.floorToInt(v * inv);
        float mean = density * length * length;
        float half = 0.5f * width;
        float depth = SLOPE_AT_EDGE * width * 0.25f;
        float best = 0.0f;
        float sv = 0.0f;
        float bs = 0.0f;
        float bc = 1.0f;
        float hit = 0.0f;
        for (int k = 0; k < 9 * MAX_PER_CELL; k++) {
            int cell = k / MAX_PER_CELL;
            int j = k % MAX_PER_CELL;
            int iu = cu + cell % 3 - 1;
            int iv = cv + cell / 3 - 1;
            float count = (float) Warp.floorToInt(mean + Hammered.cellU(iu, iv, 0, seed, 1000));
            float su = (iu + Hammered.cellU(iu, iv, j, seed, 1001)) * length;
            float svc = (iv + Hammered.cellU(iu, iv, j, seed, 1002)) * length;
            // half the scratch's angle, in [-pi/4, pi/4): cos a = c^2 - s^2, sin a = 2 s c
            float r = spin * (Hammered.cellU(iu, iv, j, seed, 1003) - 0.5f) * 1.5707964f;
            float r2 = r * r;
            float sp = r + r * r2 * (-1f / 6f + r2 * (1f / 120f + r2 * (-1f / 5040f + r2 * (1f / 362880f))));
            float cp = 1f + r2 * (-0.5f + r2 * (1f / 24f + r2 * (-1f / 720f + r2 * (1f / 40320f))));
            float ca = cp * cp - sp * sp;
            float sa = 2f * sp * cp;
            float eu = u - su;
            float ev = v - svc;
            float du = ca * eu + sa * ev;
            float dv = ca * ev - sa * eu;
            float t = 1.0f - (dv / half) * (dv / half);
            // (j < count) picks this cell's scratches; |du| <= length/2 keeps to the segment
            if (j < count && Math.abs(du) <= 0.5f * length && t > 0.0f && depth * t > best) {
                best = depth * t;
                sv = 8.0f * depth * dv / (width * width);
                bs = sa;
                bc = ca;
                hit = 1.0f;
            }
        }
        out[o] = 0.0f - sv * bs;
        out[o + 1] = sv * bc;
        out[o + 2] = hit;
    }
}
