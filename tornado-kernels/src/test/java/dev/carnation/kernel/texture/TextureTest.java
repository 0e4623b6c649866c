package dev.carnation.kernel.texture;

import static dev.carnation.kernel.Layout.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Wrapping of ordinary textures against clamping of environment maps at the poles. */
class TextureTest {
    /** A 2x2 texture: top row red 1, bottom row red 0. */
    static final int[] SCENE_I = new int[HEADER_I + TEX_STRIDE];
    static final float[] TEXELS = {1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1};

    static {
        SCENE_I[H_TEX_OFF] = HEADER_I;
        SCENE_I[HEADER_I + 1] = 2;
        SCENE_I[HEADER_I + 2] = 2;
    }

    @Test
    void environmentLookupClampsAtThePoles() {
        float[] s = new float[S_SIZE];
        Texture.lookupClampV(SCENE_I, TEXELS, 0, 0.3f, 0f, s);
        assertEquals(1f, s[S_TEX], "the north pole shows the top row only");
        Texture.lookupClampV(SCENE_I, TEXELS, 0, 0.3f, 1f, s);
        assertEquals(0f, s[S_TEX], "the south pole shows the bottom row only");
        Texture.lookupClampV(SCENE_I, TEXELS, 0, 0.3f, 0.5f, s);
        assertEquals(0.5f, s[S_TEX], 1e-6f);
    }

    @Test
    void ordinaryTexturesRepeat() {
        float[] s = new float[S_SIZE];
        Texture.lookup(SCENE_I, TEXELS, 0, 0.3f, 0f, s);
        assertEquals(0.5f, s[S_TEX], 1e-6f, "v = 0 lies between the bottom row and the top row of the next tile");
    }

    /** A 4x4 texture with a 3-level chain: level 0 a 1-texel checker, levels 1 and 2 uniform 0.5. */
    static final int[] CHAIN_I = new int[HEADER_I + TEX_STRIDE];
    static final float[] CHAIN_T = new float[(16 + 4 + 1) * 4];

    static {
        CHAIN_I[H_TEX_OFF] = HEADER_I;
        CHAIN_I[HEADER_I + 1] = 4;
        CHAIN_I[HEADER_I + 2] = 4;
        CHAIN_I[HEADER_I + TX_LEVELS] = 3;
        CHAIN_I[HEADER_I + TX_LEVEL_OFF] = 0;
        CHAIN_I[HEADER_I + TX_LEVEL_OFF + 1] = 64;
        CHAIN_I[HEADER_I + TX_LEVEL_OFF + 2] = 80;
        for (int i = 0; i < 16; i++) {
            CHAIN_T[i * 4] = ((i % 4 + i / 4) & 1) == 0 ? 1f : 0f;
        }
        for (int i = 16; i < 21; i++) {
            CHAIN_T[i * 4] = 0.5f;
        }
    }

    @Test
    void noFootprintIsTheBilinearLookup() {
        float[] a = new float[S_SIZE];
        float[] b = new float[S_SIZE];
        for (float u = -0.9f; u < 1f; u += 0.137f) {
            Texture.lookup(CHAIN_I, CHAIN_T, 0, u, 0.61f * u + 0.1f, a);
            float lod = Texture.lookupLod(CHAIN_I, CHAIN_T, 0, u, 0.61f * u + 0.1f, 0f, b, S_TEX);
            assertEquals(0f, lod);
            assertEquals(a[S_TEX], b[S_TEX], "bit for bit");
            // Under a texel: still level 0.
            assertEquals(0f, Texture.lookupLod(CHAIN_I, CHAIN_T, 0, u, 0.3f, 0.5f / 16, b, S_TEX));
        }
    }

    @Test
    void footprintsPickAndBlendLevels() {
        float[] s = new float[S_SIZE];
        // A footprint 2 texels wide (foot2 = (2/4)^2): level 1 exactly, 0.5.
        assertEquals(1f, Texture.lookupLod(CHAIN_I, CHAIN_T, 0, 0.125f, 0.125f, 0.25f, s, S_TEX), 1e-6f);
        assertEquals(0.5f, s[S_TEX], 1e-6f);
        // Texel centre (0, 0) holds 1; half a level up blends 1 and 0.5.
        float lod = Texture.lookupLod(CHAIN_I, CHAIN_T, 0, 0.125f, 0.125f, 2f / 16, s, S_TEX);
        assertEquals(0.5f, lod, 1e-5f);
        assertEquals(0.75f, s[S_TEX], 1e-5f);
        // Beyond the chain: its last level.
        assertEquals(2f, Texture.lookupLod(CHAIN_I, CHAIN_T, 0, 0.3f, 0.7f, 1e6f, s, S_TEX));
        assertEquals(0.5f, s[S_TEX], 0f);
    }

    @Test
    void log2MatchesTheLibrary() {
        for (float x = 1.01f; x < 3e9f; x *= 1.37f) {
            assertEquals(Math.log(x) / Math.log(2), Texture.log2AboveOne(x), 2e-6 * Math.max(1, Math.log(x)), "x = " + x);
        }
        assertEquals(0f, Texture.log2AboveOne(0.25f));
    }
}
