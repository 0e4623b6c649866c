package dev.carnation.kernel.closure;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.kernel.sampling.Warp;

/** Lambertian diffuse reflection, cosine-weighted sampling. Expects wo.z &gt; 0 (see Bsdf). */
public final class Lambert {
    private Lambert() {}

    public static boolean sample(float[] s, float u1, float u2) {
        Warp.concentricDisk(u1, u2, s, S_WI);
        float x = s[S_WI];
        float y = s[S_WI + 1];
        float z = (float) Math.sqrt(Math.max(0f, 1f - x * x - y * y));
        s[S_WI + 2] = z;
        for (int c = 0; c < NUM_CHANNELS; c++) {
            s[S_F + c] = s[S_MBASE + c];
        }
        s[S_PDF] = z * Warp.INV_PI;
        s[S_FLAGS] = BSDF_REFLECT + BSDF_DIFFUSE;
        s[S_SAMPLE_ETA] = 1f;
        return z > 0f;
    }

    public static float eval(float[] s, float wiz) {
        float pdf = 0f;
        for (int c = 0; c < NUM_CHANNELS; c++) {
            s[S_F + c] = 0f;
        }
        if (wiz > 0f) {
            for (int c = 0; c < NUM_CHANNELS; c++) {
                s[S_F + c] = s[S_MBASE + c] * Warp.INV_PI * wiz;
            }
            pdf = wiz * Warp.INV_PI;
        }
        return pdf;
    }
}
