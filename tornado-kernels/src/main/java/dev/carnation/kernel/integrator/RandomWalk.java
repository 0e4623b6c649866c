package dev.carnation.kernel.integrator;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.kernel.geom.Surface;
import dev.carnation.kernel.geom.Traversal;
import dev.carnation.kernel.sampling.DetMath;
import dev.carnation.kernel.sampling.Rng;

/**
 * Random-walk subsurface scattering in a homogeneous medium bounded by the mesh (the approach of
 * Cycles, Arnold and pbrt-v4's volumetric path tracer): enter through the surface with a
 * cosine-weighted (Lambertian) transmission, sample free flights with one of the three channels'
 * extinction chosen uniformly and weight all channels by the balance heuristic over channels
 * (spectral MIS), scatter with Henyey-Greenstein, and leave where a flight crosses the boundary.
 * The caller continues the path from the exit point with a Lambertian exit lobe.
 */
public final class RandomWalk {
    private RandomWalk() {}

    public static final int MAX_STEPS = 4096;
    /** Random dimensions of walks live far from the path's own. */
    public static final int DIM_BASE = 1 << 20;

    /**
     * Walks from the hit in s (S_P, S_NG, S_SSS_*), with the path throughput in S_THR. On exit,
     * writes the exit point to S_P, the outward geometric normal to S_NG and S_N, the throughput to
     * S_THR, and returns the rays traced; a negative return means the walk was absorbed or lost
     * (the path ends), its magnitude the rays traced.
     */
    public static int walk(int pixel, int sample, int depth, int[] sceneI, float[] sceneF, float[] texels,
                           int[] frameI, float eps, float[] s, int[] stack) {
        int seed = frameI[FI_SEED];
        float st0 = s[S_SSS_ST];
        float st1 = s[S_SSS_ST + 1];
        float st2 = s[S_SSS_ST + 2];
        float ss0 = st0 * s[S_SSS_AL];
        float ss1 = st1 * s[S_SSS_AL + 1];
        float ss2 = st2 * s[S_SSS_AL + 2];
        float g = s[S_SSS_G];
        float nx = s[S_NG];
        float ny = s[S_NG + 1];
        float nz = s[S_NG + 2];
        // The entry side: the geometric normal points out of the medium towards where we came from.
        float px = s[S_P] - nx * eps;
        float py = s[S_P + 1] - ny * eps;
        float pz = s[S_P + 2] - nz * eps;
        int dim = DIM_BASE + depth * (MAX_STEPS * 4 + 4);
        // Cosine-weighted direction about -n.
        basis(-nx, -ny, -nz, s);
        float u1 = Rng.u01(pixel, sample, dim, seed);
        float u2 = Rng.u01(pixel, sample, dim + 1, seed);
        float r = (float) Math.sqrt(u1);
        DetMath.sinCos(2f * DetMath.PI * u2, s, S_WI);
        float lx = r * s[S_WI + 1];
        float ly = r * s[S_WI];
        float lz = (float) Math.sqrt(Math.max(0f, 1f - u1));
        float dx = lx * s[S_TG] + ly * s[S_BT] - lz * nx;
        float dy = lx * s[S_TG + 1] + ly * s[S_BT + 1] - lz * ny;
        float dz = lx * s[S_TG + 2] + ly * s[S_BT + 2] - lz * nz;
        // Everything the loop decides lives in the private array, not in locals: TornadoVM 5.2
        // mis-merges loop-carried locals at the exit of a loop nested in the path loop
        // (docs/tornadovm-notes.md), memory is immune.
        s[S_WALK] = 0f;
        s[S_WALK_RAYS] = 0f;
        int step = 0;
        while (s[S_WALK] == 0f) {
            int d = dim + 4 + step * 4;
            float uc = Rng.u01(pixel, sample, d, seed);
            float ud = Rng.u01(pixel, sample, d + 1, seed);
            float sigma = st2;
            if (uc < 1f / 3f) {
                sigma = st0;
            } else if (uc < 2f / 3f) {
                sigma = st1;
            }
            float flight = -DetMath.logUnit(1f - ud) / sigma;
            s[S_WALK_RAYS] = s[S_WALK_RAYS] + 1f;
            // Unbounded: one ray says whether the boundary comes first, and a walk that has left an
            // open mesh (no boundary ahead at all) is known to be lost.
            int tri = Traversal.closestHit(sceneI, sceneF, s, stack, px, py, pz, dx, dy, dz, 1e30f);
            if (tri < 0) {
                s[S_WALK] = 2f;
            } else if (s[S_T] <= flight) {
                float dist = s[S_T];
                float e0 = DetMath.expNeg(-st0 * dist);
                float e1 = DetMath.expNeg(-st1 * dist);
                float e2 = DetMath.expNeg(-st2 * dist);
                float pdf = (e0 + e1 + e2) / 3f;
                s[S_THR] = s[S_THR] * e0 / pdf;
                s[S_THR + 1] = s[S_THR + 1] * e1 / pdf;
                s[S_THR + 2] = s[S_THR + 2] * e2 / pdf;
                // Exit point and geometric normal only: the exit lobe is Lambertian, so no
                // shading frame or material lookup is needed (and keeping the walk small lets
                // TornadoVM inline it).
                s[S_P] = px + dx * dist;
                s[S_P + 1] = py + dy * dist;
                s[S_P + 2] = pz + dz * dist;
                Surface.geometricNormal(sceneI, sceneF, tri, s);
                float gx = s[S_NG];
                float gy = s[S_NG + 1];
                float gz = s[S_NG + 2];
                if (gx * dx + gy * dy + gz * dz < 0f) {
                    gx = -gx;
                    gy = -gy;
                    gz = -gz;
                }
                s[S_NG] = gx;
                s[S_NG + 1] = gy;
                s[S_NG + 2] = gz;
                s[S_N] = gx;
                s[S_N + 1] = gy;
                s[S_N + 2] = gz;
                s[S_WALK] = 1f;
            } else {
                float e0 = DetMath.expNeg(-st0 * flight);
                float e1 = DetMath.expNeg(-st1 * flight);
                float e2 = DetMath.expNeg(-st2 * flight);
                float pdf = (st0 * e0 + st1 * e1 + st2 * e2) / 3f;
                s[S_THR] = s[S_THR] * ss0 * e0 / pdf;
                s[S_THR + 1] = s[S_THR + 1] * ss1 * e1 / pdf;
                s[S_THR + 2] = s[S_THR + 2] * ss2 * e2 / pdf;
                px = px + dx * flight;
                py = py + dy * flight;
                pz = pz + dz * flight;
                sampleHg(g, Rng.u01(pixel, sample, d + 2, seed), Rng.u01(pixel, sample, d + 3, seed), dx, dy, dz, s);
                dx = s[S_WI];
                dy = s[S_WI + 1];
                dz = s[S_WI + 2];
                // Russian roulette on the walk's throughput once it has lost most of its energy.
                float m = Math.max(s[S_THR], Math.max(s[S_THR + 1], s[S_THR + 2]));
                if (m < 0.25f) {
                    float q = Math.max(0.05f, m * 4f);
                    if (Rng.u01(pixel, sample, DIM_BASE - 1 - step, seed ^ 0x5bd1e995) >= q) {
                        s[S_WALK] = 2f;
                    } else {
                        s[S_THR] = s[S_THR] / q;
                        s[S_THR + 1] = s[S_THR + 1] / q;
                        s[S_THR + 2] = s[S_THR + 2] / q;
                    }
                }
                step = step + 1;
                if (step >= MAX_STEPS) {
                    s[S_WALK] = 2f;
                }
            }
        }
        int result = (int) s[S_WALK_RAYS];
        if (s[S_WALK] != 1f) {
            result = -result;
        }
        return result;
    }

