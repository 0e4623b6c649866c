package dev.carnation.kernel.closure;

import static dev.carnation.kernel.Layout.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hair closure's energy, after pbrt-v4's hair tests: without absorption a fibre scatters all
 * the light it intercepts (white furnace) whatever its roughness, both when eval is integrated
 * by uniform directions and when sample's weights are averaged; with absorption the two
 * estimates agree; h = +-1 and grazing directions stay finite.
 */
class HairEnergyTest {
    static final int ROWS = 128;
    static final int PAIRS = 12;

    static Stream<Arguments> roughness() {
        List<Arguments> out = new ArrayList<>();
        for (int m = 1; m <= 9; m += 2) {
            for (int n = 1; n <= 9; n += 2) {
                out.add(Arguments.of(m / 10f, n / 10f));
            }
        }
        return out.stream();
    }

    /**
     * Integral of f |cos| times the light over the sphere, averaged over PAIRS random (wo, h)
     * (the same for a given seed in both estimates): for each, one jittered direction per cell of a
     * ROWS x 2 ROWS grid over (sin theta, phi), equal in solid angle and fine enough to resolve the
     * narrowest lobes tested.
     */
    static double uniformEstimate(float betaM, float betaN, float sigma, long seed, Light light) {
        SplittableRandom pairs = new SplittableRandom(seed);
        SplittableRandom r = new SplittableRandom(seed + 1);
        float[] s = HairFixtures.grey(betaM, betaN, sigma, 0f);
        double sum = 0;
        for (int k = 0; k < PAIRS; k++) {
            float[] wo = HairFixtures.dir(-1 + 2 * pairs.nextDouble(), 2 * Math.PI * pairs.nextDouble());
            s[S_HAIR_H] = (float) (-1 + 2 * pairs.nextDouble());
            for (int i = 0; i < ROWS; i++) {
                for (int j = 0; j < 2 * ROWS; j++) {
                    float[] wi = HairFixtures.dir(-1 + 2 * (i + r.nextDouble()) / ROWS, Math.PI * (j + r.nextDouble()) / ROWS);
                    Bsdf.eval(s, wo[0], wo[1], wo[2], wi[0], wi[1], wi[2]);
                    sum += s[S_F + 1] * light.radiance(wi);
                }
            }
        }
        return sum * 4 * Math.PI / (2.0 * ROWS * ROWS * PAIRS);
    }

    /** Mean sample weight times radiance over the same (wo, h) as uniformEstimate; failed samples count as 0. */
    static double importanceEstimate(float betaM, float betaN, float sigma, long seed, Light light, double[] worstUnitError) {
        SplittableRandom pairs = new SplittableRandom(seed);
        SplittableRandom r = new SplittableRandom(seed + 2);
        float[] s = HairFixtures.grey(betaM, betaN, sigma, 0f);
        double sum = 0;
        int n = 2 * ROWS * ROWS;
        for (int k = 0; k < PAIRS; k++) {
            float[] wo = HairFixtures.dir(-1 + 2 * pairs.nextDouble(), 2 * Math.PI * pairs.nextDouble());
            s[S_HAIR_H] = (float) (-1 + 2 * pairs.nextDouble());
            for (int i = 0; i < n; i++) {
                if (Bsdf.sample(s, wo[0], wo[1], wo[2], (float) r.nextDouble(), (float) r.nextDouble(), (float) r.nextDouble())) {
                    float[] wi = {s[S_WI], s[S_WI + 1], s[S_WI + 2]};
                    sum += s[S_F + 1] * light.radiance(wi);
                    if (worstUnitError != null) {
                        worstUnitError[0] = Math.max(worstUnitError[0], Math.abs(s[S_F + 1] - 1.0));
                    }
                } else if (worstUnitError != null) {
                    worstUnitError[0] = Math.max(worstUnitError[0], 1.0);
                }
            }
        }
        return sum / ((double) n * PAIRS);
    }

    interface Light {
        double radiance(float[] wi);
    }

    static final Light WHITE = wi -> 1.0;
    /** A light that varies along and around the fibre, so lobes that land in the wrong place show. */
    static final Light SKY = wi -> 0.2 + Math.max(0, 0.6 * wi[0] + 0.5 * wi[2]) + 0.3 * (1 + wi[1]) * (1 + wi[1]);

    @ParameterizedTest(name = "beta_m={0} beta_n={1}")
    @MethodSource("roughness")
    void whiteFurnaceByUniformDirections(float betaM, float betaN) {
        double e = uniformEstimate(betaM, betaN, 0f, 11, WHITE);
        System.out.printf("hair furnace uniform beta_m=%.1f beta_n=%.1f: %.5f%n", betaM, betaN, e);
        // pbrt-v4 allows [0.95, 1.05] for its random directions. Stratified, the estimate is within
        // 0.4 % here, and within 1 % for any small change of f at beta 0.1 (the grid's noise on the
        // narrowest lobes): 2 % leaves room for that and still catches a lost lobe or normaliser.
        assertTrue(e >= 0.98 && e <= 1.02, "uniform furnace " + e);
    }

