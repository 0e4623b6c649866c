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
 * The hair closure's sampling against its pdf (chi-square over the sphere, cells equal in solid
 * angle in the fibre's own angles), each sample record against eval, and the lobes where the
 * fibre's geometry puts them: R toward the root by twice the cuticle tilt, at the mirror azimuth
 * of the hit offset.
 */
class HairSamplingTest {
    static final int SAMPLES = 1_000_000;
    static final int THETA = 64;
    static final int PHI = 128;
    static final int SUB = 6;

    record Case(String name, float[] record, float h, float[] wo) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        float[] brown = {1.3f, 0.2f, 0f};
        float[] clear = {0f, 0f, 0f};
        float[] red = {0.2f, 1.5f, 0f};
        float[] tilt = {(float) Math.toRadians(2), (float) Math.toRadians(6)};
        out.add(new Case("clear bm=0.3 bn=0.3 h=0 wo normal",
                HairFixtures.record(HAIR_ABSORPTION, clear, clear, 0.3f, 0.3f, tilt[0]), 0f, HairFixtures.dir(0, Math.PI / 2)));
        out.add(new Case("brown bm=0.25 bn=0.4 h=0.6 wo tilted",
                HairFixtures.record(HAIR_MELANIN, brown, brown, 0.25f, 0.4f, tilt[0]), 0.6f, HairFixtures.dir(0.5, 1.2)));
        out.add(new Case("red bm=0.15 bn=0.2 h=-0.35 wo grazing, tilt 6 deg",
                HairFixtures.record(HAIR_MELANIN, red, red, 0.15f, 0.2f, tilt[1]), -0.35f, HairFixtures.dir(-0.85, 2.5)));
        out.add(new Case("pale bm=0.6 bn=0.8 h=0.95 wo from below",
                HairFixtures.record(HAIR_ABSORPTION, new float[] {0.05f, 0.1f, 0.3f}, clear, 0.6f, 0.8f, tilt[1]), 0.95f,
                HairFixtures.dir(0.2, -0.7)));
        out.add(new Case("clear bm=0.4 bn=0.15 h=-0.2 wo along y",
                HairFixtures.record(HAIR_ABSORPTION, clear, clear, 0.4f, 0.15f, tilt[0]), -0.2f, HairFixtures.dir(-0.1, 0.05)));
        return out;
    }

    static Stream<Case> caseStream() {
        return cases().stream();
    }

    static int cell(float x, float y, float z) {
        int t = Math.min(THETA - 1, Math.max(0, (int) ((x + 1) / 2 * THETA)));
        double phi = Math.atan2(z, y);
        if (phi < 0) {
            phi += 2 * Math.PI;
        }
        int p = Math.min(PHI - 1, (int) (phi / (2 * Math.PI) * PHI));
        return t * PHI + p;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseStream")
    void samplingMatchesPdf(Case c) {
        float[] s = HairFixtures.hit(c.record(), c.h(), 0f, 0f);
        float[] e = s.clone();
        float[] wo = c.wo();
        double[] observed = new double[THETA * PHI];
        SplittableRandom rng = new SplittableRandom(c.name().hashCode());
        int failed = 0;
        for (int i = 0; i < SAMPLES; i++) {
            if (!Bsdf.sample(s, wo[0], wo[1], wo[2], (float) rng.nextDouble(), (float) rng.nextDouble(), (float) rng.nextDouble())) {
                failed++;
                continue;
            }
            observed[cell(s[S_WI], s[S_WI + 1], s[S_WI + 2])]++;
        }
        assertEquals(0, failed, "samples failed");
        double[] expected = new double[THETA * PHI];
        double cellArea = (2.0 / THETA) * (2 * Math.PI / PHI);
        double total = 0;
        for (int t = 0; t < THETA; t++) {
            for (int p = 0; p < PHI; p++) {
                double sum = 0;
                for (int a = 0; a < SUB; a++) {
                    for (int b = 0; b < SUB; b++) {
                        double sin = -1 + 2.0 * (t + (a + 0.5) / SUB) / THETA;
                        double phi = 2 * Math.PI * (p + (b + 0.5) / SUB) / PHI;
                        float[] wi = HairFixtures.dir(sin, phi);
                        sum += Bsdf.eval(e, wo[0], wo[1], wo[2], wi[0], wi[1], wi[2]);
                    }
                }
                expected[t * PHI + p] = sum / (SUB * SUB) * cellArea * SAMPLES;
                total += expected[t * PHI + p];
            }
        }
        assertEquals(SAMPLES, total, 0.01 * SAMPLES, "pdf does not integrate to 1");
        ChiSquare.Result r = ChiSquare.test(observed, expected);
        double alpha = 1 - Math.pow(1 - 0.01, 1.0 / cases().size());
        System.out.printf("hair chi-square %s: chi2 = %.1f, dof = %d, p = %.3g, pdf integral %.5f%n",
                c.name(), r.statistic(), r.dof(), r.pValue(), total / SAMPLES);
        assertTrue(r.pValue() > alpha, String.format("chi2 = %.1f, dof = %d, p = %.3g < %.3g", r.statistic(), r.dof(), r.pValue(), alpha));
    }

    @Test
    void sampleRecordsMatchEval() {
        SplittableRandom r = new SplittableRandom(9);
        int checked = 0;
        int transmitted = 0;
        for (int k = 0; k < 400; k++) {
            float[] root = {(float) (2 * r.nextDouble()), (float) r.nextDouble(), 0f};
            float[] rec = HairFixtures.record(HAIR_MELANIN, root, root, 0.05f + 0.9f * (float) r.nextDouble(),
                    0.05f + 0.9f * (float) r.nextDouble(), (float) Math.toRadians(5 * r.nextDouble()));
            float[] s = HairFixtures.hit(rec, (float) (-1 + 2 * r.nextDouble()), 0f, 0f);
            float[] e = s.clone();
            float[] wo = HairFixtures.unit(r.nextGaussian(), r.nextGaussian(), r.nextGaussian());
            for (int i = 0; i < 250; i++) {
                if (!Bsdf.sample(s, wo[0], wo[1], wo[2], (float) r.nextDouble(), (float) r.nextDouble(), (float) r.nextDouble())) {
                    fail("sampling failed");
                }
                float ix = s[S_WI];
                float iy = s[S_WI + 1];
                float iz = s[S_WI + 2];
                assertEquals(1f, (float) Math.sqrt(ix * ix + iy * iy + iz * iz), 1e-4f, "sampled direction is not unit length");
                float pdf = Bsdf.eval(e, wo[0], wo[1], wo[2], ix, iy, iz);
                assertTrue(pdf > 0, "sampled a direction of pdf 0");
                assertEquals(pdf, s[S_PDF], 1e-5f * pdf, "sample pdf != eval pdf");
                for (int c = 0; c < 3; c++) {
                    float w = e[S_F + c] / pdf;
                    assertEquals(w, s[S_F + c], 1e-5f * w + 1e-9f, "weight != f|cos|/pdf");
                }
                assertTrue(Bsdf.has(s, BSDF_GLOSSY), "hair lobes are glossy");
                boolean sameSide = iz * wo[2] >= 0;
                assertEquals(sameSide, Bsdf.has(s, BSDF_REFLECT), "reflect flag");
                assertEquals(!sameSide, Bsdf.has(s, BSDF_TRANSMIT), "transmit flag");
                assertEquals(1f, s[S_SAMPLE_ETA], "hair does not change the medium");
                transmitted += sameSide ? 0 : 1;
                checked++;
            }
        }
        assertTrue(transmitted > checked / 10, "too few transmissions: " + transmitted + " of " + checked);
    }

    /** Direction of largest f|cos| along a line in (sin theta) at azimuth phi, found on a fine grid. */
    static double peakTheta(float[] s, float[] wo, double phi) {
        double best = -1;
        double at = 0;
        for (int i = -9000; i <= 9000; i++) {
            double theta = Math.toRadians(i * 0.01);
            float[] wi = HairFixtures.dir(Math.sin(theta), phi);
            Bsdf.eval(s, wo[0], wo[1], wo[2], wi[0], wi[1], wi[2]);
            if (s[S_F + 1] > best) {
                best = s[S_F + 1];
                at = theta;
            }
        }
        return at;
    }

    static double peakPhi(float[] s, float[] wo, double sinTheta) {
        double best = -1;
        double at = 0;
        for (int i = -18000; i < 18000; i++) {
            double phi = Math.toRadians(i * 0.01);
            float[] wi = HairFixtures.dir(sinTheta, phi);
            Bsdf.eval(s, wo[0], wo[1], wo[2], wi[0], wi[1], wi[2]);
            if (s[S_F + 1] > best) {
                best = s[S_F + 1];
                at = phi;
            }
        }
        return at;
    }

    @Test
    void reflectionLeansTowardTheRootByTwiceTheTilt() {
        // Opaque fibre: nothing but R survives, so the peak is R's.
        float alpha = (float) Math.toRadians(3);
        float[] dark = {60f, 60f, 60f};
        float[] s = HairFixtures.hit(HairFixtures.record(HAIR_ABSORPTION, dark, dark, 0.1f, 0.3f, alpha), 0f, 0f, 0f);
        for (double thetaO : new double[] {0, 0.4, -0.7}) {
            float[] wo = HairFixtures.dir(Math.sin(thetaO), Math.PI / 2);
            double peak = peakTheta(s, wo, Math.PI / 2);
            System.out.printf("hair R peak for theta_o %.1f deg: theta_i %.2f deg (mirror %.2f, tilt %.1f)%n",
                    Math.toDegrees(thetaO), Math.toDegrees(peak), Math.toDegrees(-thetaO), Math.toDegrees(alpha));
            assertEquals(-thetaO - 2 * alpha, peak, Math.toRadians(0.2), "R peak (theta_i) for theta_o " + thetaO);
        }
    }

    @Test
    void reflectionLeavesAtTheMirrorAzimuthOfTheHitOffset() {
        float[] dark = {60f, 60f, 60f};
        for (float h : new float[] {0.5f, -0.8f, 0.2f}) {
            float[] s = HairFixtures.hit(HairFixtures.record(HAIR_ABSORPTION, dark, dark, 0.3f, 0.1f, 0f), h, 0f, 0f);
            double phiO = 1.1;
            float[] wo = HairFixtures.dir(0.3, phiO);
            double peak = peakPhi(s, wo, -0.3);
            // The normal at offset h leans asin(h) from wo's azimuth toward +y: R leaves at phi_o - 2 asin(h).
            double want = phiO - 2 * Math.asin(h);
            System.out.printf("hair R azimuth for h %.1f: %.2f deg, expected %.2f%n", h, Math.toDegrees(peak), Math.toDegrees(want));
            assertEquals(want, peak, Math.toRadians(0.3), "R azimuth for h " + h);
        }
    }

    @Test
    void clearFibreTransmitsMostLightStraightThrough() {
        // At h = 0 the TT lobe leaves opposite wo, tilted toward the tip by alpha.
        float alpha = (float) Math.toRadians(3);
        float[] clear = {0f, 0f, 0f};
        float[] s = HairFixtures.hit(HairFixtures.record(HAIR_ABSORPTION, clear, clear, 0.1f, 0.2f, alpha), 0f, 0f, 0f);
        float[] wo = HairFixtures.dir(0, Math.PI / 2);
        double phi = peakPhi(s, wo, Math.sin(alpha));
        assertEquals(-Math.PI / 2, phi, Math.toRadians(0.3), "TT azimuth");
        double theta = peakTheta(s, wo, -Math.PI / 2);
        assertEquals(alpha, theta, Math.toRadians(0.2), "TT leans toward the tip by alpha");
    }
}
