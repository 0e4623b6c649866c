package dev.carnation.kernel.light;

import static dev.carnation.kernel.Layout.*;

/**
 * Light linking and shadow linking (Cycles 4's light and shadow sets): a light may light only some
 * receivers, and its shadow rays may pass through some blockers.
 *
 * <p>The host (scene/light/LightLinks) sorts the objects into at most 32 receiver groups (objects that
 * the same lights light) and 32 blocker groups (objects that block the same lights). Each object
 * record holds its groups as one bit each (O_RECEIVER, O_BLOCKER); each light holds the masks of the
 * groups it does not light (LI_EXCLUDE) and whose objects its shadow rays pass through (LI_IGNORE),
 * the environment the same in the header (H_ENV_EXCLUDE, H_ENV_IGNORE). A light lights a receiver
 * when (its exclude mask AND the receiver's bit) is 0. Without linking every mask and bit is 0 and
 * nothing changes: the tests are an AND and a compare, and no object table is read.
 *
 * <p>Only AND and compares on the masks, no shifts (a group's bit is made on the host): TornadoVM
 * 5.2 miscompiles shifts of negative ints, and bit 31 is negative.
 */
public final class LightLinking {
    private LightLinking() {}

    /** The receiver group bit of object, or 0 (excluded by nothing) in a scene without linking. */
    public static int receiverBit(int[] sceneI, int object) {
        int r = 0;
        if (sceneI[H_LINKING] != 0 && object >= 0) {
            r = sceneI[sceneI[H_OBJECT_OFF] + object * OBJ_STRIDE + O_RECEIVER];
        }
        return r;
    }

    /** Receiver groups that area light does not light (0: every receiver). */
    public static int excluded(int[] sceneI, int light) {
        return sceneI[sceneI[H_LIGHT_I_OFF] + light * LIGHT_I_STRIDE + LI_EXCLUDE];
    }

    /** Blocker groups the shadow rays of area light (or the environment, light -1) pass through. */
    public static int ignored(int[] sceneI, int light) {
        int r = sceneI[H_ENV_IGNORE];
        if (light >= 0) {
            r = sceneI[sceneI[H_LIGHT_I_OFF] + light * LIGHT_I_STRIDE + LI_IGNORE];
        }
        return r;
    }

    /** 1 when area light (or the environment, light -1) lights a receiver of group bit, else 0. */
    public static float lit(int[] sceneI, int light, int bit) {
        int mask = sceneI[H_ENV_EXCLUDE];
        if (light >= 0) {
            mask = excluded(sceneI, light);
        }
        float r = 1f;
        if ((mask & bit) != 0) {
            r = 0f;
        }
        return r;
    }

    /**
     * The share of a light's emission that BSDF-sampled hits carry at a vertex where MIS applies: 1
     * (MIS decides), or 0 for a light with shadow linking, which only light samples reach there. A
     * BSDF-sampled ray stops at a blocker the light's shadow rays pass through, so it cannot find
     * the light behind it: the light samples alone are unbiased for the linked visibility.
     */
    public static float bsdfShare(int[] sceneI, int light) {
        float r = 1f;
        if (ignored(sceneI, light) != 0) {
            r = 0f;
        }
        return r;
    }
}
