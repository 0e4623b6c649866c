package dev.carnation.kernel.closure;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.kernel.sampling.DetMath;
import dev.carnation.kernel.sampling.Rng;
import dev.carnation.kernel.sampling.Warp;

/**
 * Hair fibre scattering after Chiang et al. 2016 ("A Practical and Controllable Hair and Fur Model
 * for Production Path Tracing"), the model of pbrt-v4's HairBxDF: a rough dielectric cylinder with
 * an absorbing interior, scattering into lobes p = 0 (R), 1 (TT), 2 (TRT) and a residual lobe for
 * all longer internal paths. Each lobe is a product of a longitudinal term Mp (d'Eon et al. 2011)
 * and an azimuthal term Np (a trimmed logistic about the lobe's exit angle), weighted by the
 * attenuation Ap of Fresnel reflections and the absorption along the internal path.
 *
 * <p>Frame (the curve hit's local frame, Layout): x is the fibre tangent from root to tip, and
 * a direction w has sin(theta) = w.x and azimuth phi = atan2(w.z, w.y); S_HAIR_H is the offset h
 * of the hit across the fibre, so gamma_o = asin(h). Cuticle scales tilt toward the tip, which
 * shifts R toward the root by 2 alpha and TT and TRT toward the tip by alpha and 4 alpha.
 *
 * <p>eval writes sum_p Mp Np Ap: that is f |cos| with cos along local z, because pbrt-v4's f
 * divides by |cos theta_i| only for the renderer to multiply it back. The closure has no
 * side: it is never mirrored and both reflection and transmission come from eval and sample alike.
 * Only loop-free math (DetMath.exp, log, atan2, sinCos) is used, since it is inlined into the
 * surface, light and BSDF stages of the path loop (docs/tornadovm-notes.md, item 5).
 */
public final class Hair {
    private Hair() {}

    static final float PI = DetMath.PI;
    static final float TWO_PI = 6.283185307179586f;
    static final float ONE_MINUS_EPS = 0.99999994f;
    /** sqrt(pi / 8): Chiang et al.'s scale from beta_n to the logistic's s. */
    static final float SQRT_PI_OVER_8 = 0.6266570686577501f;
    /** Smallest roughness the closure accepts: below it Mp's exponent loses its float precision. */
    public static final float MIN_BETA = 0.01f;

    /** Eumelanin's absorption per unit concentration and unit radius at R, G, B (d'Eon et al. 2011, as pbrt-v4). */
    public static float eumelanin(int c) {
        float a = 1.37f;
        if (c == 0) {
            a = 0.419f;
        } else if (c == 1) {
            a = 0.697f;
        }
        return a;
    }

    /** Pheomelanin's absorption per unit concentration and unit radius at R, G, B. */
    public static float pheomelanin(int c) {
        float a = 1.05f;
        if (c == 0) {
            a = 0.187f;
        } else if (c == 1) {
            a = 0.4f;
        }
        return a;
    }

    /**
     * Chiang et al.'s fit of the denominator in sigma_a = (ln c / d(beta_n))^2, which maps the
     * colour c that a volume of such fibres shows under white light to its absorption.
     */
    public static float colorDenominator(float betaN) {
        float b = betaN;
        return 5.969f + b * (-0.215f + b * (2.532f + b * (-10.73f + b * (5.574f + b * 0.245f))));
    }

    /** Absorption per unit radius that makes a volume of fibres of roughness betaN look colour c. */
    public static float sigmaAFromColor(float c, float betaN) {
        float l = DetMath.log(Math.max(1e-4f, Math.min(1f, c))) / colorDenominator(betaN);
        return l * l;
    }

    /** The inverse of sigmaAFromColor: the colour of a volume of fibres of absorption sigmaA. */
    public static float colorFromSigmaA(float sigmaA, float betaN) {
        return DetMath.exp(-(float) Math.sqrt(Math.max(0f, sigmaA)) * colorDenominator(betaN));
    }

    /** Longitudinal variance of the R lobe (TT: a quarter of it, TRT and beyond: four times). */
    public static float variance(float betaM) {
        float b = betaM;
        float b2 = b * b;
        float b4 = b2 * b2;
        float b5 = b4 * b;
        float b10 = b5 * b5;
        float b20 = b10 * b10;
        float sd = 0.726f * b + 0.812f * b2 + 3.7f * b20;
        return sd * sd;
    }

    /** Scale s of the azimuthal logistic. */
    public static float logisticScale(float betaN) {
        float b = betaN;
        float b2 = b * b;
        float b4 = b2 * b2;
        float b8 = b4 * b4;
        float b16 = b8 * b8;
        float b22 = b16 * b4 * b2;
        return SQRT_PI_OVER_8 * (0.265f * b + 1.194f * b2 + 5.372f * b22);
    }

