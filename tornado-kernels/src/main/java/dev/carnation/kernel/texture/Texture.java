package dev.carnation.kernel.texture;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.kernel.sampling.Warp;

/**
 * Bilinear lookups in linear RGBA float textures stored back to back in one array.
 * Texture coordinates repeat (environment maps clamp v); (0, 0) is the top-left texel (the glTF convention).
 */
public final class Texture {
    private Texture() {}

    /** Writes RGBA to s[S_TEX..S_TEX+3]. */
    public static void lookup(int[] sceneI, float[] texels, int tex, float u, float v, float[] s) {
        lookup(sceneI, texels, tex, u, v, s, S_TEX);
    }

    /** Writes RGBA to s[o..o+3]. */
    public static void lookup(int[] sceneI, float[] texels, int tex, float u, float v, float[] s, int o) {
        bilinear(sceneI, texels, tex, u, v, 0, s, o);
    }

    /**
     * Repeats in u, clamps in v, into S_TEX: an equirectangular map, whose top and bottom rows are
     * the poles and must not blend with each other.
     */
    public static void lookupClampV(int[] sceneI, float[] texels, int tex, float u, float v, float[] s) {
        bilinear(sceneI, texels, tex, u, v, 1, s, S_TEX);
    }

    static void bilinear(int[] sceneI, float[] texels, int tex, float u, float v, int clampV, float[] s, int o) {
        int rec = sceneI[H_TEX_OFF] + tex * TEX_STRIDE;
        int off = sceneI[rec];
        int w = sceneI[rec + 1];
        int h = sceneI[rec + 2];
        float vv = v - Warp.floorToInt(v);
        if (clampV != 0) {
            vv = Math.max(0f, Math.min(1f, v));
        }
        float x = (u - Warp.floorToInt(u)) * w - 0.5f;
        float y = vv * h - 0.5f;
        int ix = Warp.floorToInt(x);
        int iy = Warp.floorToInt(y);
        float tx = x - ix;
        float ty = y - iy;
        int x0 = wrap(ix, w);
        int x1 = wrap(x0 + 1, w);
        int y0 = wrap(iy, h);
        int y1 = wrap(y0 + 1, h);
        if (clampV != 0) {
            y0 = Math.max(0, Math.min(h - 1, iy));
            y1 = Math.max(0, Math.min(h - 1, iy + 1));
        }
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
