package dev.carnation.integrator;

import static dev.carnation.kernel.Layout.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.kernel.integrator.PathState;
import dev.carnation.kernel.light.LightSampler;
import dev.carnation.kernel.light.Mnee;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.geometry.Eye;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Manifold next-event estimation through the cornea (light/Mnee) at the kernel level, against an
 * independent brute-force integral: directions from an iris point, refracted by Snell's law at the
 * two analytic spheres in double precision, counted where they land on the light.
 */
class MneeTest {
    static final String SCENE = """
            {"camera": {"position": [0, 0, 0.1], "look_at": [0, 0, 0]},
             "materials": {"sclera": {"type": "diffuse"}},
             "shapes": [{"type": "eye", "material": "sclera", "iris_texture": "flat", "sclera_texture": "none"}],
             "lights": [{"type": "rectangle", "position": %s, "look_at": [0, 0, 0.01], "size": [%s, %s], "radiance": 1}]}
            """;

    final Eye eye = new Eye(Eye.Params.defaults());

    Scene scene(String position, double size) throws Exception {
        return Scenes.fromJson(SCENE.formatted(position, size, size));
    }

    /** The iris point at polar angle phi and fraction f of the way from the pupil margin to the root (eye frame, m). */
    double[] irisPoint(double phi, double f) {
        double r = eye.pupilRadius + f * (eye.irisRadius - eye.pupilRadius);
        double z = eye.apexZ - eye.depthPupil - f * eye.p.irisCone();
        return new double[] {1e-3 * r * Math.cos(phi), 1e-3 * r * Math.sin(phi), 1e-3 * z};
    }

    /** The iris cone's unit normal (towards the cornea) at polar angle phi. */
    double[] irisNormal(double phi) {
        double nr = eye.p.irisCone();
        double nz = eye.irisRadius - eye.pupilRadius;
        double l = Math.hypot(nr, nz);
        return new double[] {nr / l * Math.cos(phi), nr / l * Math.sin(phi), nz / l};
    }

    /** MNEE's estimate of the irradiance at x (normal n): mean over light samples of through * Le * cos. */
    static double[] mnee(SceneBuffers b, int irisMat, double[] x, double[] n, int samples) {
        int[] si = b.sceneI();
        float[] sf = b.sceneF();
        float[] s = new float[PathState.FLOATS];
        int m = si[H_MAT_OFF] + irisMat * MAT_STRIDE;
        SplittableRandom rng = new SplittableRandom(7);
        double sum = 0;
        double sum2 = 0;
        int found = 0;
        for (int i = 0; i < samples; i++) {
            for (int k = 0; k < 3; k++) {
                s[S_NG + k] = (float) n[k];
            }
            float px = (float) x[0];
            float py = (float) x[1];
            float pz = (float) x[2];
            double v = 0;
            if (LightSampler.sample(si, sf, b.texels(), px, py, pz, 0, 0, 0, (float) rng.nextDouble(),
                    (float) rng.nextDouble(), (float) rng.nextDouble(), s)) {
                float w = Mnee.solve(si, sf, m, px, py, pz, (float) n[0], (float) n[1], (float) n[2], s);
                assertTrue(Float.isFinite(w) && w >= 0, "weight " + w);
                if (w > 0) {
                    found++;
                    double cos = s[S_LWI] * n[0] + s[S_LWI + 1] * n[1] + s[S_LWI + 2] * n[2];
                    v = w * s[S_LE] * Math.max(0, cos);
                }
            }
            sum += v;
            sum2 += v * v;
        }
        double mean = sum / samples;
        return new double[] {mean, Math.sqrt((sum2 / samples - mean * mean) / samples), (double) found / samples};
    }