    /**
     * A value in [0, 1) for strand key and salt. S_HAIR_STRAND is a single number; hashing it with a
     * salt per parameter keeps the spreads independent, so a darker strand is not also rougher.
     */
    static float strandRandom(int key, int salt) {
        return Rng.lsr(Rng.pcg(key * 4 + salt), 8) * (1f / 16777216f);
    }

    /**
     * Hair parameters at the hit: the root-to-tip ramp at S_HAIR_V, per-strand jitter of the
     * absorption, roughness and tilt from S_HAIR_STRAND, then the absorption per unit radius,
     * Mp's variance, Np's scale and the tilt's sine and cosine. S_MBASE becomes the colour the
     * absorption stands for (for the albedo AOV).
     */
    public static void setup(float[] sceneF, int m, float[] s) {
        float v = Math.max(0f, Math.min(1f, s[S_HAIR_V]));
        int key = (int) (Math.max(0f, Math.min(1f, s[S_HAIR_STRAND])) * 16777216f);
        float jMel = 2f * strandRandom(key, 1) - 1f;
        float jRough = 2f * strandRandom(key, 2) - 1f;
        float jTilt = 2f * strandRandom(key, 3) - 1f;
        float absorb = Math.max(0f, 1f + sceneF[m + M_HAIR_VAR_MELANIN] * jMel);
        float rough = Math.max(0f, 1f + sceneF[m + M_HAIR_VAR_ROUGH] * jRough);
        float betaM = Math.max(MIN_BETA, Math.min(1f, sceneF[m + M_HAIR_BETA_M] * rough));
        float betaN = Math.max(MIN_BETA, Math.min(1f, sceneF[m + M_HAIR_BETA_N] * rough));
        float alpha = sceneF[m + M_HAIR_ALPHA] * (1f + sceneF[m + M_HAIR_VAR_TILT] * jTilt);
        int mode = (int) sceneF[m + M_HAIR_MODE];
        float eu = sceneF[m + M_HAIR_ROOT] + v * (sceneF[m + M_HAIR_TIP] - sceneF[m + M_HAIR_ROOT]);
        float ph = sceneF[m + M_HAIR_ROOT + 1] + v * (sceneF[m + M_HAIR_TIP + 1] - sceneF[m + M_HAIR_ROOT + 1]);
        for (int c = 0; c < NUM_CHANNELS; c++) {
            float a = sceneF[m + M_HAIR_ROOT + c] + v * (sceneF[m + M_HAIR_TIP + c] - sceneF[m + M_HAIR_ROOT + c]);
            float sigma = Math.max(0f, a);
            if (mode == HAIR_MELANIN) {
                sigma = Math.max(0f, eu) * eumelanin(c) + Math.max(0f, ph) * pheomelanin(c);
            } else if (mode == HAIR_COLOR) {
                sigma = sigmaAFromColor(a, betaN);
            }
            sigma = sigma * absorb;
            s[S_HAIR_SIGMA_A + c] = sigma;
            s[S_MBASE + c] = colorFromSigmaA(sigma, betaN);
        }
        s[S_HAIR_V0] = variance(betaM);
        s[S_HAIR_LOGS] = logisticScale(betaN);
        DetMath.sinCos(alpha, s, S_HAIR_SIN_A);
    }

    /** Attenuation of lobe p (1, 2 or 3 and beyond) for Fresnel reflectance fr and one crossing's transmittance t. */
    static float attenuation(int p, float fr, float t) {
        float a = (1f - fr) * (1f - fr) * t;
        if (p >= 2) {
            a = a * fr * t;
        }
        if (p >= 3) {
            // The geometric series of all longer paths; at fr t = 1 (grazing, h = +-1) its numerator is 0 too.
            float den = 1f - fr * t;
            float rest = 0f;
            if (den > 0f) {
                rest = a * fr * t / den;
            }
            a = rest;
        }
        return a;
    }

    /** Mean over the channels of lobe p's attenuation; S_F holds each channel's transmittance. */
    static float meanAttenuation(int p, float fr, float[] s) {
        float sum = 0f;
        for (int c = 0; c < NUM_CHANNELS; c++) {
            sum += attenuation(p, fr, s[S_F + c]);
        }
        return sum * (1f / NUM_CHANNELS);
    }

