package dev.carnation.kernel.closure;

import static dev.carnation.kernel.Layout.*;

/** Fills the material slots of a scratch array the way Surface.setup does for a hit. */
final class Materials {
    private Materials() {}

    static float[] scratch(int type, float ax, float ay) {
        float[] s = new float[S_SIZE];
        s[S_MTYPE] = type;
        s[S_MBASE] = s[S_MBASE + 1] = s[S_MBASE + 2] = 1f;
        s[S_AX] = ax;
        s[S_AY] = ay;
        s[S_ETA] = 1.5f;
        // gold-like conductor by default
        s[S_CN] = 0.18f;
        s[S_CN + 1] = 0.42f;
        s[S_CN + 2] = 1.37f;
        s[S_CK] = 3.1f;
        s[S_CK + 1] = 2.35f;
        s[S_CK + 2] = 1.77f;
        return s;
    }

    /** Skin's specular event: two GGX lobes mixed under a dielectric Fresnel (IOR 1.4). */
    static float[] skinSpec(float a1, float a2, float mix, float specScale) {
        float[] s = scratch(MAT_SKIN_SPEC, a1, a2);
        s[S_ETA] = 1.4f;
        s[S_MIX] = mix;
        s[S_SPECS] = specScale;
        return s;
    }

    static String describe(float[] s) {
        String[] names = {"lambert", "conductor", "dielectric", "emitter", "skin", "skin-specular", "hair"};
        return names[(int) s[S_MTYPE]] + " ax=" + s[S_AX] + " ay=" + s[S_AY];
    }
}
