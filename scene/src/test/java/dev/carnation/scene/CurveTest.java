package dev.carnation.scene;

import static dev.carnation.kernel.Layout.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.kernel.geom.Curve;
import dev.carnation.kernel.geom.Surface;
import dev.carnation.kernel.geom.Traversal;
import dev.carnation.scene.geometry.Mesh;
import dev.carnation.scene.geometry.Strands;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Ray-fiber intersection (geom/Curve) against an analytic cylinder in double precision, the
 * curve-hit shading frame, continuation rays that must not find their own fiber again, and the
 * BVH with hair and triangles against brute force.
 */
class CurveTest {
    static final float[] NO_TEXELS = new float[0];

    /** A scene of these strands only (a triangle-free mesh) packed for the kernels. */
    static SceneBuffers pack(Strands strands) {
        return SceneBuffers.pack(TestScenes.ofMesh(new Mesh()).withStrands(strands));
    }

    static Strands straight(double[] p0, double[] p1, int points, double r0, double r1) {
        float[] p = new float[points * 3];
        float[] r = new float[points];
        for (int i = 0; i < points; i++) {
            double u = (double) i / (points - 1);
            for (int k = 0; k < 3; k++) {
                p[i * 3 + k] = (float) (p0[k] + u * (p1[k] - p0[k]));
            }
            r[i] = (float) (r0 + u * (r1 - r0));
        }
        Strands s = new Strands();
        s.add(p, r, points, 7, 0, 0);
        return s;
    }

    /** Closest hit through the BVH, then the curve-hit setup; returns the primitive or -1. */
    static int hit(SceneBuffers b, float[] s, float ox, float oy, float oz, float dx, float dy, float dz) {
        int[] stack = new int[STACK_SIZE];
        int prim = Traversal.closestHit(b.sceneI(), b.sceneF(), s, stack, ox, oy, oz, dx, dy, dz, 1e30f, -1);
        if (prim >= 0) {
            s[S_RO] = ox;
            s[S_RO + 1] = oy;
            s[S_RO + 2] = oz;
            s[S_RD] = dx;
            s[S_RD + 1] = dy;
            s[S_RD + 2] = dz;
            Surface.setup(b.sceneI(), b.sceneF(), NO_TEXELS, prim, s);
        }
        return prim;
    }

