package dev.carnation.scene.material;

import dev.carnation.kernel.closure.Fresnel;

/**
 * The colour of a smooth metal from its measured n(λ), k(λ), and per-channel (n, k) for the RGB
 * renderer that reproduce it (docs/metals.md).
 *
 * <p><b>Reference.</b> At incidence angle θ the spectral unpolarised Fresnel reflectance F(λ, θ) of
 * the complex index n + ik (Born and Wolf, Principles of Optics, §14.2) is taken as a surface
 * reflectance under CIE illuminant D65 and integrated against the CIE 1931 2° colour-matching
 * functions, 380–780 nm in 5 nm steps: X = Σ F S x̄ / Σ S ȳ (likewise Y, Z). XYZ goes to linear
 * sRGB with the IEC 61966-2-1 matrix, and each channel is divided by that of a perfect reflector
 * (F = 1), so a perfect reflector is exactly (1, 1, 1) — the renderer's white.
 *
 * <p><b>Fit.</b> The renderer evaluates exact conductor Fresnel per channel from one (n, k) per
 * channel (kernel closure/Fresnel). For each channel c, (n_c, k_c) minimise the largest relative
 * error max_θ |F(θ; n_c, k_c) / ref_c(θ) − 1| over θ = 0…89° (Nelder–Mead on log n, log k from
 * the point sample at the channel's dominant wavelength, then from a few other starts). A relative
 * error bounds the CIELAB lightness and chroma errors, which is what ΔE2000 measures; the test
 * (MetalColourTest) checks ΔE2000 ≤ 1 at every angle.
 *
 * <p>Sources: D65 — CIE 15:2004 Colorimetry, Table T.1 (ISO 11664-2), 10 nm values; the CIE's 5 nm
 * table is their linear interpolation, as here. Colour-matching functions — C. Wyman, P.-P. Sloan,
 * P. Shirley, "Simple Analytic Approximations to the CIE XYZ Color Matching Functions", JCGT 2(2),
 * 2013, multi-lobe fit (eq. 2, Table 1). XYZ to linear sRGB — IEC 61966-2-1:1999.
 */
public final class MetalColour {
    private MetalColour() {}

    /** CIE D65 relative spectral power, 380–780 nm every 10 nm (CIE 15:2004 Table T.1). */
    static final double[] D65_10NM = {
        49.9755, 54.6482, 82.7549, 91.4860, 93.4318, 86.6823, 104.865, 117.008, 117.812, 114.861,
        115.923, 108.811, 109.354, 107.802, 104.790, 107.689, 104.405, 104.046, 100.000, 96.3342,
        95.7880, 88.6856, 90.0062, 89.5991, 87.6987, 83.2886, 83.6992, 80.0268, 80.2146, 82.2778,
        78.2842, 69.7213, 71.6091, 74.3490, 61.6040, 69.8856, 75.0870, 63.5927, 46.4182, 66.8054,
        63.3828};

    static final double LAMBDA_MIN_NM = 380;
    static final double LAMBDA_MAX_NM = 780;
    static final double STEP_NM = 5;

    /** XYZ to linear sRGB (IEC 61966-2-1). */
    static final double[][] XYZ_TO_RGB = {
        {3.2406, -1.5372, -0.4986},
        {-0.9689, 1.8758, 0.0415},
        {0.0557, -0.2040, 1.0570}};

    /** Angles of the fit and of the test: 0…89° in 1° steps. */
    public static final int ANGLES = 90;

    static double d65(double nm) {
        double x = (nm - 380) / 10;
        int i = (int) Math.floor(x);
        if (i < 0) {
            return D65_10NM[0];
        }
        if (i >= D65_10NM.length - 1) {
            return D65_10NM[D65_10NM.length - 1];
        }
        double t = x - i;
        return D65_10NM[i] + t * (D65_10NM[i + 1] - D65_10NM[i]);
    }

    /** Piecewise Gaussian of Wyman et al. 2013. */
    static double g(double x, double mu, double s1, double s2) {
        double t = (x - mu) / (x < mu ? s1 : s2);
        return Math.exp(-0.5 * t * t);
    }

    /** CIE 1931 2° x̄, ȳ, z̄ at a wavelength in nm (Wyman, Sloan, Shirley 2013, multi-lobe fit). */
    public static double[] cmf(double nm) {
        double x = 1.056 * g(nm, 599.8, 37.9, 31.0) + 0.362 * g(nm, 442.0, 16.0, 26.7) - 0.065 * g(nm, 501.1, 20.4, 26.2);
        double y = 0.821 * g(nm, 568.8, 46.9, 40.5) + 0.286 * g(nm, 530.9, 16.3, 31.1);
        double z = 1.217 * g(nm, 437.0, 11.8, 36.0) + 0.681 * g(nm, 459.0, 26.0, 13.8);
        return new double[] {x, y, z};
    }

