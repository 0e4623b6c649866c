package dev.carnation.scene.bvh;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The parallel build makes exactly the tree the sequential one makes. */
class BvhBuilderTest {
    @Test
    void parallelAndSequentialBuildsAreIdentical() {
        SplittableRandom r = new SplittableRandom(4);
        int n = 200_000;
        float[] lo = new float[n * 3];
        float[] hi = new float[n * 3];
        for (int i = 0; i < n; i++) {
            // Thin boxes along random directions, clustered like strands.
            float size = (float) r.nextDouble(1e-4, 1e-3);
            for (int k = 0; k < 3; k++) {
                float c = (float) (r.nextGaussian() * (k == 1 ? 0.02 : 0.05));
                lo[i * 3 + k] = c - size * (float) r.nextDouble();
                hi[i * 3 + k] = c + size * (float) r.nextDouble();
            }
        }
        Bvh par = BvhBuilder.build(lo, hi, n);
        Bvh seq;
        BvhBuilder.sequential = true;
        try {
            seq = BvhBuilder.build(lo, hi, n);
        } finally {
            BvhBuilder.sequential = false;
        }
        assertEquals(seq.nodeCount(), par.nodeCount());
        assertEquals(seq.maxDepth(), par.maxDepth());
        assertEquals(seq.leafCount(), par.leafCount());
        assertArrayEquals(seq.order(), par.order());
        assertArrayEquals(seq.links(), par.links());
        assertArrayEquals(seq.bounds(), par.bounds());
    }
}
