package dev.carnation.kernel.texture;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hammer-facet generator: deterministic, physically scaled, never NaN. */
class HammeredTest {
    static final float MM = 1e-3f;

    /** Mean distance between facet ridges (slope jumps in the generated normal field) along random lines. */
    static double meanChord(float size, float depth, int seed) {
        SplittableRandom r = new SplittableRandom(7);
        float[] a = new float[4];
        float[] b = new float[4];
        double length = 0;
        int crossings = 0;
        float step = size / 100f;
        float inCell = 8f * depth / (size * size) * step; // slope change per step inside one dimple
        for (int line = 0; line < 40; line++) {
            double ox = r.nextDouble(-0.05, 0.05), oy = r.nextDouble(-0.05, 0.05), oz = r.nextDouble(-0.05, 0.05);
            double dx = r.nextGaussian(), dy = r.nextGaussian(), dz = r.nextGaussian();
            double dl = Math.sqrt(dx * dx + dy * dy + dz * dz);
            dx /= dl; dy /= dl; dz /= dl;
            Hammered.gradient((float) ox, (float) oy, (float) oz, size, depth, seed, a, 0);
            for (int i = 1; i <= 2000; i++) {
                double t = i * step;
                Hammered.gradient((float) (ox + dx * t), (float) (oy + dy * t), (float) (oz + dz * t),
                        size, depth, seed, b, 0);
                double jx = b[0] - a[0], jy = b[1] - a[1], jz = b[2] - a[2];
                if (Math.sqrt(jx * jx + jy * jy + jz * jz) > 20 * inCell) crossings++;
                System.arraycopy(b, 0, a, 0, 4);
            }
            length += 2000 * step;
        }
        return length / crossings;
    }

    @Test
    void facetSizeMeasuredInTheNormalFieldIsTheParameter() {
        for (int seed = 1; seed <= 3; seed++) {
            assertEquals(1.0, meanChord(2 * MM, 0.08f * MM, seed) / (2 * MM), 0.05, "2 mm facets, seed " + seed);
            assertEquals(1.0, meanChord(0.5f * MM, 0.02f * MM, seed) / (0.5f * MM), 0.05, "0.5 mm facets, seed " + seed);
        }
    }

    @Test
    void deterministicPerSeedAndDifferentAcrossSeeds() {
        SplittableRandom r = new SplittableRandom(11);
        float[] a = new float[4], b = new float[4], c = new float[4];
        int differ = 0;
        for (int i = 0; i < 1000; i++) {
            float x = (float) r.nextDouble(-0.2, 0.2), y = (float) r.nextDouble(-0.2, 0.2), z = (float) r.nextDouble(-0.2, 0.2);
            Hammered.gradient(x, y, z, 2 * MM, 0.08f * MM, 5, a, 0);
            Hammered.gradient(x, y, z, 2 * MM, 0.08f * MM, 5, b, 0);
            Hammered.gradient(x, y, z, 2 * MM, 0.08f * MM, 6, c, 0);
            assertArrayEquals(a, b, "same seed, same point: bit-identical");
            if (a[0] != c[0] || a[1] != c[1] || a[2] != c[2]) differ++;
        }
        assertTrue(differ > 950, "another seed gives another pattern (" + differ + "/1000 differ)");
    }

    @Test
    void meanTangentialSlopeMatchesTheFilteringConstant() {
        SplittableRandom r = new SplittableRandom(3);
        float size = 2 * MM, depth = 0.08f * MM;
        float[] g = new float[4];
        double s2 = 0;
        int n = 100000;
        for (int i = 0; i < n; i++) {
            Hammered.gradient((float) r.nextDouble(-0.1, 0.1), (float) r.nextDouble(-0.1, 0.1), 0.01f, size, depth, 1, g, 0);
            s2 += g[0] * g[0] + g[1] * g[1];
        }
        float rim = 4 * depth * Hammered.CHORD_PER_SPACING / size;
        assertEquals(Hammered.MEAN_SQ_SLOPE_REL, s2 / n / (rim * rim), 0.08);
        assertEquals(Hammered.MEAN_SQ_SLOPE_REL * rim * rim, Hammered.lostSlopeVariance(1e3f, size, depth), 1e-9,
                "a footprint far above the facet size moves all the slope variance into roughness");
        assertEquals(0f, Hammered.lostSlopeVariance(0f, size, depth), 0f);
        assertEquals(1f, Hammered.filterWeight(0f, size), 0f);
        assertTrue(Hammered.filterWeight(size, size) < Hammered.filterWeight(size / 4, size));
    }

    @Test
    void perturbedNormalIsUnitFiniteAndOnTheSameSide() {
        SplittableRandom r = new SplittableRandom(5);
        float[] g = new float[4];
        float[] n = new float[3];
        for (int i = 0; i < 20000; i++) {
            double nx = r.nextGaussian(), ny = r.nextGaussian(), nz = r.nextGaussian();
            double l = Math.sqrt(nx * nx + ny * ny + nz * nz);
            n[0] = (float) (nx / l); n[1] = (float) (ny / l); n[2] = (float) (nz / l);
            float[] n0 = n.clone();
            float scale = (float) Math.pow(10, r.nextDouble(-3, 1)); // object space: up to 10 m from the origin
            float size = (float) r.nextDouble(0.05, 5) * MM;
            Hammered.gradient((float) r.nextDouble(-scale, scale), (float) r.nextDouble(-scale, scale),
                    (float) r.nextDouble(-scale, scale), size, (float) r.nextDouble(0, 0.2) * size, i, g, 0);
            for (int k = 0; k < 3; k++) assertTrue(Float.isFinite(g[k]), "finite slope");
            Hammered.perturb(n, 0, g, 0, (float) r.nextDouble());
            float len = n[0] * n[0] + n[1] * n[1] + n[2] * n[2];
            assertEquals(1f, len, 1e-4f, "unit");
            assertTrue(n[0] * n0[0] + n[1] * n0[1] + n[2] * n0[2] > 0.7f, "a dimple tilts by at most 45 degrees, never flips");
        }
    }
}
