package dev.carnation.kernel.texture;

import dev.carnation.kernel.sampling.Rng;
import dev.carnation.kernel.sampling.Warp;

/**
 * Procedural hammer facets: a cellular (jittered-grid Voronoi) field of shallow dimples, evaluated in 3D at a
 * point in metres, so the pattern has a physical scale whatever the mesh's UVs.
 *
 * <p>{@code size} is the facet size as seen on a surface: the mean distance between facet ridges along a line
 * (what a ruler across a hammered sheet measures). Internally one dimple centre is jittered in each cube of
 * edge {@code S = size / CHORD_PER_SPACING}; for that cellular field the mean chord is 0.69 S (measured in
 * HammeredTest, close to the Poisson-Voronoi value 0.687). Each point belongs to the dimple of the nearest
 * centre f; the dimple is a paraboloid (the small-slope form of a spherical cap)
 * {@code h(p) = depth * (|p - f| / (S/2))^2}, so its gradient is analytic, {@code grad h = 8 depth (p - f) / S^2}
 * (slope {@code 4 depth / S} at |p - f| = S/2). Cell boundaries are the facet ridges (the slope jumps there).
 *
 * <p>Kernel rules (TornadoVM): no allocation, no break, a constant 27-cell loop, hashing through {@link Rng#pcg}
 * (masked shifts only, correct for negative cell coordinates), results written to an output array.
 */
public final class Hammered {
    private Hammered() {}

    /** Mean chord of the jittered-grid cellular field in units of its grid spacing (measured, see the tests). */
    public static final float CHORD_PER_SPACING = 0.69f;

    /**
     * Mean squared tangential slope on a surface relative to (4 depth / S)^2: the 3D mean is 1.2 (measured in
     * HammeredTest), two thirds of it lie in a tangent plane.
     */
    public static final float MEAN_SQ_SLOPE_REL = 0.8f;

    static float cellU(int ix, int iy, int iz, int seed, int dim) {
        int h = Rng.pcg(dim + Rng.pcg(seed));
        h = Rng.pcg(ix ^ h);
        h = Rng.pcg(iy ^ h);
        h = Rng.pcg(iz ^ h);
        return Rng.lsr(h, 8) * (1.0f / 16777216.0f);
    }

    /**
     * The gradient of the height field at (px, py, pz) (metres), written to out[o..o+2] (dimensionless slope,
     * world axes), and the index of the nearest dimple's cell, hashed, to out[o+3] (for tests and masks).
     * The caller projects the gradient onto the tangent plane: n' = normalize(n - (g - (g.n) n)).
     */
    public static void gradient(float px, float py, float pz, float size, float depth, int seed,
                                float[] out, int o) {
        float spacing = size * (1.0f / CHORD_PER_SPACING);
        float inv = 1.0f / spacing;
        // Warp.floorToInt, not Math.floor: the latter does not compile on TornadoVM's OpenCL backend.
        int cx = Warp.floorToInt(px * inv);
        int cy = Warp.floorToInt(py * inv);
        int cz = Warp.floorToInt(pz * inv);
        float best = 3.4e38f;
        float bx = 0f;
        float by = 0f;
        float bz = 0f;
        float bid = 0f;
        for (int k = 0; k < 27; k++) {
            int dx = k % 3 - 1;
            int dy = (k / 3) % 3 - 1;
            int dz = k / 9 - 1;
            int ix = cx + dx;
            int iy = cy + dy;
            int iz = cz + dz;
            float qx = (ix + cellU(ix, iy, iz, seed, 0)) * spacing;
            float qy = (iy + cellU(ix, iy, iz, seed, 1)) * spacing;
            float qz = (iz + cellU(ix, iy, iz, seed, 2)) * spacing;
            float ex = px - qx;
            float ey = py - qy;
            float ez = pz - qz;
            float d2 = ex * ex + ey * ey + ez * ez;
            if (d2 < best) {
                best = d2;
                bx = ex;
                by = ey;
                bz = ez;
                bid = (float) (Rng.lsr(Rng.pcg(ix * 73856093 ^ iy * 19349663 ^ iz * 83492791), 8));
            }
        }
        float s = 8.0f * depth * inv * inv;
        out[o] = s * bx;
        out[o + 1] = s * by;
        out[o + 2] = s * bz;
        out[o + 3] = bid;
    }

    /**
     * How much of the facet slope survives a pixel footprint of width {@code footprint} (metres): 1 when the
     * footprint is far below the facet size, falling smoothly to 0 as it covers several facets. The slope
     * variance removed, {@code (1 - w^2) * MEAN_SQ_SLOPE_REL * (4 depth / S)^2}, is added to the
     * microfacet roughness (alpha^2 += it), a Toksvig-like widening, by {@link #lostSlopeVariance}.
     */
    public static float filterWeight(float footprint, float size) {
        float r = footprint / (0.5f * size);
        return 1.0f / (1.0f + r * r);
    }

    public static float lostSlopeVariance(float footprint, float size, float depth) {
        float w = filterWeight(footprint, size);
        float rim = 4.0f * depth * CHORD_PER_SPACING / size;
        return (1.0f - w * w) * MEAN_SQ_SLOPE_REL * rim * rim;
    }

    /**
     * Perturbs the unit shading normal n (n[o..o+2]) by the tangential part of the slope g (g[go..go+2]) scaled
     * by w, in place, and renormalises. The tangential slope is clamped to 1 (a tilt of at most 45 degrees), so
     * the perturbed normal stays on n's side whatever the parameters. Never NaN: a degenerate result keeps n.
     */
    public static void perturb(float[] n, int o, float[] g, int go, float w) {
        float nx = n[o];
        float ny = n[o + 1];
        float nz = n[o + 2];
        float gx = g[go] * w;
        float gy = g[go + 1] * w;
        float gz = g[go + 2] * w;
        float gn = gx * nx + gy * ny + gz * nz;
        float ux = gx - gn * nx;
        float uy = gy - gn * ny;
        float uz = gz - gn * nz;
        float u2 = ux * ux + uy * uy + uz * uz;
        float c = 1.0f;
        if (u2 > 1.0f) {
            c = (float) (1.0 / Math.sqrt(u2));
        }
        float tx = nx - c * ux;
        float ty = ny - c * uy;
        float tz = nz - c * uz;
        float l2 = tx * tx + ty * ty + tz * tz;
        if (l2 > 1e-12f && l2 < 3.4e38f) {
            float il = (float) (1.0 / Math.sqrt(l2));
            n[o] = tx * il;
            n[o + 1] = ty * il;
            n[o + 2] = tz * il;
        }
    }
}
