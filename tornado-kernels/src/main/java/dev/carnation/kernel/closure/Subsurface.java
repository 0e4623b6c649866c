package dev.carnation.kernel.closure;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.kernel.texture.Texture;

/**
 * Skin's surface: two isotropic GGX reflection lobes mixed (as UE's dual specular; roughness
 * alpha S_AX with weight S_MIX, alpha S_AY with 1 - S_MIX) under the dielectric Fresnel of the
 * stratum corneum (IOR ~1.4, F0 ~0.028) scaled by the specular map (S_SPECS = 2 x specular, so the
 * default 0.5 is the physical Fresnel). What the Fresnel does not reflect enters the medium
 * (see integrator/RandomWalk). Expects wo.z &gt; 0.
 */
public final class Subsurface {
    private Subsurface() {}

    /**
     * Skin parameters at the hit: dual-lobe roughness (detail roughness and the lobe multipliers),
     * specular map, and the medium: extinction from the mean free path scaled by the scatter map,
     * single-scattering albedo from the base colour by albedo inversion (or given coefficients).
     */
    public static void setup(int[] sceneI, float[] sceneF, float[] texels, int m, float us, float vs, float rough, float[] s) {
        float r = rough;
        // Ray-cone footprint (geom/Surface.uvFootprint) in the material's scaled coordinates.
        float foot = s[S_UV_FOOT] * Math.abs(sceneF[m + M_UV_SCALE] * sceneF[m + M_UV_SCALE + 1]);
        int texDetailRough = (int) sceneF[m + M_TEX_DETAIL_ROUGH];
        if (texDetailRough >= 0) {
            float k = sceneF[m + M_DETAIL_UV];
            Texture.lookupLod(sceneI, texels, texDetailRough, s[S_UV] * k, s[S_UV + 1] * k, s[S_UV_FOOT] * k * k, s, S_TEX);
            r = r * 2f * s[S_TEX];
        }
        float r1 = Math.min(1f, r * sceneF[m + M_LOBE1]);
        float r2 = Math.min(1f, r * sceneF[m + M_LOBE2]);
        s[S_AX] = Math.max(1e-3f, r1 * r1);
        s[S_AY] = Math.max(1e-3f, r2 * r2);
        s[S_MIX] = sceneF[m + M_LOBE_MIX];
        float spec = sceneF[m + M_SPECULAR];
        int texSpec = (int) sceneF[m + M_TEX_SPEC];
        if (texSpec >= 0) {
            Texture.lookupLod(sceneI, texels, texSpec, us, vs, foot, s, S_TEX);
            spec = spec * 2f * s[S_TEX];
        }
        s[S_SPECS] = 2f * spec;
        float scatter = 1f;
        int texScatter = (int) sceneF[m + M_TEX_SCATTER];
        if (texScatter >= 0) {
            Texture.lookupLod(sceneI, texels, texScatter, us, vs, foot, s, S_TEX);
            scatter = Math.max(0.05f, 2f * s[S_TEX]);
        }
        float g = sceneF[m + M_SSS_G];
        s[S_SSS_G] = g;
        for (int c = 0; c < NUM_CHANNELS; c++) {
            s[S_SSS_ST + c] = sceneF[m + M_SSS_SIGMA_T + c] / scatter;
            float alpha = sceneF[m + M_SSS_ALPHA + c];
            if (sceneF[m + M_SSS_MODE] < 0.5f) {
                alpha = invertAlbedo(s[S_MBASE + c], g);
            }
            s[S_SSS_AL + c] = alpha;
        }
    }

    /** Reflectance of the interface for light leaving along wo (macro normal). */
    public static float fresnel(float[] s, float cos) {
        return Math.min(1f, s[S_SPECS] * Fresnel.dielectric(Math.abs(cos), s[S_ETA]));
    }

    public static boolean sample(float[] s, float ox, float oy, float oz, float uLobe, float u1, float u2) {
        float a1 = s[S_AX];
        float a2 = s[S_AY];
        float a = a2;
        if (uLobe < s[S_MIX]) {
            a = a1;
        }
        float dot = Microfacet.sampleReflection(ox, oy, oz, a, a, u1, u2, s);
        float ix = s[S_WI];
        float iy = s[S_WI + 1];
        float iz = s[S_WI + 2];
        boolean ok = false;
        s[S_FLAGS] = BSDF_REFLECT + BSDF_GLOSSY;
        s[S_SAMPLE_ETA] = 1f;
        if (iz > 0f && dot > 0f) {
            float pdf = eval(s, ox, oy, oz, ix, iy, iz);
            if (pdf > 0f) {
                for (int c = 0; c < NUM_CHANNELS; c++) {
                    s[S_F + c] = s[S_F + c] / pdf;
                }
                s[S_PDF] = pdf;
                ok = true;
            }
        }
        return ok;
    }

    /** Writes f |cos wi| (grey) to S_F and returns the mixture pdf of sampling wi. */
    public static float eval(float[] s, float ox, float oy, float oz, float ix, float iy, float iz) {
        float pdf = 0f;
        float f = 0f;
        if (oz > 0f && iz > 0f) {
            if (Microfacet.halfVector(ox, oy, oz, ix, iy, iz, s) > 0f) {
                float mx = s[S_M];
                float my = s[S_M + 1];
                float mz = s[S_M + 2];
                float dot = ox * mx + oy * my + oz * mz;
                float w1 = s[S_MIX];
                float a1 = s[S_AX];
                float a2 = s[S_AY];
                float fr = fresnel(s, dot);
                float l1 = Microfacet.d(mx, my, mz, a1, a1) * Microfacet.g2(ox, oy, oz, ix, iy, iz, a1, a1);
                float l2 = Microfacet.d(mx, my, mz, a2, a2) * Microfacet.g2(ox, oy, oz, ix, iy, iz, a2, a2);
                f = fr * (w1 * l1 + (1f - w1) * l2) / (4f * oz);
                float p1 = Microfacet.pdfVisible(ox, oy, oz, mx, my, mz, a1, a1);
                float p2 = Microfacet.pdfVisible(ox, oy, oz, mx, my, mz, a2, a2);
                pdf = (w1 * p1 + (1f - w1) * p2) / (4f * dot);
            }
        }
        for (int c = 0; c < NUM_CHANNELS; c++) {
            s[S_F + c] = f;
        }
        return pdf;
    }

    /**
     * Single-scattering albedo that makes an index-matched semi-infinite medium under diffuse
     * incidence reflect A: the inverse of van de Hulst's R = (1 - s)(1 - 0.139 s) / (1 + 1.17 s),
     * s = sqrt((1 - alpha) / (1 - g alpha)), as given by d'Eon ("A Hitchhiker's Guide to Multiple
     * Scattering") and used by Cycles' random walk.
     */
    public static float invertAlbedo(float a, float g) {
        float c = Math.max(0f, Math.min(0.999f, a));
        float t = 4.09712f + 4.20863f * c - (float) Math.sqrt(9.59217f + 41.6808f * c + 17.7126f * c * c);
        float t2 = t * t;
        return Math.max(0f, Math.min(0.999999f, (1f - t2) / (1f - g * t2)));
    }
}