    @Test
    void matchesAnAnalyticCylinderFromPortraitDistance() {
        // Thin fibers seen from 0.5 m, about the head's position in the world, and a thick one.
        double[] radii = {30e-6, 60e-6, 120e-6, 5e-3};
        double[] centre = {0.03, 1.62, 0.11};
        SplittableRandom rnd = new SplittableRandom(5);
        for (double r : radii) {
            double half = Math.max(2e-3, 40 * r);
            // An oblique axis, so no coordinate is special.
            double[] a = unit(new double[] {0.6, 0.3, -0.74});
            double[] p0 = {centre[0] - half * a[0], centre[1] - half * a[1], centre[2] - half * a[2]};
            double[] p1 = {centre[0] + half * a[0], centre[1] + half * a[1], centre[2] + half * a[2]};
            SceneBuffers b = pack(straight(p0, p1, 5, r, r));
            float[] s = new float[S_SIZE];
            int hits = 0;
            int checked = 0;
            double worstT = 0;
            double worstH = 0;
            for (int i = 0; i < 4000; i++) {
                // From a point 0.5 m away, at a target within 1.5 r of the axis.
                double[] dir = unit(new double[] {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()});
                double along = rnd.nextDouble(-0.8, 0.8) * half;
                double[] off = perpendicular(a, rnd.nextDouble(0, 2 * Math.PI));
                double rho = rnd.nextDouble(-1.5, 1.5) * r;
                double[] target = new double[3];
                double[] o = new double[3];
                for (int k = 0; k < 3; k++) {
                    target[k] = centre[k] + along * a[k] + rho * off[k];
                    o[k] = target[k] - 0.5 * dir[k];
                }
                float ox = (float) o[0];
                float oy = (float) o[1];
                float oz = (float) o[2];
                float dx = (float) dir[0];
                float dy = (float) dir[1];
                float dz = (float) dir[2];
                double[] ref = cylinder(new double[] {ox, oy, oz}, new double[] {dx, dy, dz}, p0, a, r);
                if (ref != null && (ref[2] < 0 || ref[2] > 2 * half)) {
                    ref = null; // beyond the strand's open ends
                }
                int prim = hit(b, s, ox, oy, oz, dx, dy, dz);
                boolean boundary = ref != null && Math.abs(ref[1]) > 0.995 || ref == null && closeToSurface(o, dir, p0, a, r);
                if (boundary) {
                    continue;
                }
                checked++;
                assertEquals(ref != null, prim >= 0, "r " + r + " ray " + i + " hit");
                if (prim < 0) {
                    continue;
                }
                hits++;
                // The distance is as well conditioned as the ray crosses the surface: rays nearly
                // along the fiber or grazing it move far for a small change across it.
                double cross = Math.sqrt(1 - dot(dir, a) * dot(dir, a)) * Math.sqrt(1 - ref[1] * ref[1]);
                double dt = Math.abs(s[S_T] - ref[0]) * cross;
                double dh = Math.abs(s[S_HAIR_H] - ref[1]);
                worstT = Math.max(worstT, dt / r);
                worstH = Math.max(worstH, dh);
                assertTrue(dt < 0.02 * r, "r " + r + " ray " + i + ": t " + s[S_T] + " vs " + ref[0] + " h " + s[S_HAIR_H] + " vs " + ref[1] + " dir " + dx + " " + dy + " " + dz);
                assertTrue(dh < 0.01, "r " + r + " ray " + i + ": h " + s[S_HAIR_H] + " vs " + ref[1]);
                // Frame: x the fiber tangent (root to tip), z perpendicular towards the origin, y = z x x.
                assertEquals(1.0, dot(s, S_TG, a), 5e-5);
                assertEquals(0.0, dot(s, S_N, s, S_TG), 5e-5);
                assertTrue(-(s[S_N] * dx + s[S_N + 1] * dy + s[S_N + 2] * dz) >= 0);
                float[] y = cross(s, S_N, S_TG);
                for (int k = 0; k < 3; k++) {
                    assertEquals(y[k], s[S_BT + k], 1e-6);
                }
                assertEquals(ref[2] / (2 * half), s[S_HAIR_V], 1e-3);
                assertEquals(Curve.strandRandom(7), s[S_HAIR_STRAND]);
                // The geometric normal is the cylinder's, and h is its component along y.
                assertEquals(ref[1], s[S_NG] * y[0] + s[S_NG + 1] * y[1] + s[S_NG + 2] * y[2], 0.01);
                assertTrue(s[S_HIT_EPS] > 0 && s[S_HIT_EPS] <= 0.5 * r);
            }
            assertTrue(hits > 1500, "r " + r + ": " + hits + " hits");
            assertTrue(checked > 3800, "r " + r + ": " + checked + " checked");
            System.out.printf("curve r=%.0e m at 0.5 m: %d hits, worst |dt|/r %.2e (times sin), worst |dh| %.2e%n", r, hits, worstT, worstH);
        }
    }

    @Test
    void continuationRaysDoNotFindTheirOwnFiber() {
        // A straight tapered strand cut into many segments (joints everywhere) is convex: no ray
        // leaving it, by reflection or through it, may hit it again.
        SplittableRandom rnd = new SplittableRandom(11);
        double[] p0 = {0.1, 1.6, 0.05};
        double[] p1 = {0.1 + 0.012, 1.6 + 0.004, 0.05 - 0.006};
        for (double r : new double[] {30e-6, 80e-6}) {
            SceneBuffers b = pack(straight(p0, p1, 40, r, 0.4 * r));
            double[] a = unit(new double[] {p1[0] - p0[0], p1[1] - p0[1], p1[2] - p0[2]});
            float[] s = new float[S_SIZE];
            int[] stack = new int[STACK_SIZE];
            int spawned = 0;
            for (int i = 0; i < 3000; i++) {
                double[] dir = unit(new double[] {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()});
                double along = rnd.nextDouble(0.02, 0.98) * 0.0141;
                double[] off = perpendicular(a, rnd.nextDouble(0, 2 * Math.PI));
                double rho = rnd.nextDouble(-0.5, 0.5) * r;
                float[] o = new float[3];
                for (int k = 0; k < 3; k++) {
                    o[k] = (float) (p0[k] + along * a[k] + rho * off[k] - 0.5 * dir[k]);
                }
                if (hit(b, s, o[0], o[1], o[2], (float) dir[0], (float) dir[1], (float) dir[2]) < 0) {
                    continue;
                }
                for (int j = 0; j < 8; j++) {
                    double[] w = unit(new double[] {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()});
                    if (j == 0) {
                        // Grazing: nearly tangent to the surface.
                        double[] t = cross(new double[] {s[S_NG], s[S_NG + 1], s[S_NG + 2]}, a);
                        w = unit(new double[] {t[0] + 1e-3 * s[S_NG], t[1] + 1e-3 * s[S_NG + 1], t[2] + 1e-3 * s[S_NG + 2]});
                    }
                    double side = w[0] * s[S_NG] + w[1] * s[S_NG + 1] + w[2] * s[S_NG + 2] < 0 ? -1 : 1;
                    float eps = s[S_HIT_EPS];
                    float sx = s[S_P] + (float) (s[S_NG] * eps * side);
                    float sy = s[S_P + 1] + (float) (s[S_NG + 1] * eps * side);
                    float sz = s[S_P + 2] + (float) (s[S_NG + 2] * eps * side);
                    int again = Traversal.trace(b.sceneI(), b.sceneF(), new float[S_SIZE], stack, sx, sy, sz,
                            (float) w[0], (float) w[1], (float) w[2], 1e30f, -1, 0);
                    assertEquals(-1, again, "r " + r + " ray " + i + "/" + j + " side " + side + " found its own fiber");
                    spawned++;
                }
            }
            assertTrue(spawned > 2000, "only " + spawned + " continuation rays");
        }
    }

