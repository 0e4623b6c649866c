package dev.carnation.integrator;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * Reference optics for the tests, written from the textbook formulas in double precision and
 * sharing no code with the kernels, so that a kernel bug cannot cancel out of a comparison.
 */
final class Optics {
    private Optics() {}

    /**
     * Unpolarised reflectance of a conductor of complex index n + ik for light arriving at cosine
     * cosI, in complex arithmetic (Born and Wolf): cos t = sqrt(1 - sin^2 i / eta^2),
     * r_s = (cos i - eta cos t) / (cos i + eta cos t), r_p = (eta cos i - cos t) / (eta cos i + cos t).
     */
    static double conductorFresnel(double cosI, double n, double k) {
        double c = Math.min(1, Math.abs(cosI));
        Complex eta = new Complex(n, k);
        Complex sin2t = new Complex(1 - c * c, 0).div(eta.mul(eta));
        Complex cosT = new Complex(1, 0).sub(sin2t).sqrt();
        Complex ci = new Complex(c, 0);
        Complex rs = ci.sub(eta.mul(cosT)).div(ci.add(eta.mul(cosT)));
        Complex rp = eta.mul(ci).sub(cosT).div(eta.mul(ci).add(cosT));
        return 0.5 * (rs.abs2() + rp.abs2());
    }

    /** Unpolarised reflectance of a dielectric interface, light arriving from the side of index 1 onto index eta. */
    static double dielectricFresnel(double cosI, double eta) {
        double c = Math.min(1, Math.abs(cosI));
        double sin2t = (1 - c * c) / (eta * eta);
        if (sin2t >= 1) {
            return 1;
        }
        double ct = Math.sqrt(1 - sin2t);
        double rs = (c - eta * ct) / (c + eta * ct);
        double rp = (eta * c - ct) / (eta * c + ct);
        return 0.5 * (rs * rs + rp * rp);
    }

    /** Normal-incidence reflectance of a conductor: ((n - 1)^2 + k^2) / ((n + 1)^2 + k^2). */
    static double conductorF0(double n, double k) {
        return ((n - 1) * (n - 1) + k * k) / ((n + 1) * (n + 1) + k * k);
    }

    /** Smith's Lambda for the isotropic GGX distribution, direction at cosine cosT from the normal. */
    static double ggxLambda(double cosT, double alpha) {
        double c2 = cosT * cosT;
        double tan2 = (1 - c2) / c2;
        return 0.5 * (Math.sqrt(1 + alpha * alpha * tan2) - 1);
    }

    /**
     * Directional albedo of a single-scattering isotropic GGX reflector with height-correlated
     * Smith masking-shadowing and microfacet Fresnel F(wo . m), seen from cosine cosO:
     * E = integral of F(wo.m) D(m) G2(wo, wi) / (4 cos o) over wi = integral of F D G2 (wo.m) / cos o dm.
     * The microfacet normals are parameterised by the GGX cdf of D(m) cos(m) (u = tan^2 / (alpha^2 + tan^2)),
     * so a midpoint rule in (u, phi) resolves the lobe at any roughness.
     */
    static double ggxAlbedo(double cosO, double alpha, DoubleUnaryOperator fresnel) {
        double sinO = Math.sqrt(Math.max(0, 1 - cosO * cosO));
        double ox = sinO;
        double oz = cosO;
        double lambdaO = ggxLambda(cosO, alpha);
        int nu = 2000;
        int nphi = 400;
        double sum = 0;
        for (int i = 0; i < nu; i++) {
            double u = (i + 0.5) / nu;
            double tan2 = alpha * alpha * u / (1 - u);
            double cm = 1 / Math.sqrt(1 + tan2);
            double sm = Math.sqrt(tan2) * cm;
            for (int j = 0; j < nphi; j++) {
                double phi = 2 * Math.PI * (j + 0.5) / nphi;
                double mx = sm * Math.cos(phi);
                double mz = cm;
                double dot = ox * mx + oz * mz;
                if (dot <= 0) {
                    continue;
                }
                double iz = 2 * dot * mz - oz;
                if (iz <= 0) {
                    continue;
                }
                double g2 = 1 / (1 + lambdaO + ggxLambda(iz, alpha));
                // D(m) cos(m) dm is the measure du dphi / 2pi; divide out cos(m).
                sum += fresnel.applyAsDouble(dot) * g2 * dot / (cosO * cm);
            }
        }
        return sum / (nu * (double) nphi);
    }

