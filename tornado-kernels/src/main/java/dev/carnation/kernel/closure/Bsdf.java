package dev.carnation.kernel.closure;

import static dev.carnation.kernel.Layout.*;

/**
 * Dispatch over material types, in the local shading frame. Opaque lobes (diffuse, conductor) are
 * two-sided: when wo is below the surface the frame is mirrored so each lobe only sees wo.z &gt; 0.
 * Hair is not mirrored: its frame is the fibre's (x along it, see Hair) and it scatters all round.
 * Sample fills the sample record: S_WI (local), S_F (f |cos| / pdf), S_PDF, S_FLAGS (BSDF_* of
 * the chosen lobe: reflect or transmit; diffuse, glossy or specular) and S_SAMPLE_ETA (the relative
 * IOR a transmission crossed, else 1). Eval writes S_F (f |cos|) and returns the pdf of sampling wi.
 */
public final class Bsdf {
    private Bsdf() {}

    /**
     * Material-specific parameters at the hit, after Surface.setup has read the shared ones (base
     * colour, roughness as alpha, IOR, textures): a closure that needs more reads them here.
     */
    public static void setup(int[] sceneI, float[] sceneF, float[] texels, int m, float u, float v, float rough, float[] s) {
        int type = (int) sceneF[m + M_TYPE];
        if (type == MAT_SUBSURFACE) {
            Subsurface.setup(sceneI, sceneF, texels, m, u, v, rough, s);
        } else if (type == MAT_HAIR) {
            Hair.setup(sceneF, m, s);
        }
    }

    public static boolean sample(float[] s, float ox, float oy, float oz, float uLobe, float u1, float u2) {
        int type = (int) s[S_MTYPE];
        boolean ok = false;
        if (type == MAT_DIELECTRIC) {
            ok = Dielectric.sample(s, ox, oy, oz, uLobe, u1, u2);
        } else if (type == MAT_SKIN_SPEC) {
            ok = oz > 0f && Subsurface.sample(s, ox, oy, oz, uLobe, u1, u2);
        } else if (type == MAT_HAIR) {
            ok = Hair.sample(s, ox, oy, oz, uLobe, u1, u2);
        } else if (type == MAT_DIFFUSE || type == MAT_CONDUCTOR) {
            float flip = 1f;
            if (oz < 0f) {
                flip = -1f;
            }
            if (type == MAT_DIFFUSE) {
                ok = Lambert.sample(s, u1, u2);
            } else {
                ok = Conductor.sample(s, ox, oy, oz * flip, u1, u2);
            }
            s[S_WI + 2] *= flip;
        }
        return ok;
    }

    public static float eval(float[] s, float ox, float oy, float oz, float ix, float iy, float iz) {
        int type = (int) s[S_MTYPE];
        float pdf = 0f;
        for (int c = 0; c < NUM_CHANNELS; c++) {
            s[S_F + c] = 0f;
        }
        if (type == MAT_DIELECTRIC) {
            pdf = Dielectric.eval(s, ox, oy, oz, ix, iy, iz);
        } else if (type == MAT_SKIN_SPEC) {
            pdf = Subsurface.eval(s, ox, oy, oz, ix, iy, iz);
        } else if (type == MAT_HAIR) {
            pdf = Hair.eval(s, ox, oy, oz, ix, iy, iz);
        } else if (type == MAT_DIFFUSE || type == MAT_CONDUCTOR) {
            float flip = 1f;
            if (oz < 0f) {
                flip = -1f;
            }
            if (type == MAT_DIFFUSE) {
                if (oz != 0f) {
                    pdf = Lambert.eval(s, iz * flip);
                }
            } else {
                pdf = Conductor.eval(s, ox, oy, oz * flip, ix, iy, iz * flip);
            }
        }
        return pdf;
    }

    /** True when the last sample record carries flag (one of BSDF_*). */
    public static boolean has(float[] s, int flag) {
        return ((int) s[S_FLAGS] & flag) != 0;
    }

    /** True when every lobe of the material is a delta, so light sampling cannot help. */
    public static boolean isDelta(float[] s) {
        int type = (int) s[S_MTYPE];
        boolean smooth = Math.max(s[S_AX], s[S_AY]) < Microfacet.SMOOTH_ALPHA;
        return (type == MAT_CONDUCTOR || type == MAT_DIELECTRIC) && smooth;
    }
}
