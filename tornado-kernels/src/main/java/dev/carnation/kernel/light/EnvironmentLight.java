package dev.carnation.kernel.light;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.kernel.sampling.DetMath;
import dev.carnation.kernel.sampling.Warp;
import dev.carnation.kernel.texture.Texture;

/**
 * Equirectangular environment, rotated about +y. Direction (x, y, z) maps to
 * u = 1/2 + atan2(x, -z) / 2pi, v = theta / pi (theta from +y): the image centre looks down -z.
 * Importance sampling uses a piecewise-constant density over texels proportional to
 * luminance * sin(theta) (marginal cdf over rows, conditional cdf per row).
 */
public final class EnvironmentLight {
    private EnvironmentLight() {}

    public static boolean present(int[] sceneI) {
        return sceneI[H_ENV_TEX] >= 0;
    }

    /** Radiance arriving from world direction d, written to s[S_LE..]. */
    public static void eval(int[] sceneI, float[] sceneF, float[] texels, float dx, float dy, float dz, float[] s) {
        float c = sceneF[F_ENV_ROT_COS];
        float sn = sceneF[F_ENV_ROT_SIN];
        float lx = c * dx - sn * dz;
        float lz = sn * dx + c * dz;
        float u = 0.5f + DetMath.atan2(lx, -lz) * (0.5f * Warp.INV_PI);
        float v = DetMath.acos(dy) * Warp.INV_PI;
        Texture.lookupClampV(sceneI, texels, sceneI[H_ENV_TEX], u, v, s);
        float scale = sceneF[F_ENV_SCALE];
        for (int k = 0; k < 3; k++) {
            s[S_LE + k] = s[S_TEX + k] * scale;
        }
    }

    /** Solid-angle density with which sample() produces world direction d. */
    public static float pdf(int[] sceneI, float[] sceneF, float dx, float dy, float dz) {
        float c = sceneF[F_ENV_ROT_COS];
        float sn = sceneF[F_ENV_ROT_SIN];
        float lx = c * dx - sn * dz;
        float lz = sn * dx + c * dz;
        float u = 0.5f + DetMath.atan2(lx, -lz) * (0.5f * Warp.INV_PI);
        float theta = DetMath.acos(dy);
        float v = theta * Warp.INV_PI;
        int rec = sceneI[H_TEX_OFF] + sceneI[H_ENV_TEX] * TEX_STRIDE;
        int w = sceneI[rec + 1];
        int h = sceneI[rec + 2];
        int col = Math.min(w - 1, Math.max(0, (int) (u * w)));
        int row = Math.min(h - 1, Math.max(0, (int) (v * h)));
        float pdfUv = cellPdf(sceneI, sceneF, w, h, row, col);
        float sinT = (float) Math.sqrt(Math.max(0f, 1f - dy * dy));
        float r = 0f;
        if (sinT > 0f) {
            r = pdfUv / (2f * Warp.PI * Warp.PI * sinT);
        }
        return r;
    }

    static float cellPdf(int[] sceneI, float[] sceneF, int w, int h, int row, int col) {
        int marg = sceneI[H_ENV_MARG_OFF];
        int cond = sceneI[H_ENV_COND_OFF] + row * (w + 1);
        float pRow = (sceneF[marg + row + 1] - sceneF[marg + row]) * h;
        float pCol = (sceneF[cond + col + 1] - sceneF[cond + col]) * w;
        return pRow * pCol;
    }

    /** Samples a world direction into s[S_LWI..], its radiance into S_LE and density into S_LPDF. */
    public static boolean sample(int[] sceneI, float[] sceneF, float[] texels, float u1, float u2, float[] s) {
        int rec = sceneI[H_TEX_OFF] + sceneI[H_ENV_TEX] * TEX_STRIDE;
        int w = sceneI[rec + 1];
        int h = sceneI[rec + 2];
        int marg = sceneI[H_ENV_MARG_OFF];
        int row = Warp.searchCdf(sceneF, marg, h, u1);
        float r0 = sceneF[marg + row];
        float r1 = sceneF[marg + row + 1];
        float dv = (u1 - r0) / Math.max(1e-30f, r1 - r0);
        int cond = sceneI[H_ENV_COND_OFF] + row * (w + 1);
        int col = Warp.searchCdf(sceneF, cond, w, u2);
        float c0 = sceneF[cond + col];
        float c1 = sceneF[cond + col + 1];
        float du = (u2 - c0) / Math.max(1e-30f, c1 - c0);
        float u = (col + Math.min(du, 0.99999f)) / w;
        float v = (row + Math.min(dv, 0.99999f)) / h;
        float theta = v * Warp.PI;
        float phi = (u - 0.5f) * 2f * Warp.PI;
        DetMath.sinCos(theta, s, S_LWI);
        float st = s[S_LWI];
        float ly = s[S_LWI + 1];
        DetMath.sinCos(phi, s, S_LWI);
        float lx = st * s[S_LWI];
        float lz = -st * s[S_LWI + 1];
        float c = sceneF[F_ENV_ROT_COS];
        float sn = sceneF[F_ENV_ROT_SIN];
        // inverse rotation of eval()
        float dx = c * lx + sn * lz;
        float dz = -sn * lx + c * lz;
        s[S_LWI] = dx;
        s[S_LWI + 1] = ly;
        s[S_LWI + 2] = dz;
        float pdf = 0f;
        if (st > 0f) {
            pdf = cellPdf(sceneI, sceneF, w, h, row, col) / (2f * Warp.PI * Warp.PI * st);
        }
        s[S_LPDF] = pdf;
        s[S_LDIST] = 1e30f;
        eval(sceneI, sceneF, texels, dx, ly, dz, s);
        return pdf > 0f;
    }
}
