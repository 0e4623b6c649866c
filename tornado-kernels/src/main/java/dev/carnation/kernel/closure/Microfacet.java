package dev.carnation.kernel.closure;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.kernel.sampling.DetMath;
import dev.carnation.kernel.sampling.Warp;

/**
 * Anisotropic Trowbridge-Reitz (GGX) distribution in the local frame (z = normal) with the
 * height-correlated Smith masking-shadowing G2 = 1 / (1 + Lambda(wo) + Lambda(wi)) and
 * visible-normal sampling (Heitz 2018, "Sampling the GGX Distribution of Visible Normals").
 */
public final class Microfacet {
    private Microfacet() {}

    /** Below this alpha a lobe is treated as a perfect mirror / refractor (Dirac delta). */
    public static final float SMOOTH_ALPHA = 1e-3f;

    public static float d(float mx, float my, float mz, float ax, float ay) {
        float r = 0f;
        if (mz > 0f) {
            float t = mx * mx / (ax * ax) + my * my / (ay * ay) + mz * mz;
            r = 1f / (Warp.PI * ax * ay * t * t);
        }
        return r;
    }

    public static float lambda(float wx, float wy, float wz, float ax, float ay) {
        float r = 1e30f;
        if (wz != 0f) {
            float a2t2 = (ax * ax * wx * wx + ay * ay * wy * wy) / (wz * wz);
            r = 0.5f * ((float) Math.sqrt(1f + a2t2) - 1f);
        }
        return r;
    }

    public static float g1(float wx, float wy, float wz, float ax, float ay) {
        return 1f / (1f + lambda(wx, wy, wz, ax, ay));
    }

    public static float g2(float ox, float oy, float oz, float ix, float iy, float iz, float ax, float ay) {
        return 1f / (1f + lambda(ox, oy, oz, ax, ay) + lambda(ix, iy, iz, ax, ay));
    }

    /** Density of visible normal m seen from wo (wo.z &gt; 0): G1(wo) max(0, wo.m) D(m) / wo.z. */
    public static float pdfVisible(float ox, float oy, float oz, float mx, float my, float mz, float ax, float ay) {
        float dot = ox * mx + oy * my + oz * mz;
        return g1(ox, oy, oz, ax, ay) * Math.max(0f, dot) * d(mx, my, mz, ax, ay) / oz;
    }

    /**
     * Unit half vector of wo and wi into S_M; returns |wo + wi| (0 when they cancel, and S_M is
     * then left as is).
     */
    public static float halfVector(float ox, float oy, float oz, float ix, float iy, float iz, float[] s) {
        float mx = ox + ix;
        float my = oy + iy;
        float mz = oz + iz;
        float ml = (float) Math.sqrt(mx * mx + my * my + mz * mz);
        if (ml > 0f) {
            s[S_M] = mx / ml;
            s[S_M + 1] = my / ml;
            s[S_M + 2] = mz / ml;
        }
        return ml;
    }

    /**
     * Samples a visible normal m for wo (into S_M) and reflects wo about it (into S_WI);
     * returns wo . m. The reflection may point below the surface: callers check S_WI's z.
     */
    public static float sampleReflection(float ox, float oy, float oz, float ax, float ay,
                                         float u1, float u2, float[] s) {
        sampleVisible(ox, oy, oz, ax, ay, u1, u2, s, S_M);
        float mx = s[S_M];
        float my = s[S_M + 1];
        float mz = s[S_M + 2];
        float dot = ox * mx + oy * my + oz * mz;
        s[S_WI] = 2f * dot * mx - ox;
        s[S_WI + 1] = 2f * dot * my - oy;
        s[S_WI + 2] = 2f * dot * mz - oz;
        return dot;
    }

    /** Samples a visible normal for wo (wo.z &gt; 0); writes it to out[o..o+2]. */
    public static void sampleVisible(float ox, float oy, float oz, float ax, float ay,
                                     float u1, float u2, float[] out, int o) {
        // Stretch to the hemisphere configuration.
        float vx = ax * ox;
        float vy = ay * oy;
        float vz = oz;
        float vl = (float) Math.sqrt(vx * vx + vy * vy + vz * vz);
        vx /= vl;
        vy /= vl;
        vz /= vl;
        float lensq = vx * vx + vy * vy;
        float t1x = 1f;
        float t1y = 0f;
        if (lensq > 1e-12f) {
            float il = 1f / (float) Math.sqrt(lensq);
            t1x = -vy * il;
            t1y = vx * il;
        }
        // T2 = V x T1 (T1 has no z component)
        float t2x = -vz * t1y;
        float t2y = vz * t1x;
        float t2z = vx * t1y - vy * t1x;
        float r = (float) Math.sqrt(u1);
        float phi = 2f * Warp.PI * u2;
        DetMath.sinCos(phi, out, o);
        float p1 = r * out[o + 1];
        float p2 = r * out[o];
        float sh = 0.5f * (1f + vz);
        p2 = (1f - sh) * (float) Math.sqrt(Math.max(0f, 1f - p1 * p1)) + sh * p2;
        float pz = (float) Math.sqrt(Math.max(0f, 1f - p1 * p1 - p2 * p2));
        float nx = p1 * t1x + p2 * t2x + pz * vx;
        float ny = p1 * t1y + p2 * t2y + pz * vy;
        float nz = p2 * t2z + pz * vz;
        // Unstretch.
        float mx = ax * nx;
        float my = ay * ny;
        float mz = Math.max(1e-6f, nz);
        float ml = (float) Math.sqrt(mx * mx + my * my + mz * mz);
        out[o] = mx / ml;
        out[o + 1] = my / ml;
        out[o + 2] = mz / ml;
    }
}