    /**
     * Writes each channel's transmittance for one crossing of the fibre to S_F: the refracted ray
     * runs 2 cos(gamma_t) / cos(theta_t) radii inside.
     */
    static void transmittance(float[] s, float cosGammaT, float cosThetaT) {
        float len = 2f * cosGammaT / Math.max(1e-6f, cosThetaT);
        for (int c = 0; c < NUM_CHANNELS; c++) {
            s[S_F + c] = DetMath.exp(-s[S_HAIR_SIGMA_A + c] * len);
        }
    }

    /** ln I0(x) for x &gt;= 0: its power series below 8, the asymptotic series to 1/x^6 above (both to ~1e-7). */
    public static float logI0(float x) {
        float r = 0f;
        if (x < 8f) {
            float y = 0.25f * x * x;
            // sum y^k / (k!)^2 for k up to 14 (the next term is below 1e-7 of the sum at x = 8)
            float p = 1f / 7.6000545e21f;
            p = 1f / 3.8775788e19f + y * p;
            p = 1f / 2.2944253e17f + y * p;
            p = 1f / 1.5933509e15f + y * p;
            p = 1f / 1.3168189e13f + y * p;
            p = 1f / 1.3168189e11f + y * p;
            p = 1f / 1.6257024e9f + y * p;
            p = 1f / 25401600f + y * p;
            p = 1f / 518400f + y * p;
            p = 1f / 14400f + y * p;
            p = 1f / 576f + y * p;
            p = 1f / 36f + y * p;
            p = 1f / 4f + y * p;
            p = 1f + y * p;
            p = 1f + y * p;
            r = DetMath.log(p);
        } else {
            float u = 1f / x;
            float series = 1f + u * (0.125f + u * (0.0703125f + u * (0.0732421875f + u * (0.112152099609375f
                    + u * (0.2271080017089844f + u * 0.5725014209747314f)))));
            r = x - 0.5f * DetMath.log(TWO_PI * x) + DetMath.log(series);
        }
        return r;
    }

    /** ln of Mp's normaliser 2 v sinh(1/v) = v e^(1/v) (1 - e^(-2/v)), finite for every v &gt; 0. */
    static float logNorm(float v) {
        return 1f / v + DetMath.log(v) + DetMath.log(1f - DetMath.exp(-2f / v));
    }

    /**
     * d'Eon et al.'s longitudinal scattering e^(-sin_i sin_o / v) I0(cos_i cos_o / v) / (2 v sinh(1/v)),
     * evaluated in logarithms so that narrow lobes (v down to 1e-5) neither overflow nor lose I0.
     */
    static float mp(float cosI, float sinI, float cosO, float sinO, float v, float lnNorm) {
        float a = cosI * cosO / v;
        float b = sinI * sinO / v;
        return DetMath.exp(logI0(a) - b - lnNorm);
    }

    /** Normalisation of the logistic of scale sl to [-pi, pi]: its probability mass there. */
    static float logisticMass(float sl) {
        float e = DetMath.exp(-PI / sl);
        return (1f - e) / (1f + e);
    }

    /** Logistic of scale sl trimmed to [-pi, pi], at x in that range. */
    static float trimmedLogistic(float x, float sl) {
        float e = DetMath.exp(-Math.abs(x) / sl);
        return e / (sl * (1f + e) * (1f + e)) / logisticMass(sl);
    }

    /**
     * Inverts the trimmed logistic's CDF at u: x = sl ln(y / (1 - y)) for the untrimmed CDF value
     * y = c + u k, with c the CDF at -pi and k the mass in [-pi, pi], writing 1 - y as (1 - u) k + c
     * so that neither end cancels.
     */
    static float sampleTrimmedLogistic(float u, float sl) {
        float e = DetMath.exp(-PI / sl);
        float c = e / (1f + e);
        float k = (1f - e) / (1f + e);
        float x = sl * (DetMath.log(u * k + c) - DetMath.log((1f - u) * k + c));
        return Math.max(-PI, Math.min(PI, x));
    }

    /** x in [-pi, pi). */
    static float wrapPi(float x) {
        return x - TWO_PI * Warp.floorToInt((x + PI) / TWO_PI);
    }

    /** Azimuth change of a path with p internal segments: 2 p gamma_t - 2 gamma_o + p pi. */
    static float exitAzimuth(int p, float gammaO, float gammaT) {
        return 2f * p * gammaT - 2f * gammaO + p * PI;
    }

