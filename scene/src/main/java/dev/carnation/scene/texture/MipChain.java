package dev.carnation.scene.texture;

import static dev.carnation.kernel.Layout.MAX_TEX_LEVELS;

import java.util.ArrayList;
import java.util.List;

/**
 * A texture's mip chain (docs/textures.md): level 0 is the image, level k + 1 halves level k in
 * each direction (max(1, w / 2) x max(1, h / 2)) by a box filter in linear space, so every level
 * of a power-of-two texture has the base level's mean. An odd side folds its last row or column
 * into the last texel of the next level (a 3-wide box there). Normal maps need nothing special:
 * texels hold (n + 1) / 2, linear in n, so a level holds the encoded mean of the unnormalised
 * normals, whose length (at most 1) the kernel turns into extra roughness (Toksvig).
 */
public final class MipChain {
    private MipChain() {}

    /** Number of levels down to 1 x 1, at most MAX_TEX_LEVELS. */
    public static int levelCount(int width, int height) {
        int n = 1;
        int w = width;
        int h = height;
        while ((w > 1 || h > 1) && n < MAX_TEX_LEVELS) {
            w = Math.max(1, w / 2);
            h = Math.max(1, h / 2);
            n++;
        }
        return n;
    }

    /** The levels of img, level 0 (img itself) first; levels = 1 gives the image alone. */
    public static List<Image> build(Image img, int levels) {
        List<Image> out = new ArrayList<>(levels);
        out.add(img);
        Image cur = img;
        for (int k = 1; k < levels; k++) {
            cur = halve(cur);
            out.add(cur);
        }
        return out;
    }

    /** The next level: each texel the mean of the 2 x 2 (3 at an odd side's end) texels it covers. */
    public static Image halve(Image src) {
        int sw = src.width();
        int sh = src.height();
        int w = Math.max(1, sw / 2);
        int h = Math.max(1, sh / 2);
        float[] a = src.rgba();
        float[] o = new float[w * h * 4];
        for (int y = 0; y < h; y++) {
            int y0 = Math.min(2 * y, sh - 1);
            int y1 = y == h - 1 ? sh - 1 : 2 * y + 1;
            for (int x = 0; x < w; x++) {
                int x0 = Math.min(2 * x, sw - 1);
                int x1 = x == w - 1 ? sw - 1 : 2 * x + 1;
                int n = (y1 - y0 + 1) * (x1 - x0 + 1);
                for (int c = 0; c < 4; c++) {
                    double sum = 0;
                    for (int yy = y0; yy <= y1; yy++) {
                        for (int xx = x0; xx <= x1; xx++) {
                            sum += a[(yy * sw + xx) * 4 + c];
                        }
                    }
                    o[(y * w + x) * 4 + c] = (float) (sum / n);
                }
            }
        }
        return new Image(w, h, o);
    }
}