    @Test
    void bvhWithHairAndTrianglesMatchesBruteForce() {
        SplittableRandom r = new SplittableRandom(3);
        Mesh m = new Mesh();
        for (int t = 0; t < 2000; t++) {
            float cx = (float) r.nextDouble(-0.05, 0.05);
            float cy = (float) r.nextDouble(-0.05, 0.05);
            float cz = (float) r.nextDouble(-0.05, 0.05);
            float size = 0.004f;
            int a = m.addVertex(cx, cy, cz, 0, 0, 1, 0, 0);
            int b = m.addVertex(cx + size * (float) r.nextDouble(-1, 1), cy + size * (float) r.nextDouble(-1, 1), cz + size * (float) r.nextDouble(-1, 1), 0, 0, 1, 0, 0);
            int c = m.addVertex(cx + size * (float) r.nextDouble(-1, 1), cy + size * (float) r.nextDouble(-1, 1), cz + size * (float) r.nextDouble(-1, 1), 0, 0, 1, 0, 0);
            m.addTriangle(a, b, c, 0, 1);
        }
        // Curly strands of tapering radius (random walks with inertia), some with sharp kinks.
        Strands strands = new Strands();
        for (int i = 0; i < 3000; i++) {
            int n = 2 + r.nextInt(20);
            float[] p = new float[n * 3];
            float[] rad = new float[n];
            double[] x = {r.nextDouble(-0.05, 0.05), r.nextDouble(-0.05, 0.05), r.nextDouble(-0.05, 0.05)};
            double[] d = unit(new double[] {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()});
            double r0 = r.nextDouble(30e-6, 120e-6);
            for (int k = 0; k < n; k++) {
                for (int c = 0; c < 3; c++) {
                    p[k * 3 + c] = (float) x[c];
                }
                rad[k] = (float) (r0 * (1 - 0.8 * k / (double) n));
                double kink = k % 7 == 6 ? 3 : 0.4;
                d = unit(new double[] {d[0] + kink * r.nextGaussian(), d[1] + kink * r.nextGaussian(), d[2] + kink * r.nextGaussian()});
                double step = r.nextDouble(0.2e-3, 3e-3);
                for (int c = 0; c < 3; c++) {
                    x[c] += step * d[c];
                }
            }
            strands.add(p, rad, n, i, 0, 2 + i);
        }
        SceneBuffers b = SceneBuffers.pack(TestScenes.ofMesh(m).withStrands(strands));
        assertTrue(b.curveSegments() > 3000);
        assertTrue(b.bvh().maxDepth() < STACK_SIZE - 2, "BVH deeper than the kernel stack");
        int[] si = b.sceneI();
        float[] sf = b.sceneF();
        float[] s = new float[S_SIZE];
        int[] stack = new int[STACK_SIZE];
        int np = si[H_TRI_COUNT];
        int curveHits = 0;
        int triHits = 0;
        for (int i = 0; i < 4000; i++) {
            // Rays aimed into the cloud, so that most find something.
            float ox = (float) r.nextDouble(-0.1, 0.1);
            float oy = (float) r.nextDouble(-0.1, 0.1);
            float oz = 0.3f;
            double[] tgt = {r.nextDouble(-0.05, 0.05), r.nextDouble(-0.05, 0.05), r.nextDouble(-0.05, 0.05)};
            double[] d = unit(new double[] {tgt[0] - ox, tgt[1] - oy, tgt[2] - oz});
            float dx = (float) d[0];
            float dy = (float) d[1];
            float dz = (float) d[2];
            if (i % 10 == 0) {
                dx = 0;
            }
            float l = (float) Math.sqrt(dx * dx + dy * dy + dz * dz);
            dx /= l;
            dy /= l;
            dz /= l;
            float best = 1e30f;
            int bestPrim = -1;
            for (int t = 0; t < np; t++) {
                int rec = si[H_TRI_OFF] + t * TRI_STRIDE;
                float h = si[rec + T_TYPE] == PRIM_CURVE
                        ? Curve.intersect(si, sf, rec, ox, oy, oz, dx, dy, dz, best, s)
                        : Traversal.intersectTriangle(sf, si[H_TRIPRE_OFF] + t * TRIPRE_STRIDE, ox, oy, oz, dx, dy, dz, best, s);
                if (h > 0) {
                    best = h;
                    bestPrim = t;
                }
            }
            int prim = Traversal.closestHit(si, sf, s, stack, ox, oy, oz, dx, dy, dz, 1e30f, -1);
            assertEquals(bestPrim, prim, "ray " + i);
            if (prim >= 0) {
                assertEquals(best, s[S_T], "ray " + i);
                if (si[si[H_TRI_OFF] + prim * TRI_STRIDE + T_TYPE] == PRIM_CURVE) {
                    curveHits++;
                } else {
                    triHits++;
                }
                // Shadow queries: blocked before the hit, free just short of it.
                assertTrue(Traversal.occluded(si, sf, s, stack, ox, oy, oz, dx, dy, dz, best * 1.0001f));
                assertFalse(Traversal.occluded(si, sf, s, stack, ox, oy, oz, dx, dy, dz, best * 0.9999f));
            }
        }
        assertTrue(curveHits > 300 && triHits > 300, curveHits + " curve hits, " + triHits + " triangle hits");
    }