    /** Henyey-Greenstein direction about (dx, dy, dz), written to S_WI. */
    static void sampleHg(float g, float u1, float u2, float dx, float dy, float dz, float[] s) {
        float cos = 1f - 2f * u1;
        if (Math.abs(g) > 1e-3f) {
            float k = (1f - g * g) / (1f - g + 2f * g * u1);
            cos = (1f + g * g - k * k) / (2f * g);
        }
        cos = Math.max(-1f, Math.min(1f, cos));
        float sin = (float) Math.sqrt(Math.max(0f, 1f - cos * cos));
        basis(dx, dy, dz, s);
        DetMath.sinCos(2f * DetMath.PI * u2, s, S_WI);
        float a = sin * s[S_WI + 1];
        float b = sin * s[S_WI];
        float wx = a * s[S_TG] + b * s[S_BT] + cos * dx;
        float wy = a * s[S_TG + 1] + b * s[S_BT + 1] + cos * dy;
        float wz = a * s[S_TG + 2] + b * s[S_BT + 2] + cos * dz;
        float l = (float) Math.sqrt(wx * wx + wy * wy + wz * wz);
        s[S_WI] = wx / l;
        s[S_WI + 1] = wy / l;
        s[S_WI + 2] = wz / l;
    }

    /** Orthonormal tangents of unit n into S_TG and S_BT (Duff et al. 2017). */
    static void basis(float nx, float ny, float nz, float[] s) {
        float sg = 1f;
        if (nz < 0f) {
            sg = -1f;
        }
        float a = -1f / (sg + nz);
        float b = nx * ny * a;
        s[S_TG] = 1f + sg * nx * nx * a;
        s[S_TG + 1] = sg * b;
        s[S_TG + 2] = -sg * nx;
        s[S_BT] = b;
        s[S_BT + 1] = sg + ny * ny * a;
        s[S_BT + 2] = -ny;
    }
}
