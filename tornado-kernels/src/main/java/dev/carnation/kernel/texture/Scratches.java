package dev.carnation.kernel.texture;

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
        float inv = 1.0f / length;
        int cu = (int) Math.floor(u * inv);
        int cv = (int) Math.floor(v * inv);
        float mean = density * length * length;
        float half = 0.5f * width;
        float depth = SLOPE_AT_EDGE * width * 0.25f;
        float best = 0.0f;
        float sv = 0.0f;
        float hit = 0.0f;
        for (int k = 0; k < 9 * MAX_PER_CELL; k++) {
            int cell = k / MAX_PER_CELL;
            int j = k % MAX_PER_CELL;
            int iu = cu + cell % 3 - 1;
            int iv = cv + cell / 3 - 1;
            float count = (float) Math.floor(mean + Hammered.cellU(iu, iv, 0, seed, 1000));
            float su = (iu + Hammered.cellU(iu, iv, j, seed, 1001)) * length;
            float svc = (iv + Hammered.cellU(iu, iv, j, seed, 1002)) * length;
            float du = u - su;
            float dv = v - svc;
            float t = 1.0f - (dv / half) * (dv / half);
            // (j < count) picks this cell's scratches; |du| <= length/2 keeps to the segment
            if (j < count && Math.abs(du) <= 0.5f * length && t > 0.0f && depth * t > best) {
                best = depth * t;
                sv = 8.0f * depth * dv / (width * width);
                hit = 1.0f;
            }
        }
        out[o] = 0.0f;
        out[o + 1] = sv;
        out[o + 2] = hit;
    }
}
