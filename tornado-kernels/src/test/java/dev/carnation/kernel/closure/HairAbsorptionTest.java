package dev.carnation.kernel.closure;

import static dev.carnation.kernel.Layout.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Where the hair closure's absorption comes from: melanin concentrations (d'Eon et al. 2011's
 * coefficients), a colour (Chiang et al. 2016's inversion, checked against the colour a thick
 * layer of such fibres actually reflects), the root-to-tip ramp and per-strand variation.
 */
class HairAbsorptionTest {
    static final float[] EU = {0.419f, 0.697f, 1.37f};
    static final float[] PHEO = {0.187f, 0.4f, 1.05f};

    @Test
    void melaninGivesTheSumOfBothPigmentsAbsorption() {
        float[] root = {1.3f, 0.25f, 0f};
        float[] s = HairFixtures.hit(HairFixtures.record(HAIR_MELANIN, root, root, 0.3f, 0.3f, 0f), 0f, 0.5f, 0.3f);
        for (int c = 0; c < 3; c++) {
            assertEquals(1.3f * EU[c] + 0.25f * PHEO[c], s[S_HAIR_SIGMA_A + c], 1e-6f, "channel " + c);
        }
        // Red hair: pheomelanin absorbs blue far more than red, so red scatters most.
        float[] red = {0.1f, 1.2f, 0f};
        float[] t = HairFixtures.hit(HairFixtures.record(HAIR_MELANIN, red, red, 0.3f, 0.3f, 0f), 0f, 0f, 0f);
        assertTrue(t[S_MBASE] > t[S_MBASE + 1] && t[S_MBASE + 1] > t[S_MBASE + 2], "red hair's colour is not red");
    }

    @Test
    void colourInversionRoundTripsAndFollowsChiangsFit() {
        for (float betaN : new float[] {0.1f, 0.3f, 0.9f}) {
            double d = 5.969 - 0.215 * betaN + 2.532 * betaN * betaN - 10.73 * Math.pow(betaN, 3)
                    + 5.574 * Math.pow(betaN, 4) + 0.245 * Math.pow(betaN, 5);
            for (float c = 0.02f; c <= 1f; c += 0.02f) {
                double want = Math.pow(Math.log(c) / d, 2);
                assertEquals(want, Hair.sigmaAFromColor(c, betaN), 1e-6 * Math.max(1, want), "c=" + c);
                assertEquals(c, Hair.colorFromSigmaA(Hair.sigmaAFromColor(c, betaN), betaN), 1e-5, "round trip c=" + c);
            }
        }
        assertEquals(0f, Hair.sigmaAFromColor(1f, 0.3f));
    }

    /**
     * Reflectance of a half-space filled with randomly oriented fibres under uniform light: the
     * colour Chiang et al.'s inversion aims at. A ray meets a fibre with probability proportional
     * to the fibre's projected width (sin of the angle between them), at an offset h uniform across
     * it; free paths are exponential (their scale does not matter in a half-space).
     */
    static double[] layerReflectance(float[] record, int paths, long seed) {
        float[] s = HairFixtures.hit(record, 0f, 0f, 0f);
        SplittableRandom r = new SplittableRandom(seed);
        double[] sum = new double[3];
        for (int n = 0; n < paths; n++) {
            double ct = Math.sqrt(r.nextDouble());
            double a = 2 * Math.PI * r.nextDouble();
            double st = Math.sqrt(1 - ct * ct);
            double[] d = {st * Math.cos(a), st * Math.sin(a), -ct};
            double depth = 0;
            double[] w = {1, 1, 1};
            boolean alive = true;
            int bounces = 0;
            while (alive && bounces < 1_000_000) {
                depth += d[2] * -Math.log(1 - r.nextDouble());
                if (depth > 0) {
                    for (int c = 0; c < 3; c++) {
                        sum[c] += w[c];
                    }
                    alive = false;
                    continue;
                }
                double[] x;
                double cos;
                do {
                    x = sphere(r);
                    cos = x[0] * d[0] + x[1] * d[1] + x[2] * d[2];
                } while (r.nextDouble() > Math.sqrt(1 - cos * cos));
                // Local frame: z toward where the ray came from, perpendicular to the fibre.
                double[] z = {-d[0] + cos * x[0], -d[1] + cos * x[1], -d[2] + cos * x[2]};
                double zl = Math.sqrt(z[0] * z[0] + z[1] * z[1] + z[2] * z[2]);
                for (int k = 0; k < 3; k++) {
                    z[k] /= zl;
                }
                double[] y = {z[1] * x[2] - z[2] * x[1], z[2] * x[0] - z[0] * x[2], z[0] * x[1] - z[1] * x[0]};
                s[S_HAIR_H] = (float) (-1 + 2 * r.nextDouble());
                float ox = (float) -cos;
                float oz = (float) zl;
                if (!Bsdf.sample(s, ox, 0f, oz, (float) r.nextDouble(), (float) r.nextDouble(), (float) r.nextDouble())) {
                    alive = false;
                    continue;
                }
                for (int k = 0; k < 3; k++) {
                    d[k] = s[S_WI] * x[k] + s[S_WI + 1] * y[k] + s[S_WI + 2] * z[k];
                }
                double max = 0;
                for (int c = 0; c < 3; c++) {
                    w[c] *= s[S_F + c];
                    max = Math.max(max, w[c]);
                }
                bounces++;
                if (bounces > 8) {
                    double keep = Math.min(1, max);
                    if (r.nextDouble() >= keep) {
                        alive = false;
                    } else {
                        for (int c = 0; c < 3; c++) {
                            w[c] /= keep;
                        }
                    }
                }
            }
        }
        for (int c = 0; c < 3; c++) {
            sum[c] /= paths;
        }
        return sum;
    }

