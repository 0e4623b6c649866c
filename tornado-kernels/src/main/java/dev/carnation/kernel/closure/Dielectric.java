package dev.carnation.kernel.closure;

import static dev.carnation.kernel.Layout.*;

/**
 * Rough dielectric (Walter et al. 2007) with visible-normal sampling: reflection and refraction
 * chosen by Fresnel. Works from either side: wo below the surface means light inside the medium,
 * where the relative index is 1/eta. Transmitted radiance is scaled by 1/eta'^2 (radiance, not
 * importance, is transported), so the lobe is not reciprocal across the interface.
 */
public final class Dielectric {
    private Dielectric() {}

    public static boolean isSmooth(float[] s) {
        return Math.max(s[S_AX], s[S_AY]) < Microfacet.SMOOTH_ALPHA;
    }

    public static boolean sample(float[] s, float ox, float oy, float oz, float uLobe, float u1, float u2) {
        float eta = s[S_ETA];
        float flip = 1f;
        if (oz < 0f) {
            flip = -1f;
        }
        float etap = eta;
        if (flip < 0f) {
            etap = 1f / eta;
        }
        // Work with wo in the upper hemisphere; flip results back at the end.
        float wz = oz * flip;
        boolean ok = false;
        s[S_SAMPLE_ETA] = 1f;
        if (isSmooth(s)) {
            float fr = Fresnel.dielectric(wz, etap);
            s[S_FLAGS] = BSDF_REFLECT + BSDF_SPECULAR;
            if (uLobe < fr) {
                s[S_WI] = -ox;
                s[S_WI + 1] = -oy;
                s[S_WI + 2] = oz;
                s[S_PDF] = fr;
                setWeight(s, 1f);
                ok = fr > 0f;
            } else {
                ok = refract(ox, oy, wz, 0f, 0f, 1f, etap, s);
                s[S_WI + 2] *= flip;
                s[S_FLAGS] = BSDF_TRANSMIT + BSDF_SPECULAR;
                s[S_SAMPLE_ETA] = etap;
                s[S_PDF] = 1f - fr;
                setWeight(s, 1f / (etap * etap));
            }
        } else {
            float ax = s[S_AX];
            float ay = s[S_AY];
            Microfacet.sampleVisible(ox, oy, wz, ax, ay, u1, u2, s, S_WI);
            float mx = s[S_WI];
            float my = s[S_WI + 1];
            float mz = s[S_WI + 2];
            float dot = ox * mx + oy * my + wz * mz;
            float fr = Fresnel.dielectric(dot, etap);
            float pm = Microfacet.pdfVisible(ox, oy, wz, mx, my, mz, ax, ay);
            s[S_FLAGS] = BSDF_REFLECT + BSDF_GLOSSY;
            if (dot > 0f) {
                if (uLobe < fr) {
                    float ix = 2f * dot * mx - ox;
                    float iy = 2f * dot * my - oy;
                    float iz = 2f * dot * mz - wz;
                    if (iz > 0f) {
                        float pdf = pm / (4f * dot) * fr;
                        float f = fr * Microfacet.d(mx, my, mz, ax, ay)
                                * Microfacet.g2(ox, oy, wz, ix, iy, iz, ax, ay) / (4f * wz * iz);
                        s[S_WI] = ix;
                        s[S_WI + 1] = iy;
                        s[S_WI + 2] = iz * flip;
                        s[S_PDF] = pdf;
                        setWeight(s, f * iz / pdf);
                        ok = pdf > 0f;
                    }
                } else {
                    boolean t = refract(ox, oy, wz, mx, my, mz, etap, s);
                    float ix = s[S_WI];
                    float iy = s[S_WI + 1];
                    float iz = s[S_WI + 2];
                    if (t && iz < 0f) {
                        float im = ix * mx + iy * my + iz * mz;
                        float denom = im + dot / etap;
                        denom = denom * denom;
                        float pdf = pm * Math.abs(im) / denom * (1f - fr);
                        float f = (1f - fr) * Microfacet.d(mx, my, mz, ax, ay)
                                * Microfacet.g2(ox, oy, wz, ix, iy, iz, ax, ay)
                                * Math.abs(im * dot / (iz * wz * denom)) / (etap * etap);
                        s[S_WI + 2] = iz * flip;
                        s[S_PDF] = pdf;
                        s[S_FLAGS] = BSDF_TRANSMIT + BSDF_GLOSSY;
                        s[S_SAMPLE_ETA] = etap;
                        setWeight(s, f * Math.abs(iz) / pdf);
                        ok = pdf > 0f;
                    }
                }
            }
        }
        return ok;
    }

