package dev.carnation.kernel.texture;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.kernel.sampling.DetMath;
import dev.carnation.kernel.sampling.Warp;

/**
 * Bilinear and trilinear (mip-mapped) lookups in linear RGBA float textures stored back to back in
 * one array. Texture coordinates repeat (environment maps clamp v); (0, 0) is the top-left texel
 * (the glTF convention). The mip chain and the level of detail are described in docs/textures.md.
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
     * Trilinear lookup into s[o..o+3]: the level of detail from foot2, the squared width of the
     * lookup's footprint in texture coordinates (1 = the whole texture), is lod = 0.5 log2(foot2 w h)
     * (the footprint's width in level-0 texels, as a power of two), clamped to the chain; the two
     * levels around it are blended. foot2 &lt;= 0, a footprint under one texel or a texture without a
     * chain give exactly the bilinear lookup of level 0. Returns the level of detail used. No loops:
     * this runs inside the surface branch of the path loop (docs/tornadovm-notes.md, item 5).
     */
    public static float lookupLod(int[] sceneI, float[] texels, int tex, float u, float v, float foot2, float[] s, int o) {
        int rec = sceneI[H_TEX_OFF] + tex * TEX_STRIDE;
        int w = sceneI[rec + 1];
        int h = sceneI[rec + 2];
        int levels = Math.max(1, sceneI[rec + TX_LEVELS]);
        float lod = 0f;
        if (levels > 1 && foot2 > 0f) {
            lod = 0.5f * log2AboveOne(foot2 * w * h);
        }
        lod = Math.min(lod, (float) (levels - 1));
        if (!(lod >= 0f)) {
            lod = 0f; // NaN from a degenerate footprint: level 0, never an undefined (int) NaN on a device
        }
        int l0 = (int) lod;
        float f = lod - l0;
        int l1 = Math.min(l0 + 1, levels - 1);
        for (int c = 0; c < 4; c++) {
            s[o + c] = 0f;
        }
        int off0 = sceneI[rec];
        if (l0 > 0) {
            off0 = sceneI[rec + TX_LEVEL_OFF + l0];
        }
        bilinearAdd(texels, off0, Math.max(1, w >> l0), Math.max(1, h >> l0), u, v, 1f - f, s, o);
        if (f > 0f) {
            bilinearAdd(texels, sceneI[rec + TX_LEVEL_OFF + l1], Math.max(1, w >> l1), Math.max(1, h >> l1), u, v, f, s, o);
        }
        return lod;
    }

    /**
     * log2(x) for x &gt; 1, 0 for x &lt;= 1, capped at 32: the exponent by five fixed halvings (exact
     * power-of-two scalings, no loop and no bit reinterpretation), the mantissa in [1, 2) by the
     * atanh series, so every backend computes the same bits.
     */
    public static float log2AboveOne(float x) {
        float m = Math.max(1f, Math.min(x, 4.0e9f));
        float e = 0f;
        if (m >= 65536f) {
            m = m * (1f / 65536f);
            e = e + 16f;
        }
        if (m >= 65536f) {
            m = m * (1f / 65536f);
            e = e + 16f;
        }
        if (m >= 256f) {
            m = m * (1f / 256f);
            e = e + 8f;
        }
        if (m >= 16f) {
            m = m * (1f / 16f);
            e = e + 4f;
        }
        if (m >= 4f) {
            m = m * 0.25f;
            e = e + 2f;
        }
        if (m >= 2f) {
            m = m * 0.5f;
            e = e + 1f;
        }
        return e + DetMath.logSeries(m) * 1.4426950408889634f;
    }

    /** Adds weight times the bilinear lookup (repeating) in the w x h level at off to s[o..o+3]. */
    static void bilinearAdd(float[] texels, int off, int w, int h, float u, float v, float weight, float[] s, int o) {
        float x = (u - Warp.floorToInt(u)) * w - 0.5f;
        float y = (v - Warp.floorToInt(v)) * h - 0.5f;
        int ix = Warp.floorToInt(x);
        int iy = Warp.floorToInt(y);
        float tx = x - ix;
        float ty = y - iy;
        int x0 = wrap(ix, w);
        int x1 = wrap(x0 + 1, w);
        int y0 = wrap(iy, h);
        int y1 = wrap(y0 + 1, h);
        int i00 = off + (y0 * w + x0) * 4;
        int i10 = off + (y0 * w + x1) * 4;
        int i01 = off + (y1 * w + x0) * 4;
        int i11 = off + (y1 * w + x1) * 4;
        for (int c = 0; c < 4; c++) {
            float a = texels[i00 + c] * (1f - tx) + texels[i10 + c] * tx;
            float b = texels[i01 + c] * (1f - tx) + texels[i11 + c] * tx;
            s[o + c] = s[o + c] + (a * (1f - ty) + b * ty) * weight;
        }
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
