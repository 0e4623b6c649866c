package dev.carnation.kernel.sampling;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class RngTest {
    @Test
    void maskedShiftIsLogicalShift() {
        int[] xs = {0, 1, -1, 0x80000000, 0x7fffffff, -123456789, 987654321};
        for (int x : xs) {
            for (int n = 1; n < 32; n++) {
                assertEquals(x >>> n, Rng.lsr(x, n), x + " >>> " + n);
            }
        }
    }

    @Test
    void uniformIsInRangeAndUnbiased() {
        double sum = 0;
        double sum2 = 0;
        int n = 1_000_000;
        int[] hist = new int[16];
        for (int i = 0; i < n; i++) {
            float u = Rng.u01(i % 1000, i / 1000, 7, 42);
            assertTrue(u >= 0f && u < 1f);
            sum += u;
            sum2 += u * u;
            hist[(int) (u * 16)]++;
        }
        assertEquals(0.5, sum / n, 2e-3);
        assertEquals(1.0 / 12, sum2 / n - (sum / n) * (sum / n), 2e-3);
        for (int h : hist) {
            assertEquals(n / 16.0, h, 5 * Math.sqrt(n / 16.0));
        }
    }

    @Test
    void dimensionsAreDecorrelated() {
        // Correlation between consecutive dimensions of the same sample stays near zero.
        double sxy = 0;
        double sx = 0;
        double sy = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double x = Rng.u01(i, 3, 4, 0);
            double y = Rng.u01(i, 3, 5, 0);
            sxy += x * y;
            sx += x;
            sy += y;
        }
        double cov = sxy / n - (sx / n) * (sy / n);
        assertEquals(0, cov / (1.0 / 12), 0.02);
    }

    @Test
    void counterBasedAndDeterministic() {
        assertEquals(Rng.u01(5, 6, 7, 8), Rng.u01(5, 6, 7, 8));
        assertNotEquals(Rng.u01(5, 6, 7, 8), Rng.u01(5, 6, 7, 9));
        assertNotEquals(Rng.u01(5, 6, 7, 8), Rng.u01(5, 7, 7, 8));
    }
}