    /** Writes f |cos wi| (sum over lobes of Mp Np Ap) to S_F and returns the pdf of sampling wi. */
    public static float eval(float[] s, float ox, float oy, float oz, float ix, float iy, float iz) {
        float h = Math.max(-1f, Math.min(1f, s[S_HAIR_H]));
        float eta = s[S_ETA];
        float sinO = Math.max(-1f, Math.min(1f, ox));
        float cosO = (float) Math.sqrt(Math.max(0f, 1f - sinO * sinO));
        float phiO = DetMath.atan2(oz, oy);
        float sinI = Math.max(-1f, Math.min(1f, ix));
        float cosI = (float) Math.sqrt(Math.max(0f, 1f - sinI * sinI));
        float phiI = DetMath.atan2(iz, iy);
        float cosGammaO = (float) Math.sqrt(Math.max(0f, 1f - h * h));
        float gammaO = DetMath.atan2(h, cosGammaO);
        float sinThetaT = sinO / eta;
        float cosThetaT = (float) Math.sqrt(Math.max(0f, 1f - sinThetaT * sinThetaT));
        // The cross-section sees the refraction with the modified index of Bravais.
        float etap = (float) Math.sqrt(Math.max(0f, eta * eta - sinO * sinO)) / Math.max(1e-6f, cosO);
        float sinGammaT = h / etap;
        float cosGammaT = (float) Math.sqrt(Math.max(0f, 1f - sinGammaT * sinGammaT));
        float gammaT = DetMath.atan2(sinGammaT, cosGammaT);
        float fr = Fresnel.dielectric(cosO * cosGammaO, eta);
        transmittance(s, cosGammaT, cosThetaT);
        float a0 = fr;
        float a1 = meanAttenuation(1, fr, s);
        float a2 = meanAttenuation(2, fr, s);
        float a3 = meanAttenuation(3, fr, s);
        float total = a0 + a1 + a2 + a3;

        float sinA = s[S_HAIR_SIN_A];
        float cosA = s[S_HAIR_SIN_A + 1];
        float sin2A = 2f * sinA * cosA;
        float cos2A = cosA * cosA - sinA * sinA;
        float sin4A = 2f * sin2A * cos2A;
        float cos4A = cos2A * cos2A - sin2A * sin2A;
        float v0 = s[S_HAIR_V0];
        float v1 = 0.25f * v0;
        float v2 = 4f * v0;
        float ln0 = logNorm(v0);
        float ln1 = logNorm(v1);
        float ln2 = logNorm(v2);
        float sl = s[S_HAIR_LOGS];
        float dphi = phiI - phiO;
        // R about theta_o + 2 alpha, TT about theta_o - alpha, TRT about theta_o - 4 alpha.
        float g0 = mp(cosI, sinI, Math.abs(cosO * cos2A - sinO * sin2A), sinO * cos2A + cosO * sin2A, v0, ln0)
                * trimmedLogistic(wrapPi(dphi - exitAzimuth(0, gammaO, gammaT)), sl);
        float g1 = mp(cosI, sinI, Math.abs(cosO * cosA + sinO * sinA), sinO * cosA - cosO * sinA, v1, ln1)
                * trimmedLogistic(wrapPi(dphi - exitAzimuth(1, gammaO, gammaT)), sl);
        float g2 = mp(cosI, sinI, Math.abs(cosO * cos4A + sinO * sin4A), sinO * cos4A - cosO * sin4A, v2, ln2)
                * trimmedLogistic(wrapPi(dphi - exitAzimuth(2, gammaO, gammaT)), sl);
        float g3 = mp(cosI, sinI, cosO, sinO, v2, ln2) * (1f / TWO_PI);
        for (int c = 0; c < NUM_CHANNELS; c++) {
            float t = s[S_F + c];
            s[S_F + c] = g0 * fr + g1 * attenuation(1, fr, t) + g2 * attenuation(2, fr, t) + g3 * attenuation(3, fr, t);
        }
        float pdf = 0f;
        if (total > 0f) {
            pdf = (g0 * a0 + g1 * a1 + g2 * a2 + g3 * a3) / total;
        }
        return pdf;
    }

