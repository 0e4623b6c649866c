package dev.carnation.kernel.sampling;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The deterministic functions against java.lang.Math over the ranges the kernels use. */
class DetMathTest {
    @Test
    void sinAndCos() {
        double worst = 0;
        for (int i = -200_000; i <= 200_000; i++) {
            float x = i * 1e-4f; // [-20, 20]
            worst = Math.max(worst, Math.abs(DetMath.sin(x) - Math.sin(x)));
            worst = Math.max(worst, Math.abs(DetMath.cos(x) - Math.cos(x)));
        }
        assertTrue(worst < 4e-7, "max error " + worst);
        assertEquals(0f, DetMath.sin(0f));
        assertEquals(1f, DetMath.cos(0f));
    }

    @Test
    void atan2AllQuadrants() {
        double worst = 0;
        for (int i = 0; i < 100_000; i++) {
            double a = 2 * Math.PI * i / 100_000;
            for (float r : new float[] {1e-3f, 1f, 250f}) {
                float y = (float) (r * Math.sin(a));
                float x = (float) (r * Math.cos(a));
                worst = Math.max(worst, Math.abs(DetMath.atan2(y, x) - Math.atan2(y, x)));
            }
        }
        assertTrue(worst < 5e-7, "max error " + worst);
        assertEquals(0f, DetMath.atan2(0f, 1f));
        assertEquals(Math.PI / 2, DetMath.atan2(1f, 0f), 1e-7);
        assertEquals(-Math.PI / 2, DetMath.atan2(-1f, 0f), 1e-7);
    }

    @Test
    void acos() {
        for (float x = -1f; x <= 1f; x += 1e-4f) {
            assertEquals(Math.acos(x), DetMath.acos(x), 6e-7, "x=" + x);
        }
        assertEquals(0f, DetMath.acos(1.5f), 0f);
    }

    @Test
    void sinCosMatchesSinAndCos() {
        float[] out = new float[2];
        for (int i = -70_000; i <= 70_000; i++) {
            float x = i * 1e-4f;
            DetMath.sinCos(x, out, 0);
            assertEquals(DetMath.sin(x), out[0], 0f);
            assertEquals(DetMath.cos(x), out[1], 0f);
        }
    }

    @Test
    void expAndLog() {
        for (float x = -86f; x <= 0f; x += 0.001f) {
            double want = Math.exp(x);
            assertEquals(want, DetMath.expNeg(x), 3e-7 * want, "x=" + x);
        }
        assertEquals(0f, DetMath.expNeg(-100f));
        for (float u = 5.96e-8f; u <= 1f; u *= 1.0003f) {
            assertEquals(Math.log(u), DetMath.logUnit(u), 2e-7 * Math.max(1, Math.abs(Math.log(u))), "u=" + u);
        }
        assertEquals(0f, DetMath.logUnit(1f), 0f);
    }

    @Test
    void loopFreeExpAndLogOverTheirWholeRange() {
        for (float x = -86.9f; x <= 88f; x += 0.0007f) {
            double want = Math.exp(x);
            assertEquals(want, DetMath.exp(x), 4e-7 * want, "x=" + x);
        }
        assertEquals(0f, DetMath.exp(-87.5f));
        assertEquals(1f, DetMath.exp(0f));
        for (float x = 1e-37f; x < 3e38f; x *= 1.0007f) {
            assertEquals(Math.log(x), DetMath.log(x), 2e-7 * Math.max(1, Math.abs(Math.log(x))), "x=" + x);
        }
        assertEquals(0f, DetMath.log(1f));
        // Powers of two land exactly on the scaling steps' edges.
        for (int k = -120; k <= 120; k++) {
            float x = (float) Math.scalb(1.0, k);
            assertEquals(k * Math.log(2), DetMath.log(x), 2e-7 * Math.max(1, Math.abs(k)), "2^" + k);
        }
    }
}
