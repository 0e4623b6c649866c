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
}
