package dev.carnation.scene;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.scene.texture.Image;
import dev.carnation.scene.texture.MipChain;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Mip chains (docs/textures.md): sizes, means, and normal maps whose filtered normals shorten. */
class MipChainTest {
    static double[] mean(Image img) {
        double[] m = new double[4];
        float[] a = img.rgba();
        for (int i = 0; i < a.length; i++) {
            m[i % 4] += a[i];
        }
        for (int c = 0; c < 4; c++) {
            m[c] /= img.width() * img.height();
        }
        return m;
    }

    static Image random(int w, int h, long seed) {
        Random r = new Random(seed);
        float[] px = new float[w * h * 4];
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextFloat() * 4;
        }
        return new Image(w, h, px);
    }

    @Test
    void levelsHalveDownToOneTexel() {
        assertEquals(9, MipChain.levelCount(256, 64));
        assertEquals(1, MipChain.levelCount(1, 1));
        assertEquals(3, MipChain.levelCount(5, 7));
        assertEquals(16, MipChain.levelCount(1 << 20, 4), "capped at MAX_TEX_LEVELS");
        List<Image> chain = MipChain.build(random(256, 64, 1), 9);
        for (int k = 0; k < chain.size(); k++) {
            assertEquals(Math.max(1, 256 >> k), chain.get(k).width());
            assertEquals(Math.max(1, 64 >> k), chain.get(k).height());
        }
    }

    @Test
    void everyLevelOfAPowerOfTwoTextureKeepsTheMean() {
        Image base = random(128, 32, 2);
        double[] m0 = mean(base);
        for (Image level : MipChain.build(base, MipChain.levelCount(128, 32))) {
            double[] m = mean(level);
            for (int c = 0; c < 4; c++) {
                assertEquals(m0[c], m[c], 1e-5 * m0[c], level.width() + "x" + level.height() + " channel " + c);
            }
        }
    }

    @Test
    void oddSidesFoldTheirLastRowIntoTheNextLevel() {
        Image img = new Image(3, 1, new float[] {0, 0, 0, 1, 3, 3, 3, 1, 6, 6, 6, 1});
        Image next = MipChain.halve(img);
        assertEquals(1, next.width());
        assertEquals(3f, next.rgba()[0], 1e-6f, "a 3-wide box at the odd end");
    }

    /** Encoded unit normals average to encoded normals no longer than 1, shorter where they vary. */
    @Test
    void filteredNormalsShortenWhereTheMapVaries() {
        int n = 64;
        Random r = new Random(3);
        float[] px = new float[n * n * 4];
        for (int i = 0; i < n * n; i++) {
            double x = r.nextGaussian() * 0.3;
            double y = r.nextGaussian() * 0.3;
            double l = Math.sqrt(x * x + y * y + 1);
            px[i * 4] = (float) ((x / l + 1) / 2);
            px[i * 4 + 1] = (float) ((y / l + 1) / 2);
            px[i * 4 + 2] = (float) ((1 / l + 1) / 2);
            px[i * 4 + 3] = 1;
        }
        List<Image> chain = MipChain.build(new Image(n, n, px), MipChain.levelCount(n, n));
        double prev = 1;
        for (Image level : chain) {
            float[] a = level.rgba();
            double sum = 0;
            for (int i = 0; i < level.width() * level.height(); i++) {
                double x = 2 * a[i * 4] - 1;
                double y = 2 * a[i * 4 + 1] - 1;
                double z = 2 * a[i * 4 + 2] - 1;
                double len = Math.sqrt(x * x + y * y + z * z);
                assertTrue(len <= 1 + 1e-5, "length " + len);
                sum += len;
            }
            double meanLen = sum / (level.width() * level.height());
            assertTrue(meanLen <= prev + 1e-6, "lengths shrink level by level");
            prev = meanLen;
        }
        assertTrue(prev < 0.97, "the 1x1 level's normal is visibly shorter than 1: " + prev);
    }
}
