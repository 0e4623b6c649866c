package dev.carnation.scene;

import static dev.carnation.kernel.Layout.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.kernel.geom.Traversal;
import dev.carnation.scene.geometry.Mesh;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The kernel's BVH traversal against brute-force intersection of every triangle. */
class BvhTest {
    @Test
    void closestHitAndOcclusionMatchBruteForce() {
        SplittableRandom r = new SplittableRandom(1);
        Mesh m = new Mesh();
        // A soup of small random triangles plus a few large ones: uneven sizes stress the SAH.
        for (int t = 0; t < 20_000; t++) {
            float cx = (float) r.nextDouble(-1, 1);
            float cy = (float) r.nextDouble(-1, 1);
            float cz = (float) r.nextDouble(-1, 1);
            float size = t % 1000 == 0 ? 0.8f : 0.05f;
            int a = m.addVertex(cx, cy, cz, 0, 0, 1, 0, 0);
            int b = m.addVertex(cx + size * (float) r.nextDouble(-1, 1), cy + size * (float) r.nextDouble(-1, 1), cz + size * (float) r.nextDouble(-1, 1), 0, 0, 1, 0, 0);
            int c = m.addVertex(cx + size * (float) r.nextDouble(-1, 1), cy + size * (float) r.nextDouble(-1, 1), cz + size * (float) r.nextDouble(-1, 1), 0, 0, 1, 0, 0);
            m.addTriangle(a, b, c, 0);
        }
        SceneBuffers b = SceneBuffers.pack(TestScenes.ofMesh(m));
        assertTrue(b.bvh().maxDepth() < STACK_SIZE - 2, "BVH deeper than the kernel stack");
        int[] si = b.sceneI();
        float[] sf = b.sceneF();
        float[] s = new float[S_SIZE];
        int[] stack = new int[STACK_SIZE];
        int nt = si[H_TRI_COUNT];
        int hits = 0;
        for (int i = 0; i < 5000; i++) {
            float ox = (float) r.nextDouble(-1.5, 1.5);
            float oy = (float) r.nextDouble(-1.5, 1.5);
            float oz = (float) r.nextDouble(-1.5, 1.5);
            float dx = (float) r.nextGaussian();
            float dy = (float) r.nextGaussian();
            float dz = (float) r.nextGaussian();
            if (i % 10 == 0) {
                dx = 0; // axis-parallel rays exercise the 1/0 slab case
            }
            float l = (float) Math.sqrt(dx * dx + dy * dy + dz * dz);
            dx /= l;
            dy /= l;
            dz /= l;
            float best = 1e30f;
            int bestTri = -1;
            for (int t = 0; t < nt; t++) {
                float h = Traversal.intersectTriangle(sf, si[H_TRIPRE_OFF] + t * TRIPRE_STRIDE, ox, oy, oz, dx, dy, dz, best, s);
                if (h > 0) {
                    best = h;
                    bestTri = t;
                }
            }
            int tri = Traversal.closestHit(si, sf, s, stack, ox, oy, oz, dx, dy, dz, 1e30f, -1);
            assertEquals(bestTri, tri, "ray " + i);
            if (tri >= 0) {
                hits++;
                assertEquals(best, s[S_T], 0f);
                assertTrue(Traversal.occluded(si, sf, s, stack, ox, oy, oz, dx, dy, dz, best * 1.0001f));
                assertFalse(Traversal.occluded(si, sf, s, stack, ox, oy, oz, dx, dy, dz, best * 0.9999f));
            } else {
                assertFalse(Traversal.occluded(si, sf, s, stack, ox, oy, oz, dx, dy, dz, 1e30f));
            }
        }
        assertTrue(hits > 1000, "too few hits to mean anything: " + hits);
    }
}
