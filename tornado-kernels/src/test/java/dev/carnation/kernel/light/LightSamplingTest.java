package dev.carnation.kernel.light;

import static dev.carnation.kernel.Layout.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.kernel.closure.ChiSquare;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Area light sampling against its densities, on hand-made light records: the spherical rectangle
 * against the exact solid angle of each cell of the rectangle (closed form in double precision),
 * the sphere cone and the inside-sphere area sampling against uniform cells, every sampler's
 * density against {@link AreaLight#pdf} at its own samples, each density integrated over the
 * light, and the per-point light selection against its probabilities and its zero set.
 * Chi-square tests at 1 % significance over all cases (Sidak).
 */
class LightSamplingTest {
    static final int SAMPLES = 1_000_000;
    static final int GRID = 32;
    static final int CASES = 12;
    static final double ALPHA = 1 - Math.pow(1 - 0.01, 1.0 / CASES);

    /** Light records as scene/AreaLights packs them. */
    static final class Table {
        final List<float[]> records = new ArrayList<>();
        final List<Integer> types = new ArrayList<>();

        Table rectangle(double[] corner, double[] ex, double[] ey, double radiance, boolean twoSided) {
            float[] r = new float[LIGHT_F_STRIDE];
            double[] x = unit(ex);
            double[] y = unit(ey);
            double[] half = {(ex[0] + ey[0]) / 2, (ex[1] + ey[1]) / 2, (ex[2] + ey[2]) / 2};
            double area = len(ex) * len(ey);
            double bound = len(half);
            put(r, LF_P, corner);
            put(r, LF_X, x);
            put(r, LF_Y, y);
            put(r, LF_AXIS, cross(x, y));
            r[LF_LX] = (float) len(ex);
            r[LF_LY] = (float) len(ey);
            r[LF_AREA] = (float) area;
            r[LF_POWER] = (float) (radiance * area);
            put(r, LF_CENTRE, new double[] {corner[0] + half[0], corner[1] + half[1], corner[2] + half[2]});
            r[LF_BOUND] = (float) bound;
            r[LF_COS_CONE] = 1;
            r[LF_WEIGHT] = (float) (radiance * Math.min(1, area / (Math.PI * bound * bound)));
            r[LF_TWO_SIDED] = twoSided ? 1 : 0;
            return add(r, LIGHT_RECT, radiance);
        }

        Table sphere(double[] centre, double radius, double radiance) {
            float[] r = new float[LIGHT_F_STRIDE];
            put(r, LF_P, centre);
            put(r, LF_CENTRE, centre);
            r[LF_LX] = (float) radius;
            r[LF_BOUND] = (float) radius;
            r[LF_AXIS + 2] = 1;
            r[LF_COS_CONE] = -1;
            r[LF_AREA] = (float) (4 * Math.PI * radius * radius);
            r[LF_WEIGHT] = (float) radiance;
            return add(r, LIGHT_SPHERE, radiance);
        }

        Table add(float[] r, int type, double radiance) {
            for (int c = 0; c < 3; c++) {
                r[LF_EMIT + c] = (float) radiance;
            }
            records.add(r);
            types.add(type);
            return this;
        }

        int[] sceneI() {
            int n = records.size();
            int[] si = new int[HEADER_I + n * LIGHT_I_STRIDE];
            si[H_ENV_TEX] = -1;
            si[H_LIGHT_COUNT] = n;
            si[H_LIGHT_I_OFF] = HEADER_I;
            si[H_LIGHT_F_OFF] = HEADER_F;
            si[H_LIGHT_CDF_OFF] = HEADER_F + n * LIGHT_F_STRIDE;
            for (int i = 0; i < n; i++) {
                si[HEADER_I + i * LIGHT_I_STRIDE + LI_TYPE] = types.get(i);
            }
            return si;
        }

        float[] sceneF() {
            int n = records.size();
            float[] sf = new float[HEADER_F + n * LIGHT_F_STRIDE + n + 1];
            for (int i = 0; i < n; i++) {
                System.arraycopy(records.get(i), 0, sf, HEADER_F + i * LIGHT_F_STRIDE, LIGHT_F_STRIDE);
            }
            return sf;
        }
    }

    /**
     * Rectangles seen from the origin: close and tilted, grazing from beside its plane, from
     * behind (two-sided), far (solid angle under MIN_SOLID_ANGLE: by area) and almost in its plane
     * inside its outline (over MAX_SOLID_ANGLE: by area).
     */
    static Table rectangleCase(String name) {
        double c = Math.cos(Math.toRadians(40));
        double s = Math.sin(Math.toRadians(40));
        return switch (name) {
            case "close" -> new Table().rectangle(new double[] {-0.1, -0.25, 0.3}, new double[] {0, 0.5, 0},
                    new double[] {0.6 * c, 0, -0.6 * s}, 1, false);
            case "grazing" -> new Table().rectangle(new double[] {0.05, -0.3, 0.02}, new double[] {0, 0.6, 0},
                    new double[] {0.6, 0, 0}, 1, false);
            case "behind" -> new Table().rectangle(new double[] {-0.2, -0.3, -0.4}, new double[] {0, 0.6, 0},
                    new double[] {0.5, 0, 0}, 1, true);
            case "far" -> new Table().rectangle(new double[] {3, 2, 9}, new double[] {0, 0.15, 0},
                    new double[] {0.2, 0, 0}, 1, false);
            case "in-plane" -> new Table().rectangle(new double[] {-0.3, -0.3, 0.001}, new double[] {0.6, 0, 0},
                    new double[] {0, 0.6, 0}, 1, true);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Receiver normals for the rectangle cases: none, or one that sees part of the light at grazing angles. */
    static float[] receiver(String name) {
        return switch (name) {
            case "close n", "grazing n" -> new float[] {0, 0, 1};
            case "behind n" -> new float[] {0.3f, 0, -0.954f};
            default -> new float[3];
        };
    }

    /**
     * Without a receiver normal, samples are uniform in solid angle: each cell of the rectangle
     * gets its exact share (closed form). With one, they follow the cosine-warped density: each
     * cell gets the density integrated over it (4 x 4 points per cell).
     */
    @ParameterizedTest
    @ValueSource(strings = {"close", "grazing", "behind", "far", "in-plane", "close n", "grazing n", "behind n"})
    void rectangleSamplesFollowTheirDensity(String setup) {
        String name = setup.split(" ")[0];
        float[] n = receiver(setup);
        boolean warped = n[2] != 0;
        Table t = rectangleCase(name);
        int[] si = t.sceneI();
        float[] sf = t.sceneF();
        float[] r = t.records.get(0);
        double[] corner = vec(r, LF_P);
        double[] x = vec(r, LF_X);
        double[] y = vec(r, LF_Y);
        double[] axis = vec(r, LF_AXIS);
        double lx = r[LF_LX];
        double ly = r[LF_LY];
        double x0 = dot(corner, x);
        double y0 = dot(corner, y);
        double z0 = dot(corner, axis);
        double omega = rectSolidAngle(x0, x0 + lx, y0, y0 + ly, z0);
        boolean bySolidAngle = omega >= SphericalRectangle.MIN_SOLID_ANGLE && omega <= SphericalRectangle.MAX_SOLID_ANGLE;
        System.out.printf("%s: solid angle %.6f sr, %s%n", setup, omega, bySolidAngle ? "spherical rectangle" : "by area");
        float[] s = new float[S_SIZE];
        float[] e = new float[S_SIZE];
        double[] observed = new double[GRID * GRID];
        SplittableRandom rng = new SplittableRandom(setup.hashCode());
        for (int i = 0; i < SAMPLES; i++) {
            assertTrue(AreaLight.sample(si, sf, 0, 0, 0, 0, n[0], n[1], n[2], (float) rng.nextDouble(), (float) rng.nextDouble(), s));
            double[] q = {s[S_LP] - corner[0], s[S_LP + 1] - corner[1], s[S_LP + 2] - corner[2]};
            int a = Math.min(GRID - 1, Math.max(0, (int) (dot(q, x) / lx * GRID)));
            int b = Math.min(GRID - 1, Math.max(0, (int) (dot(q, y) / ly * GRID)));
            observed[a * GRID + b]++;
            if (i % 97 == 0) {
                float pdf = AreaLight.pdf(si, sf, 0, -1, 0, 0, 0, n[0], n[1], n[2], s[S_LWI], s[S_LWI + 1], s[S_LWI + 2],
                        s[S_LP], s[S_LP + 1], s[S_LP + 2], r[LF_AXIS], r[LF_AXIS + 1], r[LF_AXIS + 2], e);
                assertEquals(s[S_LPDF], pdf, 1e-3 * pdf, "sample density vs AreaLight.pdf");
                if (bySolidAngle && !warped) {
                    assertEquals(1 / omega, s[S_LPDF], 1e-4 / omega, "1 / solid angle");
                }
            }
        }
        double[] expected = new double[GRID * GRID];
        for (int a = 0; a < GRID; a++) {
            for (int b = 0; b < GRID; b++) {
                double xa = x0 + lx * a / GRID;
                double xb = x0 + lx * (a + 1) / GRID;
                double ya = y0 + ly * b / GRID;
                double yb = y0 + ly * (b + 1) / GRID;
                double share = bySolidAngle ? rectSolidAngle(xa, xb, ya, yb, z0) / omega : 1.0 / (GRID * GRID);
                if (warped && bySolidAngle) {
                    share = densityOverCell(si, sf, r, n, (double) a / GRID, (double) (a + 1) / GRID, (double) b / GRID,
                            (double) (b + 1) / GRID, 4);
                }
                expected[a * GRID + b] = share * SAMPLES;
            }
        }
        assertChiSquare(observed, expected);
    }

    /** Over the rectangle's surface, density * cos / d^2 dA = density over its solid angle: 1. */
    @ParameterizedTest
    @ValueSource(strings = {"close", "grazing", "behind", "far", "in-plane", "close n", "grazing n", "behind n"})
    void rectangleDensityIntegratesToOne(String setup) {
        Table t = rectangleCase(setup.split(" ")[0]);
        double sum = densityOverCell(t.sceneI(), t.sceneF(), t.records.get(0), receiver(setup), 0, 1, 0, 1, 400);
        System.out.printf("%s: integral of the density %.5f%n", setup, sum);
        assertEquals(1, sum, 2e-3);
    }

    /**
     * AreaLight.pdf over the part [a0, a1] x [b0, b1] of the rectangle (in fractions of its edges)
     * seen from the origin, as density * cos / d^2 dA at m x m points: the probability of a sample there.
     */
    static double densityOverCell(int[] si, float[] sf, float[] r, float[] n, double a0, double a1, double b0, double b1, int m) {
        double[] corner = vec(r, LF_P);
        double[] x = vec(r, LF_X);
        double[] y = vec(r, LF_Y);
        double[] axis = vec(r, LF_AXIS);
        float[] e = new float[S_SIZE];
        double cell = r[LF_LX] * (a1 - a0) * r[LF_LY] * (b1 - b0) / ((double) m * m);
        double sum = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double a = r[LF_LX] * (a0 + (a1 - a0) * (i + 0.5) / m);
                double b = r[LF_LY] * (b0 + (b1 - b0) * (j + 0.5) / m);
                double[] q = {corner[0] + a * x[0] + b * y[0], corner[1] + a * x[1] + b * y[1], corner[2] + a * x[2] + b * y[2]};
                double d = len(q);
                double cos = Math.abs(dot(q, axis)) / d;
                float pdf = AreaLight.pdf(si, sf, 0, -1, 0, 0, 0, n[0], n[1], n[2], (float) (q[0] / d), (float) (q[1] / d),
                        (float) (q[2] / d), (float) q[0], (float) q[1], (float) q[2], r[LF_AXIS], r[LF_AXIS + 1], r[LF_AXIS + 2], e);
                sum += pdf * cos / (d * d) * cell;
            }
        }
        return sum;
    }

    /** Spheres seen from the origin at sin(theta_max) 0.9, 0.3 and 0.02: uniform in (cos theta, phi) over the cone. */
    @ParameterizedTest
    @ValueSource(doubles = {0.9, 0.3, 0.02})
    void sphereSamplesAreUniformInTheCone(double sinMax) {
        double[] c = unit(new double[] {0.3, 0.5, 0.8});
        double dist = 0.4;
        double radius = sinMax * dist;
        Table t = new Table().sphere(scale(c, dist), radius, 1);
        int[] si = t.sceneI();
        float[] sf = t.sceneF();
        double omc = 1 - Math.sqrt(1 - sinMax * sinMax);
        double[][] frame = frame(c);
        float[] s = new float[S_SIZE];
        int nt = 16;
        int np = 32;
        double[] observed = new double[nt * np];
        SplittableRandom rng = new SplittableRandom(Double.hashCode(sinMax));
        for (int i = 0; i < SAMPLES; i++) {
            assertTrue(AreaLight.sample(si, sf, 0, 0, 0, 0, 0, 0, 0, (float) rng.nextDouble(), (float) rng.nextDouble(), s));
            assertEquals(1 / (2 * Math.PI * omc), s[S_LPDF], 1e-4 * s[S_LPDF], "1 / cone solid angle");
            double[] d = unit(new double[] {s[S_LWI], s[S_LWI + 1], s[S_LWI + 2]});
            double cos = dot(d, c);
            double sin2 = dot(cross(d, c), cross(d, c));
            double oneMinusCos = sin2 / (1 + cos);
            int a = Math.min(nt - 1, (int) (oneMinusCos / omc * nt));
            double phi = Math.atan2(dot(d, frame[1]), dot(d, frame[0])) + Math.PI;
            int b = Math.min(np - 1, (int) (phi / (2 * Math.PI) * np));
            observed[a * np + b]++;
        }
        double[] expected = new double[nt * np];
        java.util.Arrays.fill(expected, (double) SAMPLES / (nt * np));
        assertChiSquare(observed, expected);
    }

    /** From inside a sphere: the sampled direction meets the sphere at a point uniform over its area. */
    @Test
    void insideSphereSamplesAreUniformByArea() {
        double[] centre = {0.03, -0.02, 0.01};
        double radius = 0.1;
        Table t = new Table().sphere(centre, radius, 1);
        int[] si = t.sceneI();
        float[] sf = t.sceneF();
        float[] s = new float[S_SIZE];
        int nt = 16;
        int np = 32;
        double[] observed = new double[nt * np];
        SplittableRandom rng = new SplittableRandom(7);
        double[] o = scale(centre, -1);
        for (int i = 0; i < SAMPLES; i++) {
            assertTrue(AreaLight.sample(si, sf, 0, 0, 0, 0, 0, 0, 0, (float) rng.nextDouble(), (float) rng.nextDouble(), s));
            double[] d = unit(new double[] {s[S_LWI], s[S_LWI + 1], s[S_LWI + 2]});
            double b = dot(o, d);
            double tt = -b + Math.sqrt(b * b - (dot(o, o) - radius * radius));
            double[] n = unit(new double[] {o[0] + tt * d[0], o[1] + tt * d[1], o[2] + tt * d[2]});
            int a = Math.min(nt - 1, (int) ((n[2] + 1) / 2 * nt));
            int p = Math.min(np - 1, (int) ((Math.atan2(n[1], n[0]) + Math.PI) / (2 * Math.PI) * np));
            observed[a * np + p]++;
            if (i % 97 == 0) {
                float pdf = AreaLight.pdf(si, sf, 0, -1, 0, 0, 0, 0, 0, 0, s[S_LWI], s[S_LWI + 1], s[S_LWI + 2], 0, 0, 0, 0, 0, 1, s);
                assertEquals(s[S_LPDF], pdf, 1e-3 * pdf, "sample density vs AreaLight.pdf");
            }
        }
        double[] expected = new double[nt * np];
        java.util.Arrays.fill(expected, (double) SAMPLES / (nt * np));
        assertChiSquare(observed, expected);
    }

    /**
     * The sphere's direction density integrated over the sphere of directions, where a ray meets
     * the sphere: 1 from outside (the cone is exactly the sphere's silhouette) and from inside.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.3, 0.95, 1.6})
    void sphereDensityIntegratesToOne(double distanceInRadii) {
        double radius = 0.1;
        double[] centre = scale(unit(new double[] {-0.2, 0.4, 0.7}), distanceInRadii * radius);
        Table t = new Table().sphere(centre, radius, 1);
        int[] si = t.sceneI();
        float[] sf = t.sceneF();
        float[] s = new float[S_SIZE];
        int nt = 2000;
        int np = 400;
        double sum = 0;
        double[] o = scale(centre, -1);
        for (int i = 0; i < nt; i++) {
            double cos = -1 + 2 * (i + 0.5) / nt;
            double sin = Math.sqrt(1 - cos * cos);
            for (int j = 0; j < np; j++) {
                double phi = 2 * Math.PI * (j + 0.5) / np;
                double[] d = {sin * Math.cos(phi), sin * Math.sin(phi), cos};
                double b = dot(o, d);
                double disc = b * b - (dot(o, o) - radius * radius);
                boolean hits = disc >= 0 && -b + Math.sqrt(disc) > 0;
                if (hits) {
                    sum += AreaLight.pdf(si, sf, 0, -1, 0, 0, 0, 0, 0, 0, (float) d[0], (float) d[1], (float) d[2], 0, 0, 0, 0, 0, 1, s)
                            * (2.0 / nt) * (2 * Math.PI / np);
                }
            }
        }
        System.out.printf("sphere at %.2f radii: integral of the density %.5f%n", distanceInRadii, sum);
        assertEquals(1, sum, 5e-3);
    }

    /** Lights around a receiver at the origin facing +z. */
    static Table studio() {
        return new Table()
                .rectangle(new double[] {-0.5, -0.3, 0.4}, new double[] {0, 0.6, 0}, new double[] {0.6, 0, 0.2}, 4, false)
                .rectangle(new double[] {0.8, -0.2, 0.1}, new double[] {0, 0.4, 0}, new double[] {0, 0, 0.4}, 1, false)
                .sphere(new double[] {-0.2, 0.7, 0.5}, 0.05, 20)
                .rectangle(new double[] {-0.2, -0.2, -0.6}, new double[] {0.4, 0, 0}, new double[] {0, 0.4, 0}, 2, true)
                .rectangle(new double[] {0.5, 0.5, -0.5}, new double[] {0.2, 0, 0}, new double[] {0, 0.2, 0}, 3, false);
    }

    /** select() picks each light with the probability selectPdf() reports, and those sum to 1. */
    @Test
    void selectionFrequenciesMatchSelectionProbabilities() {
        Table t = studio();
        int[] si = t.sceneI();
        float[] sf = t.sceneF();
        float[] s = new float[S_SIZE];
        int n = t.records.size();
        float[][] normals = {{0, 0, 1}, {0, 0, 0}, {0.6f, 0, -0.8f}};
        for (float[] nr : normals) {
            double total = 0;
            double[] p = new double[n];
            for (int l = 0; l < n; l++) {
                p[l] = LightSampler.selectPdf(si, sf, l, 0, 0, 0, nr[0], nr[1], nr[2], -1f);
                total += p[l];
            }
            assertEquals(1, total, 1e-5);
            int m = 200_000;
            double[] count = new double[n];
            for (int i = 0; i < m; i++) {
                int l = LightSampler.select(si, sf, 0, 0, 0, nr[0], nr[1], nr[2], (i + 0.5f) / m, s);
                count[l]++;
                assertEquals(p[l], s[S_LPDF], 1e-6 * p[l], "select's probability vs selectPdf");
                // The sum select leaves behind gives selectPdf the same bits as summing again.
                assertEquals(Float.floatToIntBits((float) p[l]),
                        Float.floatToIntBits(LightSampler.selectPdf(si, sf, l, 0, 0, 0, nr[0], nr[1], nr[2], s[S_LSUM])));
            }
            for (int l = 0; l < n; l++) {
                System.out.printf("normal %s light %d: p %.4f, picked %.4f%n", java.util.Arrays.toString(nr), l, p[l], count[l] / m);
                assertEquals(p[l], count[l] / m, 2e-4);
            }
        }
    }

    /**
     * The importance is zero only where the light cannot contribute: for random receivers (a
     * position, and a normal or none), whenever some point of a light emits towards the receiver
     * above its horizon, the light's importance is positive. And it is zero behind a one-sided
     * rectangle and with a light wholly under the horizon.
     */
    @Test
    void importanceIsZeroOnlyWhereTheLightCannotContribute() {
        Table t = studio();
        float[] sf = t.sceneF();
        int[] si = t.sceneI();
        SplittableRandom rng = new SplittableRandom(3);
        int positive = 0;
        for (int trial = 0; trial < 3000; trial++) {
            double[] p = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
            double[] n = trial % 5 == 0 ? new double[3] : unit(new double[] {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()});
            for (int l = 0; l < t.records.size(); l++) {
                float w = LightSampler.importance(sf, AreaLight.recordF(si, l), (float) p[0], (float) p[1], (float) p[2],
                        (float) n[0], (float) n[1], (float) n[2]);
                boolean can = canContribute(t, l, p, n);
                if (can) {
                    assertTrue(w > 0, "light " + l + " can light " + java.util.Arrays.toString(p) + " but has importance 0");
                    positive++;
                }
            }
        }
        assertTrue(positive > 2000);
        // Behind the first (one-sided, facing the origin's side) rectangle, and under the horizon.
        assertEquals(0f, LightSampler.importance(sf, AreaLight.recordF(si, 0), -0.2f, 0f, 2f, 0f, 0f, 0f));
        assertEquals(0f, LightSampler.importance(sf, AreaLight.recordF(si, 2), 0f, 0f, 0f, 0f, 0f, -1f));
    }

    /** Brute force: a point of the light that emits towards p and lies above p's horizon. */
    static boolean canContribute(Table t, int l, double[] p, double[] n) {
        float[] r = t.records.get(l);
        boolean rect = t.types.get(l) == LIGHT_RECT;
        int m = 24;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double[] q;
                double[] nq;
                if (rect) {
                    double a = r[LF_LX] * (i + 0.5) / m;
                    double b = r[LF_LY] * (j + 0.5) / m;
                    q = new double[3];
                    for (int k = 0; k < 3; k++) {
                        q[k] = r[LF_P + k] + a * r[LF_X + k] + b * r[LF_Y + k];
                    }
                    nq = vec(r, LF_AXIS);
                } else {
                    double cos = -1 + 2 * (i + 0.5) / m;
                    double sin = Math.sqrt(1 - cos * cos);
                    double phi = 2 * Math.PI * (j + 0.5) / m;
                    nq = new double[] {sin * Math.cos(phi), sin * Math.sin(phi), cos};
                    q = new double[3];
                    for (int k = 0; k < 3; k++) {
                        q[k] = r[LF_P + k] + r[LF_LX] * nq[k];
                    }
                }
                double[] toP = {p[0] - q[0], p[1] - q[1], p[2] - q[2]};
                boolean emits = dot(nq, toP) > 0 || r[LF_TWO_SIDED] > 0;
                boolean above = dot(n, toP) < 0 || (n[0] == 0 && n[1] == 0 && n[2] == 0);
                if (emits && above) {
                    return true;
                }
            }
        }
        return false;
    }

    static void assertChiSquare(double[] observed, double[] expected) {
        ChiSquare.Result r = ChiSquare.test(observed, expected);
        assertTrue(r.pValue() > ALPHA, String.format("chi2 = %.1f, dof = %d, p = %.3g < %.3g", r.statistic(), r.dof(), r.pValue(), ALPHA));
    }

    /** Solid angle of [x0, x1] x [y0, y1] at depth z: the closed form, in double. */
    static double rectSolidAngle(double x0, double x1, double y0, double y1, double z) {
        return corner(x1, y1, z) - corner(x0, y1, z) - corner(x1, y0, z) + corner(x0, y0, z);
    }

    static double corner(double x, double y, double z) {
        return Math.atan2(x * y, Math.abs(z) * Math.sqrt(x * x + y * y + z * z));
    }

    static double[][] frame(double[] n) {
        double[] a = Math.abs(n[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
        double[] t = unit(cross(n, a));
        return new double[][] {t, cross(n, t)};
    }

    static double[] vec(float[] r, int o) {
        return new double[] {r[o], r[o + 1], r[o + 2]};
    }

    static void put(float[] r, int o, double[] v) {
        for (int k = 0; k < 3; k++) {
            r[o + k] = (float) v[k];
        }
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double len(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double[] scale(double[] a, double k) {
        return new double[] {a[0] * k, a[1] * k, a[2] * k};
    }

    static double[] unit(double[] a) {
        return scale(a, 1 / len(a));
    }
}
