package dev.carnation.kernel.closure;

import static dev.carnation.kernel.Layout.*;

/**
 * Rough conductor: anisotropic GGX with exact complex-IOR Fresnel per RGB channel, tinted by the
 * base colour (1 for measured metals). Smooth when alpha is below Microfacet.SMOOTH_ALPHA.
 * Expects wo.z &gt; 0 (see Bsdf).
 */
public final class Conductor {
    private Conductor() {}

    public static boolean isSmooth(float[] s) {
        return Math.max(s[S_AX], s[S_AY]) < Microfacet.SMOOTH_ALPHA;
    }

    /** Writes F(cos) * tint to s[S_F..]. */
    static void fresnel(float[] s, float cos) {
        for (int c = 0; c < NUM_CHANNELS; c++) {
            s[S_F + c] = s[S_MBASE + c] * Fresnel.conductor(cos, s[S_CN + c], s[S_CK + c]);
        }
    }

    public static boolean sample(float[] s, float ox, float oy, float oz, float u1, float u2) {
        boolean ok = false;
        s[S_SAMPLE_ETA] = 1f;
        if (isSmooth(s)) {
            s[S_WI] = -ox;
            s[S_WI + 1] = -oy;
            s[S_WI + 2] = oz;
            fresnel(s, oz);
            s[S_PDF] = 1f;
            s[S_FLAGS] = BSDF_REFLECT + BSDF_SPECULAR;
            ok = true;
        } else {
            float ax = s[S_AX];
            float ay = s[S_AY];
            float dot = Microfacet.sampleReflection(ox, oy, oz, ax, ay, u1, u2, s);
            float mx = s[S_M];
            float my = s[S_M + 1];
            float mz = s[S_M + 2];
            float ix = s[S_WI];
            float iy = s[S_WI + 1];
            float iz = s[S_WI + 2];
            s[S_FLAGS] = BSDF_REFLECT + BSDF_GLOSSY;
            if (iz > 0f && dot > 0f) {
                float pdf = Microfacet.pdfVisible(ox, oy, oz, mx, my, mz, ax, ay) / (4f * dot);
                float w = Microfacet.g2(ox, oy, oz, ix, iy, iz, ax, ay) / Microfacet.g1(ox, oy, oz, ax, ay);
                fresnel(s, dot);
                for (int c = 0; c < NUM_CHANNELS; c++) {
                    s[S_F + c] *= w;
                }
                s[S_PDF] = pdf;
                ok = pdf > 0f;
            }
        }
        return ok;
    }

    public static float eval(float[] s, float ox, float oy, float oz, float ix, float iy, float iz) {
        float pdf = 0f;
        for (int c = 0; c < NUM_CHANNELS; c++) {
            s[S_F + c] = 0f;
        }
        if (!isSmooth(s) && oz > 0f && iz > 0f) {
            float ax = s[S_AX];
            float ay = s[S_AY];
            if (Microfacet.halfVector(ox, oy, oz, ix, iy, iz, s) > 0f) {
                float mx = s[S_M];
                float my = s[S_M + 1];
                float mz = s[S_M + 2];
                float dot = ox * mx + oy * my + oz * mz;
                float dg = Microfacet.d(mx, my, mz, ax, ay) * Microfacet.g2(ox, oy, oz, ix, iy, iz, ax, ay);
                float f = dg / (4f * oz);  // f * cos(i) = D G F / (4 cos o)
                fresnel(s, dot);
                for (int c = 0; c < NUM_CHANNELS; c++) {
                    s[S_F + c] *= f;
                }
                pdf = Microfacet.pdfVisible(ox, oy, oz, mx, my, mz, ax, ay) / (4f * dot);
            }
        }
        return pdf;
    }
}