    /**
     * Diffuse reflectance of a semi-infinite, index-matched medium of single-scattering albedo
     * alpha and Henyey-Greenstein phase function g, lit by a cosine-weighted (Lambertian) flux:
     * analog Monte Carlo (absorption by Russian roulette with probability 1 - alpha), lengths in
     * mean free paths. Returns {reflectance, standard error}.
     */
    static double[] slabReflectance(double alpha, double g, int paths, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int out = 0;
        for (int p = 0; p < paths; p++) {
            // Medium is z < 0; the entry direction is cosine-distributed about -z.
            double u1 = rng.nextDouble();
            double phi0 = 2 * Math.PI * rng.nextDouble();
            double sinT = Math.sqrt(u1);
            double[] d = {sinT * Math.cos(phi0), sinT * Math.sin(phi0), -Math.sqrt(1 - u1)};
            double z = 0;
            while (true) {
                z += d[2] * -Math.log(1 - rng.nextDouble());
                if (z >= 0) {
                    out++;
                    break;
                }
                if (rng.nextDouble() >= alpha) {
                    break;
                }
                d = scatterHg(d, g, rng.nextDouble(), rng.nextDouble());
            }
        }
        double r = (double) out / paths;
        return new double[] {r, Math.sqrt(r * (1 - r) / paths)};
    }

    /**
     * The same analog walk inside a sphere of the given radius (in mean free paths), entered at its
     * surface with a cosine-weighted direction: the fraction of walks that leave it (anywhere, in
     * any direction). Under a uniform environment, with an index-matched boundary and no specular,
     * that is what every pixel of the sphere renders, wherever it enters. Returns {value, standard error}.
     */
    static double[] sphereEscape(double alpha, double g, double radius, int paths, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int out = 0;
        for (int p = 0; p < paths; p++) {
            double u1 = rng.nextDouble();
            double phi0 = 2 * Math.PI * rng.nextDouble();
            double sinT = Math.sqrt(u1);
            double[] d = {sinT * Math.cos(phi0), sinT * Math.sin(phi0), -Math.sqrt(1 - u1)};
            double[] x = {0, 0, radius};
            while (true) {
                // Distance to the sphere along d from inside: the positive root of |x + t d| = radius.
                double b = dot(x, d);
                double c = dot(x, x) - radius * radius;
                double toWall = -b + Math.sqrt(Math.max(0, b * b - c));
                double t = -Math.log(1 - rng.nextDouble());
                if (t >= toWall) {
                    out++;
                    break;
                }
                for (int i = 0; i < 3; i++) {
                    x[i] += t * d[i];
                }
                if (rng.nextDouble() >= alpha) {
                    break;
                }
                d = scatterHg(d, g, rng.nextDouble(), rng.nextDouble());
            }
        }
        double r = (double) out / paths;
        return new double[] {r, Math.sqrt(r * (1 - r) / paths)};
    }

    /** New unit direction at HG-distributed angle from d: cos = (1 + g^2 - ((1 - g^2) / (1 - g + 2 g u))^2) / 2g. */
    static double[] scatterHg(double[] d, double g, double u1, double u2) {
        double cos;
        if (Math.abs(g) < 1e-6) {
            cos = 1 - 2 * u1;
        } else {
            double t = (1 - g * g) / (1 - g + 2 * g * u1);
            cos = (1 + g * g - t * t) / (2 * g);
        }
        cos = Math.max(-1, Math.min(1, cos));
        double sin = Math.sqrt(Math.max(0, 1 - cos * cos));
        double phi = 2 * Math.PI * u2;
        // Any unit vectors a, b completing d to an orthonormal frame.
        double[] a = Math.abs(d[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
        double[] b = cross(d, a);
        double bl = Math.sqrt(dot(b, b));
        b = new double[] {b[0] / bl, b[1] / bl, b[2] / bl};
        a = cross(b, d);
        double[] r = new double[3];
        for (int i = 0; i < 3; i++) {
            r[i] = sin * Math.cos(phi) * a[i] + sin * Math.sin(phi) * b[i] + cos * d[i];
        }
        double l = Math.sqrt(dot(r, r));
        return new double[] {r[0] / l, r[1] / l, r[2] / l};
    }

    /**
     * Single-scattering albedo that van de Hulst's semi-infinite-medium reflectance maps to the
     * diffuse albedo a (the inversion docs/skin.md promises, in d'Eon's closed form):
     * s = 4.09712 + 4.20863 a - sqrt(9.59217 + 41.6808 a + 17.7126 a^2), alpha = (1 - s^2) / (1 - g s^2).
     */
    static double invertVanDeHulst(double a, double g) {
        double s = 4.09712 + 4.20863 * a - Math.sqrt(9.59217 + 41.6808 * a + 17.7126 * a * a);
        return (1 - s * s) / (1 - g * s * s);
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    record Complex(double re, double im) {
        Complex add(Complex o) {
            return new Complex(re + o.re, im + o.im);
        }

        Complex sub(Complex o) {
            return new Complex(re - o.re, im - o.im);
        }

        Complex mul(Complex o) {
            return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
        }

        Complex div(Complex o) {
            double d = o.re * o.re + o.im * o.im;
            return new Complex((re * o.re + im * o.im) / d, (im * o.re - re * o.im) / d);
        }

        /** Principal square root (non-negative real part). */
        Complex sqrt() {
            double m = Math.hypot(re, im);
            double r = Math.sqrt(Math.max(0, 0.5 * (m + re)));
            double i = Math.sqrt(Math.max(0, 0.5 * (m - re)));
            return new Complex(r, im < 0 ? -i : i);
        }

        double abs2() {
            return re * re + im * im;
        }
    }
}
