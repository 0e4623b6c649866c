package dev.carnation.scene;

import static dev.carnation.kernel.Layout.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A tapering fiber (a cone frustum between two radii) against the same cone in double precision. */
class CurveConeTest {
    @Test
    void matchesAnAnalyticConeFromPortraitDistance() {
        double[] centre = {-0.02, 1.58, 0.07};
        double[] a = CurveTest.unit(new double[] {-0.3, 0.85, 0.42});
        double len = 2e-3;
        double r0 = 60e-6;
        double r1 = 20e-6;
        double k = (r1 - r0) / len;
        double[] p0 = centre;
        double[] p1 = {centre[0] + len * a[0], centre[1] + len * a[1], centre[2] + len * a[2]};
        SceneBuffers b = CurveTest.pack(CurveTest.straight(p0, p1, 2, r0, r1));
        SplittableRandom rnd = new SplittableRandom(9);
        float[] s = new float[S_SIZE];
        int hits = 0;
        double worstH = 0;
        for (int i = 0; i < 4000; i++) {
            double[] dir = CurveTest.unit(new double[] {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()});
            double along = rnd.nextDouble(0.05, 0.95) * len;
            double rho = rnd.nextDouble(-1.5, 1.5) * (r0 + k * along);
            double[] off = CurveTest.perpendicular(a, rnd.nextDouble(0, 2 * Math.PI));
            double[] o = new double[3];
            for (int c = 0; c < 3; c++) {
                o[c] = p0[c] + along * a[c] + rho * off[c] - 0.5 * dir[c];
            }
            float ox = (float) o[0];
            float oy = (float) o[1];
            float oz = (float) o[2];
            float dx = (float) dir[0];
            float dy = (float) dir[1];
            float dz = (float) dir[2];
            double[] ref = cone(new double[] {ox, oy, oz}, new double[] {dx, dy, dz}, p0, a, r0, k, len);
            double[] wider = cone(new double[] {ox, oy, oz}, new double[] {dx, dy, dz}, p0, a, r0 * 1.005, k * 1.005, len);
            double[] narrower = cone(new double[] {ox, oy, oz}, new double[] {dx, dy, dz}, p0, a, r0 * 0.995, k * 0.995, len);
            if ((wider != null) != (narrower != null) || ref != null && Math.abs(ref[1]) > 0.995) {
                continue; // grazing the silhouette or an open end
            }
            int prim = CurveTest.hit(b, s, ox, oy, oz, dx, dy, dz);
            assertEquals(ref != null, prim >= 0, "ray " + i);
            if (prim < 0) {
                continue;
            }
            hits++;
            double cross = Math.sqrt(1 - CurveTest.dot(dir, a) * CurveTest.dot(dir, a)) * Math.sqrt(1 - ref[1] * ref[1]);
            double rz = r0 + k * ref[2];
            assertTrue(Math.abs(s[S_T] - ref[0]) * cross < 0.02 * rz, "ray " + i + ": t " + s[S_T] + " vs " + ref[0]);
            assertEquals(ref[1], s[S_HAIR_H], 0.01, "ray " + i);
            assertEquals(ref[2] / len, s[S_HAIR_V], 1e-3);
            worstH = Math.max(worstH, Math.abs(ref[1] - s[S_HAIR_H]));
        }
        assertTrue(hits > 1500, hits + " hits");
        System.out.printf("tapered fiber 60 -> 20 um at 0.5 m: %d hits, worst |dh| %.2e%n", hits, worstH);
    }

    /** Entering hit of the ray with the cone r(z) = r0 + k z around (p0, unit a) for z in [0, len]: {t, h, z} or null. */
    static double[] cone(double[] o, double[] d, double[] p0, double[] a, double r0, double k, double len) {
        double[] w = {o[0] - p0[0], o[1] - p0[1], o[2] - p0[2]};
        double b = CurveTest.dot(d, a);
        double[] u = {d[0] - b * a[0], d[1] - b * a[1], d[2] - b * a[2]};
        double wa = CurveTest.dot(w, a);
        double[] q = {w[0] - wa * a[0], w[1] - wa * a[1], w[2] - wa * a[2]};
        double rw = r0 + k * wa;
        double qa = CurveTest.dot(u, u) - k * k * b * b;
        double qb = CurveTest.dot(q, u) - rw * k * b;
        double qc = CurveTest.dot(q, q) - rw * rw;
        double disc = qb * qb - qa * qc;
        if (disc < 0) {
            return null;
        }
        double t = (-qb - Math.sqrt(disc)) / qa;
        double[] p = {w[0] + t * d[0], w[1] + t * d[1], w[2] + t * d[2]};
        double z = CurveTest.dot(p, a);
        if (z < 0 || z > len || r0 + k * z <= 0) {
            return null;
        }
        double[] n = CurveTest.unit(new double[] {p[0] - z * a[0], p[1] - z * a[1], p[2] - z * a[2]});
        double[] y = CurveTest.cross(CurveTest.unit(new double[] {-u[0], -u[1], -u[2]}), a);
        return new double[] {t, CurveTest.dot(n, y), z};
    }
}