    @ParameterizedTest(name = "beta_m={0} beta_n={1}")
    @MethodSource("roughness")
    void whiteFurnaceByImportanceSampling(float betaM, float betaN) {
        double[] worst = {0};
        double e = importanceEstimate(betaM, betaN, 0f, 11, WHITE, worst);
        System.out.printf("hair furnace sampled beta_m=%.1f beta_n=%.1f: %.7f, worst |w - 1| %.2g%n", betaM, betaN, e, worst[0]);
        assertTrue(e >= 0.99 && e <= 1.01, "sampled furnace " + e);
        // Without absorption f/pdf is the lobes' total attenuation, 1: every sample, not just the mean.
        assertTrue(worst[0] < 1e-4, "a sample weight differs from 1 by " + worst[0]);
    }

    static Stream<Arguments> absorbing() {
        SplittableRandom r = new SplittableRandom(5);
        List<Arguments> out = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            out.add(Arguments.of(0.15f + 0.75f * (float) r.nextDouble(), 0.15f + 0.75f * (float) r.nextDouble(),
                    (float) (3 * r.nextDouble())));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "beta_m={0} beta_n={1} sigma_a={2}")
    @MethodSource("absorbing")
    void importanceAndUniformEstimatesAgree(float betaM, float betaN, float sigma) {
        for (Light light : new Light[] {WHITE, SKY}) {
            double u = uniformEstimate(betaM, betaN, sigma, 21, light);
            double i = importanceEstimate(betaM, betaN, sigma, 21, light, null);
            System.out.printf("hair absorbing beta_m=%.2f beta_n=%.2f sigma_a=%.2f: uniform %.5f sampled %.5f (%+.2f %%)%n",
                    betaM, betaN, sigma, u, i, 100 * (i / u - 1));
            // pbrt-v4 allows 5 %; on the same (wo, h) the two agree far closer.
            assertEquals(u, i, 0.01 * u, "importance vs uniform");
        }
    }

    @Test
    void edgesOfTheFibreAndGrazingDirectionsStayFinite() {
        float[] hs = {-1f, -0.99999f, 0f, 0.99999f, 1f};
        float[][] wos = {{1, 0, 0}, {-1, 0, 0}, HairFixtures.unit(0.99999, 0, 0.0045), HairFixtures.unit(0, 0, 1),
            HairFixtures.unit(0.3, -0.5, 0.2), HairFixtures.unit(0, -1, 0)};
        SplittableRandom r = new SplittableRandom(3);
        int samples = 0;
        for (float betaM : new float[] {0.01f, 0.3f, 1f}) {
            for (float sigma : new float[] {0f, 0.5f, 50f}) {
                for (float h : hs) {
                    float[] s = HairFixtures.grey(betaM, 0.3f, sigma, h);
                    for (float[] wo : wos) {
                        for (int k = 0; k < 200; k++) {
                            float[] wi = HairFixtures.unit(r.nextGaussian(), r.nextGaussian(), r.nextGaussian());
                            if (k == 0) {
                                wi = wo;
                            } else if (k == 1) {
                                wi = new float[] {-wo[0], -wo[1], -wo[2]};
                            }
                            float pdf = Bsdf.eval(s, wo[0], wo[1], wo[2], wi[0], wi[1], wi[2]);
                            String at = "h=" + h + " beta_m=" + betaM + " sigma=" + sigma;
                            assertTrue(pdf >= 0 && Float.isFinite(pdf), "pdf " + pdf + " at " + at);
                            for (int c = 0; c < 3; c++) {
                                assertTrue(s[S_F + c] >= 0 && Float.isFinite(s[S_F + c]), "f " + s[S_F + c] + " at " + at);
                            }
                            if (Bsdf.sample(s, wo[0], wo[1], wo[2], (float) r.nextDouble(), (float) r.nextDouble(), (float) r.nextDouble())) {
                                samples++;
                                assertTrue(s[S_PDF] > 0 && Float.isFinite(s[S_PDF]), "sample pdf " + s[S_PDF] + " at " + at);
                                float len = (float) Math.sqrt(s[S_WI] * s[S_WI] + s[S_WI + 1] * s[S_WI + 1] + s[S_WI + 2] * s[S_WI + 2]);
                                assertEquals(1f, len, 1e-4f, "sampled direction length at " + at);
                                for (int c = 0; c < 3; c++) {
                                    assertTrue(s[S_F + c] >= 0 && Float.isFinite(s[S_F + c]), "weight " + s[S_F + c] + " at " + at);
                                }
                            }
                        }
                    }
                }
            }
        }
        assertTrue(samples > 50_000, "too few successful samples: " + samples);
    }
}
