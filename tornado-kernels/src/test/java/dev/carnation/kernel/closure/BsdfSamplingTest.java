package dev.carnation.kernel.closure;

import static dev.carnation.kernel.Layout.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sampling of every non-delta BSDF lobe against its pdf: a chi-square test over the sphere
 * (1e6 samples, 64 x 128 cells, pdf integrated per cell), plus per-sample consistency of the
 * returned pdf and weight with eval(). Significance 1 % over all cases with Sidak correction.
 */
class BsdfSamplingTest {
    static final int SAMPLES = 1_000_000;
    static final int THETA = 64;
    static final int PHI = 128;
    static final int SUB = 4;

    static Stream<Arguments> cases() {
        List<float[]> mats = new ArrayList<>();
        mats.add(Materials.scratch(MAT_DIFFUSE, 0, 0));
        mats.add(Materials.scratch(MAT_CONDUCTOR, 0.2f, 0.2f));
        mats.add(Materials.scratch(MAT_CONDUCTOR, 0.5f, 0.5f));
        mats.add(Materials.scratch(MAT_CONDUCTOR, 0.15f, 0.45f));
        mats.add(Materials.scratch(MAT_DIELECTRIC, 0.3f, 0.3f));
        mats.add(Materials.scratch(MAT_DIELECTRIC, 0.5f, 0.25f));
        mats.add(Materials.skinSpec(0.15f, 0.45f, 0.85f, 1f));
        mats.add(Materials.skinSpec(0.3f, 0.8f, 0.5f, 2f));
        float[][] wos = {{0.3f, 0.1f, 0.9487f}, {0.7f, -0.3f, 0.648f}, {-0.2f, 0.9f, 0.3873f}, {0.1f, 0.4f, -0.911f}};
        List<Arguments> out = new ArrayList<>();
        for (float[] m : mats) {
            for (float[] wo : wos) {
                if (wo[2] < 0 && (int) m[S_MTYPE] != MAT_DIELECTRIC) {
                    // opaque lobes mirror the frame; one check from below suffices; skin is lit from outside
                    if ((int) m[S_MTYPE] != MAT_DIFFUSE) {
                        continue;
                    }
                }
                out.add(Arguments.of(Materials.describe(m), m, normalize(wo)));
            }
        }
        return out.stream();
    }

    static float[] normalize(float[] v) {
        float l = (float) Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new float[] {v[0] / l, v[1] / l, v[2] / l};
    }

    static final int CASES = (int) cases().count();

    @ParameterizedTest(name = "{0} wo={2}")
    @MethodSource("cases")
    void samplingMatchesPdf(String name, float[] mat, float[] wo) {
        float[] s = mat.clone();
        float[] e = mat.clone();
        double[] observed = new double[THETA * PHI];
        SplittableRandom rng = new SplittableRandom(name.hashCode() * 31L + Float.floatToIntBits(wo[0]));
        int checked = 0;
        for (int i = 0; i < SAMPLES; i++) {
            float u0 = (float) rng.nextDouble();
            float u1 = (float) rng.nextDouble();
            float u2 = (float) rng.nextDouble();
            if (!Bsdf.sample(s, wo[0], wo[1], wo[2], u0, u1, u2)) {
                continue;
            }
            float ix = s[S_WI];
            float iy = s[S_WI + 1];
            float iz = s[S_WI + 2];
            float len = (float) Math.sqrt(ix * ix + iy * iy + iz * iz);
            assertEquals(1f, len, 1e-3f, "sampled direction is not unit length");
            observed[cell(ix / len, iy / len, iz / len)]++;
            if (i % 97 == 0) {
                float pdf = Bsdf.eval(e, wo[0], wo[1], wo[2], ix, iy, iz);
                assertTrue(pdf > 0, "sampled a direction where eval's pdf is 0: " + ix + "," + iy + "," + iz);
                assertEquals(s[S_PDF], pdf, 2e-3f * pdf + 1e-5f, "sample pdf != eval pdf");
                for (int c = 0; c < 3; c++) {
                    float w = e[S_F + c] / pdf;
                    assertEquals(s[S_F + c], w, 2e-3f * Math.abs(w) + 1e-5f, "sample weight != f|cos|/pdf");
                }
                checked++;
            }
        }
        assertTrue(checked > 100);
        double[] expected = new double[THETA * PHI];
        double cellArea = (2.0 / THETA) * (2 * Math.PI / PHI);
        for (int t = 0; t < THETA; t++) {
            for (int p = 0; p < PHI; p++) {
                double sum = 0;
                for (int a = 0; a < SUB; a++) {
                    for (int b = 0; b < SUB; b++) {
                        double cos = -1 + 2.0 * (t + (a + 0.5) / SUB) / THETA;
                        double phi = 2 * Math.PI * (p + (b + 0.5) / SUB) / PHI;
                        double sin = Math.sqrt(Math.max(0, 1 - cos * cos));
                        sum += Bsdf.eval(e, wo[0], wo[1], wo[2], (float) (sin * Math.cos(phi)),
                                (float) (sin * Math.sin(phi)), (float) cos);
                    }
                }
                expected[t * PHI + p] = sum / (SUB * SUB) * cellArea * SAMPLES;
            }
        }
        ChiSquare.Result r = ChiSquare.test(observed, expected);
        double alpha = 1 - Math.pow(1 - 0.01, 1.0 / CASES);
        assertTrue(r.pValue() > alpha, String.format("chi2 = %.1f, dof = %d, p = %.3g < %.3g", r.statistic(), r.dof(), r.pValue(), alpha));
    }

    static int cell(float x, float y, float z) {
        int t = Math.min(THETA - 1, Math.max(0, (int) ((z + 1) / 2 * THETA)));
        double phi = Math.atan2(y, x);
        if (phi < 0) {
            phi += 2 * Math.PI;
        }
        int p = Math.min(PHI - 1, (int) (phi / (2 * Math.PI) * PHI));
        return t * PHI + p;
    }
}
