package dev.carnation.kernel.closure;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Fresnel against closed forms, computed independently in double precision. */
class FresnelTest {
    /** The algebraic unpolarised conductor Fresnel (Born and Wolf; as in pbrt-v3's FrConductor). */
    static double conductorClosedForm(double cosI, double n, double k) {
        double c2 = cosI * cosI;
        double s2 = 1 - c2;
        double t0 = n * n - k * k - s2;
        double a2b2 = Math.sqrt(t0 * t0 + 4 * n * n * k * k);
        double t1 = a2b2 + c2;
        double a = Math.sqrt(0.5 * (a2b2 + t0));
        double t2 = 2 * cosI * a;
        double rs = (t1 - t2) / (t1 + t2);
        double t3 = c2 * a2b2 + s2 * s2;
        double t4 = t2 * s2;
        double rp = rs * (t3 - t4) / (t3 + t4);
        return 0.5 * (rp + rs);
    }

    @Test
    void conductorMatchesClosedFormAtManyAngles() {
        double[][] metals = {{0.168, 3.138}, {0.350, 2.714}, {1.509, 1.879}, {0.139, 4.129}, {0.958, 2.577}, {2.9, 3.1}};
        for (double[] m : metals) {
            for (double deg = 0; deg <= 89.5; deg += 2.5) {
                double cos = Math.cos(Math.toRadians(deg));
                double want = conductorClosedForm(cos, m[0], m[1]);
                double got = Fresnel.conductor((float) cos, (float) m[0], (float) m[1]);
                assertEquals(want, got, 2e-5, "n=" + m[0] + " k=" + m[1] + " at " + deg + " deg");
            }
        }
    }

    @Test
    void normalIncidenceConductor() {
        double n = 0.35;
        double k = 2.714;
        double want = ((n - 1) * (n - 1) + k * k) / ((n + 1) * (n + 1) + k * k);
        assertEquals(want, Fresnel.conductor(1f, (float) n, (float) k), 1e-6);
    }

    @Test
    void dielectricMatchesTextbookValues() {
        // Normal incidence ((n-1)/(n+1))^2, grazing -> 1, Brewster's angle: p-polarised term vanishes.
        assertEquals(0.04, Fresnel.dielectric(1f, 1.5f), 1e-6);
        assertEquals(1.0, Fresnel.dielectric(1e-4f, 1.5f), 1e-3);
        double brewster = Math.atan(1.5);
        double cosI = Math.cos(brewster);
        double sinT = Math.sin(brewster) / 1.5;
        double cosT = Math.sqrt(1 - sinT * sinT);
        double rs = (cosI - 1.5 * cosT) / (cosI + 1.5 * cosT);
        assertEquals(0.5 * rs * rs, Fresnel.dielectric((float) cosI, 1.5f), 1e-6);
        // Total internal reflection from inside past the critical angle.
        assertEquals(1.0, Fresnel.dielectric(-0.5f, 1.5f), 0);
        // Same interface from both sides at matching angles (Stokes relations): equal reflectance.
        double cosInside = Math.sqrt(1 - (1 - 0.8 * 0.8) / (1.5 * 1.5));
        assertEquals(Fresnel.dielectric(0.8f, 1.5f), Fresnel.dielectric((float) -cosInside, 1.5f), 1e-5);
    }

    @Test
    void conductorWithoutAbsorptionIsDielectric() {
        for (float c = 0.05f; c <= 1f; c += 0.05f) {
            assertEquals(Fresnel.dielectric(c, 1.5f), Fresnel.conductor(c, 1.5f, 0f), 1e-5);
        }
    }
}
