package dev.carnation.kernel.geom;

import static dev.carnation.kernel.Layout.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Roughness from filtered normal maps (docs/textures.md): alpha^2 += (1 - |n|) / (2 |n|) times min(1, lod). */
class ToksvigTest {
    static float[] encoded(float x, float y, float z) {
        float[] s = new float[S_SIZE];
        s[S_TEX] = (x + 1f) / 2f;
        s[S_TEX + 1] = (y + 1f) / 2f;
        s[S_TEX + 2] = (z + 1f) / 2f;
        return s;
    }

    @Test
    void aUnitNormalAddsNothing() {
        assertEquals(0f, Surface.normalVariance(encoded(0.6f, 0f, 0.8f), 3f), 1e-6f);
    }

    @Test
    void aShortNormalAddsItsVarianceFromLevelOneOn() {
        // |n| = 0.8: (1 - 0.8) / (2 * 0.8) = 0.125.
        float[] s = encoded(0f, 0.48f, 0.64f);
        assertEquals(0.125f, Surface.normalVariance(s, 2f), 1e-5f);
        assertEquals(0.0625f, Surface.normalVariance(s, 0.5f), 1e-5f, "faded in over the first level");
        assertEquals(0f, Surface.normalVariance(s, 0f), "level 0 is the map itself");
    }

    @Test
    void aVanishingNormalIsClamped() {
        assertEquals(9.5f, Surface.normalVariance(encoded(0f, 0f, 0f), 1f), 1e-4f, "|n| clamped to 0.05");
    }
}
