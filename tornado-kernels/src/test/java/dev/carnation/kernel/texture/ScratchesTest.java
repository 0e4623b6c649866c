package dev.carnation.kernel.texture;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Micro-scratches: across-only, width as given, deterministic, density as given. */
class ScratchesTest {
    static final float MM = 1e-3f, UM = 1e-6f;

    @Test
    void widthMeasuredAcrossTheGrooveIsTheParameter() {
        float width = 20 * UM, length = 3 * MM, density = 2f / (MM * MM);
        float[] s = new float[3];
        SplittableRandom r = new SplittableRandom(2);
        double runs = 0, inside = 0;
        float step = width / 200;
        for (int line = 0; line < 150; line++) {
            float u = (float) r.nextDouble(-0.01, 0.01), v0 = (float) r.nextDouble(-0.01, 0.01);
            boolean was = false;
            for (int i = 0; i < 20000; i++) {
                Scratches.slope(u, v0 + i * step, density, length, width, 4, s, 0);
                boolean in = s[2] > 0;
                if (in) inside++;
                if (in && !was) runs++;
                was = in;
            }
        }
        assertTrue(runs > 10, "enough grooves crossed: " + runs);
        // overlapping grooves merge into one wider run; at 2/mm2 of 3 mm x 20 um they rarely do
        assertEquals(1.0, inside * step / runs / width, 0.05, "mean groove width across");
    }

    @Test
    void perturbsAcrossNotAlongAndIsDeterministic() {
        SplittableRandom r = new SplittableRandom(3);
        float[] a = new float[3], b = new float[3], c = new float[3];
        int hits = 0, differ = 0;
        for (int i = 0; i < 200000; i++) {
            float u = (float) r.nextDouble(-0.05, 0.05), v = (float) r.nextDouble(-0.05, 0.05);
            Scratches.slope(u, v, 5f / (MM * MM), 1 * MM, 10 * UM, 9, a, 0);
            Scratches.slope(u, v, 5f / (MM * MM), 1 * MM, 10 * UM, 9, b, 0);
            Scratches.slope(u, v, 5f / (MM * MM), 1 * MM, 10 * UM, 10, c, 0);
            assertArrayEquals(a, b);
            assertEquals(0f, a[0], "no slope along the scratch direction");
            assertTrue(Float.isFinite(a[1]) && Math.abs(a[1]) <= Scratches.SLOPE_AT_EDGE * 1.0001f);
            if (a[2] > 0) hits++;
            if (a[1] != c[1]) differ++;
        }
        // covered fraction ~ density * length * width = 5 * 1 * 0.01 = 0.05 (less where grooves overlap)
        assertEquals(1 - Math.exp(-0.05), hits / 200000.0, 0.006, "covered fraction follows density, length, width");
        assertTrue(differ > hits / 2, "another seed, other scratches");
    }

    /**
     * Random scratches (spin 1): each groove at its own angle, so the slope's direction spreads evenly over the
     * half circle (mean cos^2 and sin^2 of its angle 1/2, no preferred axis), with the same wall slopes and the
     * same covered fraction as aligned ones; spin 0 is exactly the aligned field.
     */
    @Test
    void randomScratchesTurnEachGrooveEvenly() {
        SplittableRandom r = new SplittableRandom(4);
        float[] a = new float[3], b = new float[3];
        int hits = 0;
        double c2 = 0, cs = 0, n = 0;
        for (int i = 0; i < 60000; i++) {
            float u = (float) r.nextDouble(-0.05, 0.05), v = (float) r.nextDouble(-0.05, 0.05);
            Scratches.slope(u, v, 5f / (MM * MM), 1 * MM, 10 * UM, 9, 1f, a, 0);
            Scratches.slope(u, v, 5f / (MM * MM), 1 * MM, 10 * UM, 9, 0f, b, 0);
            float[] old = new float[3];
            Scratches.slope(u, v, 5f / (MM * MM), 1 * MM, 10 * UM, 9, old, 0);
            assertArrayEquals(old, b, "spin 0 is the aligned field, bit for bit");
            double m = Math.hypot(a[0], a[1]);
            assertTrue(Float.isFinite(a[0]) && Float.isFinite(a[1]) && m <= Scratches.SLOPE_AT_EDGE * 1.0001f);
            if (a[2] > 0) {
                hits++;
                if (m > 0.05) {
                    n++;
                    c2 += a[0] * a[0] / (m * m);
                    cs += a[0] * a[1] / (m * m);
                }
            }
        }
        assertEquals(1 - Math.exp(-0.05), hits / 60000.0, 0.006, "covered fraction as for aligned scratches");
        assertEquals(0.5, c2 / n, 0.03, "no preferred axis (mean cos^2 of the slope's angle)");
        assertEquals(0, cs / n, 0.03, "no preferred diagonal");
    }
}