    /** Entering hit of the ray with the infinite cylinder (p0, unit axis a, radius r) within the axis range; {t, h, z} or null. */
    static double[] cylinder(double[] o, double[] d, double[] p0, double[] a, double r) {
        double[] w = {o[0] - p0[0], o[1] - p0[1], o[2] - p0[2]};
        double b = dot(d, a);
        double[] u = {d[0] - b * a[0], d[1] - b * a[1], d[2] - b * a[2]};
        double wa = dot(w, a);
        double[] q = {w[0] - wa * a[0], w[1] - wa * a[1], w[2] - wa * a[2]};
        double qa = dot(u, u);
        double qb = dot(q, u);
        double qc = dot(q, q) - r * r;
        double disc = qb * qb - qa * qc;
        if (disc < 0) {
            return null;
        }
        double t = (-qb - Math.sqrt(disc)) / qa;
        double[] p = {w[0] + t * d[0], w[1] + t * d[1], w[2] + t * d[2]};
        double z = dot(p, a);
        double[] n = unit(new double[] {p[0] - z * a[0], p[1] - z * a[1], p[2] - z * a[2]});
        // h along y = z x x, z the view direction perpendicular to the axis.
        double[] vz = unit(new double[] {-u[0], -u[1], -u[2]});
        double[] y = cross(vz, a);
        return new double[] {t, dot(n, y), z};
    }

    static boolean closeToSurface(double[] o, double[] d, double[] p0, double[] a, double r) {
        double[] big = cylinder(o, d, p0, a, r * 1.005);
        return big != null;
    }

    static double[] unit(double[] v) {
        double l = Math.sqrt(dot(v, v));
        return new double[] {v[0] / l, v[1] / l, v[2] / l};
    }

    static double[] perpendicular(double[] a, double angle) {
        double[] t = unit(cross(a, Math.abs(a[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 1, 0}));
        double[] bt = cross(a, t);
        return new double[] {Math.cos(angle) * t[0] + Math.sin(angle) * bt[0], Math.cos(angle) * t[1] + Math.sin(angle) * bt[1],
                Math.cos(angle) * t[2] + Math.sin(angle) * bt[2]};
    }

    static double dot(double[] x, double[] y) {
        return x[0] * y[0] + x[1] * y[1] + x[2] * y[2];
    }

    static double dot(float[] s, int o, double[] y) {
        return s[o] * y[0] + s[o + 1] * y[1] + s[o + 2] * y[2];
    }

    static double dot(float[] s, int o, float[] t, int p) {
        return s[o] * t[p] + s[o + 1] * t[p + 1] + s[o + 2] * t[p + 2];
    }

    static double[] cross(double[] x, double[] y) {
        return new double[] {x[1] * y[2] - x[2] * y[1], x[2] * y[0] - x[0] * y[2], x[0] * y[1] - x[1] * y[0]};
    }

    static float[] cross(float[] s, int o, int p) {
        return new float[] {s[o + 1] * s[p + 2] - s[o + 2] * s[p + 1], s[o + 2] * s[p] - s[o] * s[p + 2],
                s[o] * s[p + 1] - s[o + 1] * s[p]};
    }
}