    public static float eval(float[] s, float ox, float oy, float oz, float ix, float iy, float iz) {
        for (int c = 0; c < NUM_CHANNELS; c++) {
            s[S_F + c] = 0f;
        }
        float pdf = 0f;
        if (!isSmooth(s) && oz != 0f && iz != 0f) {
            float eta = s[S_ETA];
            float flip = 1f;
            float etap = eta;
            if (oz < 0f) {
                flip = -1f;
                etap = 1f / eta;
            }
            float wz = oz * flip;
            float vz = iz * flip;
            boolean reflect = vz > 0f;
            float er = 1f;
            if (!reflect) {
                er = etap;
            }
            float mx = ix * er + ox;
            float my = iy * er + oy;
            float mz = vz * er + wz;
            float ml = (float) Math.sqrt(mx * mx + my * my + mz * mz);
            if (ml > 0f) {
                mx /= ml;
                my /= ml;
                mz /= ml;
                if (mz < 0f) {
                    mx = -mx;
                    my = -my;
                    mz = -mz;
                }
                float om = ox * mx + oy * my + wz * mz;
                float im = ix * mx + iy * my + vz * mz;
                if (om > 0f && im * vz > 0f) {
                    float ax = s[S_AX];
                    float ay = s[S_AY];
                    float fr = Fresnel.dielectric(om, etap);
                    float dg = Microfacet.d(mx, my, mz, ax, ay) * Microfacet.g2(ox, oy, wz, ix, iy, vz, ax, ay);
                    float pm = Microfacet.pdfVisible(ox, oy, wz, mx, my, mz, ax, ay);
                    float fcos = 0f;
                    if (reflect) {
                        fcos = fr * dg / (4f * wz);
                        pdf = pm / (4f * om) * fr;
                    } else {
                        float denom = im + om / etap;
                        denom = denom * denom;
                        fcos = (1f - fr) * dg * Math.abs(im * om / (wz * denom)) / (etap * etap);
                        pdf = pm * Math.abs(im) / denom * (1f - fr);
                    }
                    setWeight(s, fcos);
                }
            }
        }
        return pdf;
    }

    static void setWeight(float[] s, float w) {
        for (int c = 0; c < NUM_CHANNELS; c++) {
            s[S_F + c] = w * s[S_MBASE + c];
        }
    }

    /**
     * Refracts wo (upper side of normal m) with relative index etap; writes the transmitted
     * direction to s[S_WI..]. Returns false on total internal reflection.
     */
    static boolean refract(float ox, float oy, float oz, float mx, float my, float mz, float etap, float[] s) {
        float cosI = ox * mx + oy * my + oz * mz;
        float sin2T = Math.max(0f, 1f - cosI * cosI) / (etap * etap);
        boolean ok = false;
        s[S_WI] = 0f;
        s[S_WI + 1] = 0f;
        s[S_WI + 2] = 0f;
        if (sin2T < 1f) {
            float cosT = (float) Math.sqrt(1f - sin2T);
            float k = cosI / etap - cosT;
            s[S_WI] = -ox / etap + k * mx;
            s[S_WI + 1] = -oy / etap + k * my;
            s[S_WI + 2] = -oz / etap + k * mz;
            ok = true;
        }
        return ok;
    }
}
