package dev.carnation.kernel.texture;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.kernel.sampling.Warp;

/**
 * Bilinear lookups in linear RGBA float textures stored back to back in one array.
 * Texture coordinates repeat; (0, 0) is the top-left texel (the glTF convention).
 */
public final class Texture {
    private Texture() {}

    /** Writes RGBA to s[S_TEX..S_TEX+3]. */
    public static void lookup(int[] sceneI, float[] texels, int tex, float u, float v, float[] s) {
        lookup(sceneI, texels, tex, u, v, s, S_TEX);
    }

    /** Writes RGBA to s[o..o+3]. */
    public static void lookup(int[] sceneI, float[] texels, int tex, float u, float v, float[] s, int o) {
        int rec = sceneI[H_TEX_OFF] + tex * TEX_STRIDE;
        int off = sceneI[rec];
        int w = sceneI[rec + 1];
        int h = sceneI[rec + 2];
        float x = (u - Warp.floorToInt(u)) * w - 0.5f;
        float y = (v - Warp.floorToInt(v)) * h - 0.5f;
        int ix = Warp.floorToInt(x);
        int iy = Warp.floorToInt(y);
        float tx = x - ix;
        float ty = y - iy;
        int x0 = wrap(ix, w);
        int y0 = wrap(iy, h);
        int x1 = wrap(x0 + 1, w);
        int y1 = wrap(y0 + 1, h);
        int i00 = off + (y0 * w + x0) * 4;
        int i10 = off + (y0 * w + x1) * 4;
        int i01 = off + (y1 * w + x0) * 4;
        int i11 = off + (y1 * w + x1) * 4;
        for (int c = 0; c < 4; c++) {
            float a = texels[i00 + c] * (1f - tx) + texels[i10 + c] * tx;
            float b = texels[i01 + c] * (1f - tx) + texels[i11 + c] * tx;
            s[o + c] = a * (1f - ty) + b * ty;
        }
    }

    /** Index in [0, n) for any i &gt;= -n; avoids % of negatives (TornadoVM shift lowering). */
    public static int wrap(int i, int n) {
        int r = i;
        if (r < 0) {
            r = r + n;
        }
        if (r >= n) {
            r = r - n;
        }
        return r;
    }
}