    /**
     * Picks a lobe in proportion to its mean attenuation with uLobe, then theta_i from that lobe's
     * Mp (u1, u2: d'Eon's exact inversion about the tilted theta_o) and phi_i from its Np (uLobe
     * rescaled within the lobe's share). The record's weight and pdf are those of the whole
     * mixture, from eval.
     */
    public static boolean sample(float[] s, float ox, float oy, float oz, float uLobe, float u1, float u2) {
        float h = Math.max(-1f, Math.min(1f, s[S_HAIR_H]));
        float eta = s[S_ETA];
        float sinO = Math.max(-1f, Math.min(1f, ox));
        float cosO = (float) Math.sqrt(Math.max(0f, 1f - sinO * sinO));
        float phiO = DetMath.atan2(oz, oy);
        float cosGammaO = (float) Math.sqrt(Math.max(0f, 1f - h * h));
        float gammaO = DetMath.atan2(h, cosGammaO);
        float sinThetaT = sinO / eta;
        float cosThetaT = (float) Math.sqrt(Math.max(0f, 1f - sinThetaT * sinThetaT));
        float etap = (float) Math.sqrt(Math.max(0f, eta * eta - sinO * sinO)) / Math.max(1e-6f, cosO);
        float sinGammaT = h / etap;
        float cosGammaT = (float) Math.sqrt(Math.max(0f, 1f - sinGammaT * sinGammaT));
        float gammaT = DetMath.atan2(sinGammaT, cosGammaT);
        float fr = Fresnel.dielectric(cosO * cosGammaO, eta);
        transmittance(s, cosGammaT, cosThetaT);
        float a0 = fr;
        float a1 = meanAttenuation(1, fr, s);
        float a2 = meanAttenuation(2, fr, s);
        float a3 = meanAttenuation(3, fr, s);
        float c0 = a0;
        float c1 = c0 + a1;
        float c2 = c1 + a2;
        float x = uLobe * (c2 + a3);
        int p = 3;
        float lo = c2;
        float w = a3;
        if (x < c2) {
            p = 2;
            lo = c1;
            w = a2;
        }
        if (x < c1) {
            p = 1;
            lo = c0;
            w = a1;
        }
        if (x < c0) {
            p = 0;
            lo = 0f;
            w = a0;
        }
        float ur = 0f;
        if (w > 0f) {
            ur = Math.max(0f, Math.min(ONE_MINUS_EPS, (x - lo) / w));
        }

        float sinA = s[S_HAIR_SIN_A];
        float cosA = s[S_HAIR_SIN_A + 1];
        float sin2A = 2f * sinA * cosA;
        float cos2A = cosA * cosA - sinA * sinA;
        float sin4A = 2f * sin2A * cos2A;
        float cos4A = cos2A * cos2A - sin2A * sin2A;
        float v = 4f * s[S_HAIR_V0];
        float sinOp = sinO;
        float cosOp = cosO;
        if (p == 0) {
            v = s[S_HAIR_V0];
            sinOp = sinO * cos2A + cosO * sin2A;
            cosOp = cosO * cos2A - sinO * sin2A;
        } else if (p == 1) {
            v = 0.25f * s[S_HAIR_V0];
            sinOp = sinO * cosA - cosO * sinA;
            cosOp = cosO * cosA + sinO * sinA;
        } else if (p == 2) {
            sinOp = sinO * cos4A - cosO * sin4A;
            cosOp = cosO * cos4A + sinO * sin4A;
        }
        cosOp = Math.abs(cosOp);
        // Mp about -theta_op: cos of the angle to it from its exact CDF, then a uniform turn about it.
        float uu = Math.max(u1, 1e-5f);
        float cosT = 1f + v * DetMath.log(uu + (1f - uu) * DetMath.exp(-2f / v));
        cosT = Math.max(-1f, Math.min(1f, cosT));
        float sinT = (float) Math.sqrt(Math.max(0f, 1f - cosT * cosT));
        float cosTurn = DetMath.cos(TWO_PI * u2);
        float sinI = Math.max(-1f, Math.min(1f, -cosT * sinOp + sinT * cosTurn * cosOp));
        float cosI = (float) Math.sqrt(Math.max(0f, 1f - sinI * sinI));
        float dphi = TWO_PI * ur;
        if (p < 3) {
            dphi = exitAzimuth(p, gammaO, gammaT) + sampleTrimmedLogistic(ur, s[S_HAIR_LOGS]);
        }
        DetMath.sinCos(phiO + dphi, s, S_WI + 1);
        float sinPhi = s[S_WI + 1];
        float cosPhi = s[S_WI + 2];
        float ix = sinI;
        float iy = cosI * cosPhi;
        float iz = cosI * sinPhi;
        s[S_WI] = ix;
        s[S_WI + 1] = iy;
        s[S_WI + 2] = iz;
        s[S_SAMPLE_ETA] = 1f;
        s[S_FLAGS] = BSDF_GLOSSY + BSDF_REFLECT;
        if (iz * oz < 0f) {
            s[S_FLAGS] = BSDF_GLOSSY + BSDF_TRANSMIT;
        }
        float pdf = eval(s, ox, oy, oz, ix, iy, iz);
        boolean ok = false;
        if (pdf > 0f) {
            for (int c = 0; c < NUM_CHANNELS; c++) {
                s[S_F + c] = s[S_F + c] / pdf;
            }
            s[S_PDF] = pdf;
            ok = true;
        }
        return ok;
    }
}