    /** Exact unpolarised conductor Fresnel reflectance in double precision (complex arithmetic). */
    public static double fresnel(double cosI, double n, double k) {
        double c = Math.min(1, Math.abs(cosI));
        double s2 = 1 - c * c;
        // eta^2 = (n^2 - k^2) + 2ink ; cos t = sqrt(1 - s2 / eta^2)
        double er = n * n - k * k;
        double ei = 2 * n * k;
        double em = er * er + ei * ei;
        double zr = 1 - s2 * er / em;
        double zi = s2 * ei / em;
        double zm = Math.hypot(zr, zi);
        double ctr = Math.sqrt(Math.max(0, 0.5 * (zm + zr)));
        double cti = Math.copySign(Math.sqrt(Math.max(0, 0.5 * (zm - zr))), zi);
        // r_par = (eta c - cos t) / (eta c + cos t), r_perp = (c - eta cos t) / (c + eta cos t)
        double etr = n * ctr - k * cti;
        double eti = n * cti + k * ctr;
        double pn = sq(n * c - ctr) + sq(k * c - cti);
        double pd = sq(n * c + ctr) + sq(k * c + cti);
        double sn = sq(c - etr) + sq(eti);
        double sd = sq(c + etr) + sq(eti);
        return 0.5 * (pn / pd + sn / sd);
    }

    static double sq(double x) {
        return x * x;
    }

    /** Linear sRGB of a perfect reflector before normalisation (the divisor that makes it 1, 1, 1). */
    private static final double[] WHITE_RGB = rgbUnnormalised(nm -> 1);

    interface Reflectance {
        double at(double nm);
    }

    private static double[] rgbUnnormalised(Reflectance r) {
        double[] xyz = new double[3];
        double norm = 0;
        for (double nm = LAMBDA_MIN_NM; nm <= LAMBDA_MAX_NM + 1e-9; nm += STEP_NM) {
            double s = d65(nm);
            double[] cmf = cmf(nm);
            double f = r.at(nm);
            for (int i = 0; i < 3; i++) {
                xyz[i] += f * s * cmf[i];
            }
            norm += s * cmf[1];
        }
        double[] rgb = new double[3];
        for (int i = 0; i < 3; i++) {
            rgb[i] = (XYZ_TO_RGB[i][0] * xyz[0] + XYZ_TO_RGB[i][1] * xyz[1] + XYZ_TO_RGB[i][2] * xyz[2]) / norm;
        }
        return rgb;
    }

    /** XYZ (Y of a perfect reflector = 1) of the perfect reflector under D65 with these CMFs. */
    public static double[] whiteXyz() {
        double[] xyz = new double[3];
        double norm = 0;
        for (double nm = LAMBDA_MIN_NM; nm <= LAMBDA_MAX_NM + 1e-9; nm += STEP_NM) {
            double s = d65(nm);
            double[] cmf = cmf(nm);
            for (int i = 0; i < 3; i++) {
                xyz[i] += s * cmf[i];
            }
            norm += s * cmf[1];
        }
        for (int i = 0; i < 3; i++) {
            xyz[i] /= norm;
        }
        return xyz;
    }

    /**
     * Linear sRGB reflectance (perfect reflector = 1, 1, 1) of the smooth metal at incidence
     * cosine cosI: the spectral Fresnel of the table's n(λ), k(λ) under D65.
     */
    public static double[] reference(Spectra s, double cosI) {
        double[] rgb = rgbUnnormalised(nm -> {
            double[] nk = s.at(nm * 1e-3);
            return fresnel(cosI, nk[0], nk[1]);
        });
        for (int i = 0; i < 3; i++) {
            rgb[i] /= WHITE_RGB[i];
        }
        return rgb;
    }

    /** reference() at θ = 0…89°: [angle][channel]. */
    public static double[][] referenceCurve(Spectra s) {
        double[][] ref = new double[ANGLES][];
        for (int a = 0; a < ANGLES; a++) {
            ref[a] = reference(s, Math.cos(Math.toRadians(a)));
        }
        return ref;
    }

    /** The renderer's reflectance (kernel Fresnel, float) of one channel at θ degrees. */
    public static double kernelFresnel(double thetaDeg, float n, float k) {
        return Fresnel.conductor((float) Math.cos(Math.toRadians(thetaDeg)), n, k);
    }

    /** Largest relative error over θ = 0…89° of one channel's kernel Fresnel against the reference. */
    static double channelError(double[][] ref, int c, float n, float k) {
        double worst = 0;
        for (int a = 0; a < ANGLES; a++) {
            double want = ref[a][c];
            double got = kernelFresnel(a, n, k);
            worst = Math.max(worst, Math.abs(got / Math.max(want, 1e-6) - 1));
        }
        return worst;
    }