    /**
     * Brute force: cosine-weighted directions from x, refracted (Snell, double precision) at the
     * posterior then the anterior sphere, kept when they land on the rectangle light of the given
     * centre, size and facing (towards the eye), weighted by the Fresnel transmittances and the
     * radiance gain n_a^2: the mean of Le T n_a^2 pi.
     */
    double[] bruteForce(double[] x, double[] n, double[] lc, double size, int samples) {
        double rc = 1e-3 * eye.p.corneaRadius();
        double rp = 1e-3 * eye.posteriorRadius;
        double cz = 1e-3 * eye.corneaCentreZ;
        double limbus = 1e-3 * (eye.p.corneaRadius() - eye.depthLimbus);
        double nc = eye.p.corneaIor();
        double na = eye.p.aqueousIor();
        double[] ax = norm(new double[] {-lc[0], -lc[1], 0.01 - lc[2]});
        double[] ux = norm(cross(new double[] {0, 1, 0}, ax));
        double[] uy = cross(ax, ux);
        double[] t1 = norm(cross(Math.abs(n[0]) > 0.5 ? new double[] {0, 1, 0} : new double[] {1, 0, 0}, n));
        double[] t2 = cross(n, t1);
        SplittableRandom rng = new SplittableRandom(11);
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < samples; i++) {
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            double r = Math.sqrt(u1);
            double a = 2 * Math.PI * u2;
            double lx = r * Math.cos(a);
            double ly = r * Math.sin(a);
            double lz = Math.sqrt(Math.max(0, 1 - u1));
            double[] d = {lx * t1[0] + ly * t2[0] + lz * n[0], lx * t1[1] + ly * t2[1] + lz * n[1], lx * t1[2] + ly * t2[2] + lz * n[2]};
            double v = 0;
            double[] c = {0, 0, cz};
            double[] p1 = farHit(x, d, c, rp);
            double[] n1 = norm(sub(p1, c));
            double[] d1 = refract(d, n1, na / nc);
            if (d1 != null) {
                double[] p2 = farHit(p1, d1, c, rc);
                double[] n2 = norm(sub(p2, c));
                double[] d2 = refract(d1, n2, nc);
                if (d2 != null && p1[2] - cz > limbus && p2[2] - cz > limbus) {
                    double den = dot(d2, ax);
                    if (den < 0) {
                        double t = dot(sub(lc, p2), ax) / den;
                        double[] h = sub(add(p2, scale(d2, t)), lc);
                        if (t > 0 && Math.abs(dot(h, ux)) <= size / 2 && Math.abs(dot(h, uy)) <= size / 2) {
                            double tr = (1 - fresnel(dot(d, n1), nc / na)) * (1 - fresnel(dot(d1, n2), 1 / nc));
                            v = tr * na * na * Math.PI;
                        }
                    }
                }
            }
            sum += v;
            sum2 += v * v;
        }
        double mean = sum / samples;
        return new double[] {mean, Math.sqrt((sum2 / samples - mean * mean) / samples)};
    }

    static double[] farHit(double[] o, double[] d, double[] c, double r) {
        double[] oc = sub(o, c);
        double b = dot(oc, d);
        double t = -b + Math.sqrt(b * b - (dot(oc, oc) - r * r));
        return add(o, scale(d, t));
    }

    /** Snell's law with the normal on the transmitted side, eta = n_incident / n_transmitted; null on TIR. */
    static double[] refract(double[] d, double[] n, double eta) {
        double ci = dot(d, n);
        double s2 = eta * eta * (1 - ci * ci);
        if (s2 >= 1) {
            return null;
        }
        double ct = Math.sqrt(1 - s2);
        return norm(add(scale(d, eta), scale(n, ct - eta * ci)));
    }

    static double fresnel(double ci, double eta) {
        double s2 = (1 - ci * ci) / (eta * eta);
        if (s2 >= 1) {
            return 1;
        }
        double ct = Math.sqrt(1 - s2);
        double rs = (ci - eta * ct) / (ci + eta * ct);
        double rp = (eta * ci - ct) / (eta * ci + ct);
        return 0.5 * (rs * rs + rp * rp);
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] add(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }

    static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    static double[] scale(double[] a, double k) {
        return new double[] {a[0] * k, a[1] * k, a[2] * k};
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double[] norm(double[] a) {
        return scale(a, 1 / Math.sqrt(dot(a, a)));
    }

    static int irisMaterial(Scene s) {
        for (int i = 0; i < s.materialNames().size(); i++) {
            if (s.materialNames().get(i).endsWith("/iris")) {
                return i;
            }
        }
        throw new AssertionError("no iris");
    }

    /**
     * At iris points from the pupil margin to the root, on the side of the light and away from it,
     * MNEE's irradiance agrees with the brute-force integral within 4 combined standard errors (and
     * 2 %), for a light on the axis and one 40 degrees off it.
     */
    @Test
    void mneeConvergesToBruteForce() throws Exception {
        String[][] lights = {{"[0, 0, 0.15]", "0.06"}, {"[-0.1, 0.06, 0.12]", "0.08"}};
        for (String[] l : lights) {
            Scene sc = scene(l[0], Double.parseDouble(l[1]));
            SceneBuffers b = SceneBuffers.pack(sc);
            String[] pos = l[0].replaceAll("[\\[\\] ]", "").split(",");
            double[] lc = {Double.parseDouble(pos[0]), Double.parseDouble(pos[1]), Double.parseDouble(pos[2])};
            for (double phi : new double[] {0.3, 2.5, 4.0}) {
                for (double f : new double[] {0.1, 0.5, 0.9}) {
                    double[] x = irisPoint(phi, f);
                    double[] n = irisNormal(phi);
                    double[] m = mnee(b, irisMaterial(sc), x, n, 20000);
                    double[] bf = bruteForce(x, n, lc, Double.parseDouble(l[1]), 400000);
                    double se = Math.hypot(m[1], bf[1]);
                    System.out.printf("light %s phi %.1f f %.1f: mnee %.5f +- %.5f (found %.3f) brute %.5f +- %.5f%n",
                            l[0], phi, f, m[0], m[1], m[2], bf[0], bf[1]);
                    assertEquals(bf[0], m[0], Math.max(4 * se, 0.02 * bf[0]), "light " + l[0] + " phi " + phi + " f " + f);
                }
            }
        }
    }
}