    static double[] sphere(SplittableRandom r) {
        double z = -1 + 2 * r.nextDouble();
        double a = 2 * Math.PI * r.nextDouble();
        double s = Math.sqrt(1 - z * z);
        return new double[] {s * Math.cos(a), s * Math.sin(a), z};
    }

    @Test
    void aLayerOfFibresReflectsTheColourItWasGiven() {
        double worst = 0;
        for (float betaN : new float[] {0.3f, 0.7f}) {
            float[] colour = {0.8f, 0.5f, 0.25f};
            float[] rec = HairFixtures.record(HAIR_COLOR, colour, colour, 0.3f, betaN, HairFixtures.ALPHA);
            double[] got = layerReflectance(rec, 20000, 2);
            for (int c = 0; c < 3; c++) {
                System.out.printf("hair layer beta_n=%.1f: asked %.2f, reflects %.3f%n", betaN, colour[c], got[c]);
                worst = Math.max(worst, Math.abs(got[c] - colour[c]));
            }
        }
        System.out.printf("hair layer: worst |reflectance - colour| %.3f%n", worst);
        assertTrue(worst < 0.035, "the inversion misses the layer's colour by " + worst);
    }

    @Test
    void rampRunsFromRootToTip() {
        float[] root = {0.2f, 0.3f, 0.4f};
        float[] tip = {0.8f, 0.9f, 1.0f};
        float[] rec = HairFixtures.record(HAIR_ABSORPTION, root, tip, 0.3f, 0.3f, 0f);
        for (float v : new float[] {0f, 0.25f, 1f}) {
            float[] s = HairFixtures.hit(rec, 0f, 0.7f, v);
            for (int c = 0; c < 3; c++) {
                assertEquals(root[c] + v * (tip[c] - root[c]), s[S_HAIR_SIGMA_A + c], 1e-6f, "v=" + v);
            }
        }
        // Colour mode blends colours, not absorptions: halfway between two colours is their mean colour.
        float[] dark = {0.1f, 0.1f, 0.1f};
        float[] light = {0.9f, 0.9f, 0.9f};
        float[] s = HairFixtures.hit(HairFixtures.record(HAIR_COLOR, dark, light, 0.3f, 0.3f, 0f), 0f, 0f, 0.5f);
        assertEquals(0.5f, s[S_MBASE], 1e-5f);
    }

    @Test
    void strandsVaryByTheirRandomValueAndOnlyWhenAsked() {
        float[] root = {1f, 0.2f, 0f};
        float[] rec = HairFixtures.record(HAIR_MELANIN, root, root, 0.3f, 0.3f, HairFixtures.ALPHA);
        float[] base = HairFixtures.hit(rec, 0f, 0f, 0f);
        for (int i = 0; i < 100; i++) {
            float[] s = HairFixtures.hit(rec, 0f, i / 100f, 0f);
            assertEquals(base[S_HAIR_SIGMA_A], s[S_HAIR_SIGMA_A], 0f, "no spread asked, yet the absorption varies");
            assertEquals(base[S_HAIR_V0], s[S_HAIR_V0], 0f);
            assertEquals(base[S_HAIR_SIN_A], s[S_HAIR_SIN_A], 0f);
        }
        rec[M_HAIR_VAR_MELANIN] = 0.4f;
        rec[M_HAIR_VAR_ROUGH] = 0.2f;
        rec[M_HAIR_VAR_TILT] = 0.5f;
        int n = 4000;
        double[] m = new double[3];
        double[] sq = new double[3];
        double cross = 0;
        for (int i = 0; i < n; i++) {
            float[] s = HairFixtures.hit(rec, 0f, (i + 0.5f) / n, 0f);
            double[] x = {s[S_HAIR_SIGMA_A] / base[S_HAIR_SIGMA_A] - 1, s[S_HAIR_V0] / base[S_HAIR_V0] - 1,
                s[S_HAIR_SIN_A] / base[S_HAIR_SIN_A] - 1};
            assertTrue(Math.abs(x[0]) <= 0.4 + 1e-5, "absorption spread " + x[0]);
            assertTrue(Math.abs(x[2]) <= 0.5 + 1e-3, "tilt spread " + x[2]);
            for (int k = 0; k < 3; k++) {
                m[k] += x[k] / n;
                sq[k] += x[k] * x[k] / n;
            }
            cross += x[0] * x[2] / n;
            // The same strand value gives the same strand.
            assertEquals(s[S_HAIR_SIGMA_A], HairFixtures.hit(rec, 0f, (i + 0.5f) / n, 0f)[S_HAIR_SIGMA_A]);
        }
        // Uniform spreads: mean 0, variance amount^2 / 3, and absorption and tilt uncorrelated.
        assertEquals(0, m[0], 0.02);
        assertEquals(0.16 / 3, sq[0], 0.006);
        assertEquals(0.25 / 3, sq[2], 0.01);
        assertTrue(sq[1] > 0.01, "roughness does not vary");
        double corr = (cross - m[0] * m[2]) / Math.sqrt((sq[0] - m[0] * m[0]) * (sq[2] - m[2] * m[2]));
        assertEquals(0, corr, 0.06, "absorption and tilt spreads are correlated");
    }
}