    /**
     * Per-channel (n, k) fitted to the spectral reference of a table: {nR, nG, nB, kR, kG, kB}.
     * Deterministic; a few milliseconds per table.
     */
    public static float[] fit(Spectra s) {
        double[][] ref = referenceCurve(s);
        // Gold's reference is outside what a Fresnel reflectance can reach: its linear sRGB red is
        // above 1 (1.035 at normal incidence; the sRGB primaries are less saturated than gold). Where
        // a channel exceeds 1 the whole colour is scaled down to bring it to 1: chromaticity (hue and
        // chroma) is kept and the error goes into lightness only (3.4 % in Y, ~0.6 ΔE2000 for gold).
        for (double[] rgb : ref) {
            double m = Math.max(1, Math.max(rgb[0], Math.max(rgb[1], rgb[2])));
            for (int c = 0; c < 3; c++) {
                rgb[c] /= m;
            }
        }
        float[] point = s.pointSamples();
        float[] out = new float[6];
        for (int c = 0; c < 3; c++) {
            final int ch = c;
            java.util.function.ToDoubleFunction<double[]> cost = p -> {
                float n = (float) Math.exp(p[0]);
                float k = (float) Math.exp(p[1]);
                return channelError(ref, ch, n, k);
            };
            double[] best = {Math.log(Math.max(point[c], 1e-3)), Math.log(Math.max(point[3 + c], 1e-3))};
            double bestCost = cost.applyAsDouble(best);
            // The point sample, then a few starts across the conductor range: the minimax cost
            // is not smooth, so restart Nelder-Mead from each and keep the best.
            double[][] starts = {best.clone(), {Math.log(0.2), Math.log(3)}, {Math.log(0.5), Math.log(2)},
                {Math.log(1.2), Math.log(2)}, {Math.log(0.05), Math.log(4)}, {Math.log(1), Math.log(1)}};
            for (double[] start : starts) {
                double[] p = start;
                for (int round = 0; round < 4; round++) {
                    p = nelderMead(cost, p, round == 0 ? 0.3 : 0.05, 400);
                }
                double v = cost.applyAsDouble(p);
                if (v < bestCost) {
                    bestCost = v;
                    best = p;
                }
            }
            out[c] = (float) Math.exp(best[0]);
            out[3 + c] = (float) Math.exp(best[1]);
        }
        return out;
    }

    /** Plain Nelder–Mead (reflection 1, expansion 2, contraction 1/2, shrink 1/2). */
    static double[] nelderMead(java.util.function.ToDoubleFunction<double[]> f, double[] x0, double step, int iterations) {
        int d = x0.length;
        double[][] x = new double[d + 1][];
        double[] v = new double[d + 1];
        x[0] = x0.clone();
        for (int i = 0; i < d; i++) {
            x[i + 1] = x0.clone();
            x[i + 1][i] += step;
        }
        for (int i = 0; i <= d; i++) {
            v[i] = f.applyAsDouble(x[i]);
        }
        for (int it = 0; it < iterations; it++) {
            // order
            for (int i = 1; i <= d; i++) {
                for (int j = i; j > 0 && v[j] < v[j - 1]; j--) {
                    double tv = v[j];
                    v[j] = v[j - 1];
                    v[j - 1] = tv;
                    double[] tx = x[j];
                    x[j] = x[j - 1];
                    x[j - 1] = tx;
                }
            }
            double[] c = new double[d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    c[j] += x[i][j] / d;
                }
            }
            double[] r = lerp(c, x[d], -1);
            double vr = f.applyAsDouble(r);
            if (vr < v[0]) {
                double[] e = lerp(c, x[d], -2);
                double ve = f.applyAsDouble(e);
                if (ve < vr) {
                    x[d] = e;
                    v[d] = ve;
                } else {
                    x[d] = r;
                    v[d] = vr;
                }
            } else if (vr < v[d - 1]) {
                x[d] = r;
                v[d] = vr;
            } else {
                double[] k = vr < v[d] ? lerp(c, r, 0.5) : lerp(c, x[d], 0.5);
                double vk = f.applyAsDouble(k);
                if (vk < Math.min(vr, v[d])) {
                    x[d] = k;
                    v[d] = vk;
                } else {
                    for (int i = 1; i <= d; i++) {
                        x[i] = lerp(x[0], x[i], 0.5);
                        v[i] = f.applyAsDouble(x[i]);
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i <= d; i++) {
            if (v[i] < v[best]) {
                best = i;
            }
        }
        return x[best];
    }

    /** a + t (b - a). */
    private static double[] lerp(double[] a, double[] b, double t) {
        double[] o = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            o[i] = a[i] + t * (b[i] - a[i]);
        }
        return o;
    }
}
