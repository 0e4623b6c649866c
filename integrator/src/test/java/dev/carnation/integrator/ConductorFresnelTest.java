package dev.carnation.integrator;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.film.Film;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A conductor's colour is its complex-IOR Fresnel. A flat conductor under a uniform environment L
 * (a furnace a plane cannot see itself in) reflects L times its directional albedo, which the test
 * integrates itself (Optics) from n and k. Gold's n, k make the albedo strongly coloured, so a
 * renderer that drops or fakes the Fresnel term renders a grey or white mirror and fails by far more
 * than the noise.
 */
class ConductorFresnelTest {
    /** Gold at 612 / 549 / 465 nm (Johnson and Christy 1972), given explicitly so the test owns its n and k. */
    static final double[] N = {0.18, 0.42, 1.37};
    static final double[] K = {3.42, 2.35, 1.77};
    static final double L = 0.8;

    /** Camera with a ~3-degree field of view at polar angle theta above a 1 m conductor square facing +z. */
    static Film renderPlane(double thetaDeg, double roughness, int spp) throws Exception {
        double t = Math.toRadians(thetaDeg);
        double d = 2;
        return Scenes.render(Scenes.fromJson("""
                {"camera": {"position": [0, %s, %s], "look_at": [0, 0, 0], "up": [0, 1, 0], "focal_length_mm": 500},
                 "render": {"width": 12, "height": 12, "max_depth": 8},
                 "materials": {"au": {"type": "conductor", "n": [%s, %s, %s], "k": [%s, %s, %s], "roughness": %s}},
                 "shapes": [{"type": "rectangle", "size": [1, 1], "material": "au"}],
                 "lights": [{"type": "environment", "radiance": %s}]}
                """.formatted(-d * Math.sin(t), d * Math.cos(t), N[0], N[1], N[2], K[0], K[1], K[2], roughness, L)), spp, 2);
    }

    static double[] meanRgb(Film f) {
        float[] rgb = f.radiance();
        double[] m = new double[3];
        for (int i = 0; i < rgb.length / 3; i++) {
            for (int c = 0; c < 3; c++) {
                m[c] += rgb[i * 3 + c];
            }
        }
        for (int c = 0; c < 3; c++) {
            m[c] /= rgb.length / 3;
        }
        return m;
    }

    static void assertChannels(double[] want, double[] got, double relTol, double thetaDeg) {
        assertAll(java.util.stream.IntStream.range(0, 3).mapToObj(c -> () ->
                assertEquals(want[c], got[c], relTol * want[c], "channel " + c + " at " + thetaDeg + " deg")));
    }

    /**
     * A perfect mirror reflects one ray into the uniform sky: the pixel is L F(theta) with no noise
     * at all, so 0.5 % covers only float rounding and the ~3-degree field of view (F changes by
     * well under 0.5 % across it at these angles).
     */
    @ParameterizedTest
    @ValueSource(doubles = {0, 45, 75})
    void smoothConductorReflectsItsFresnel(double thetaDeg) throws Exception {
        Film film = renderPlane(thetaDeg, 0, 4);
        double[] got = meanRgb(film);
        double cos = Math.cos(Math.toRadians(thetaDeg));
        double[] want = new double[3];
        for (int c = 0; c < 3; c++) {
            want[c] = L * Optics.conductorFresnel(cos, N[c], K[c]);
            System.out.printf("smooth gold at %.0f deg, channel %d: %.4f (Fresnel says %.4f)%n", thetaDeg, c, got[c], want[c]);
        }
        assertChannels(want, got, 0.005, thetaDeg);
        // Normal incidence has a closed form; it anchors the complex-arithmetic reference itself.
        if (thetaDeg == 0) {
            for (int c = 0; c < 3; c++) {
                assertEquals(Optics.conductorF0(N[c], K[c]), Optics.conductorFresnel(1, N[c], K[c]), 1e-12);
            }
        }
    }

    /**
     * Rough gold (roughness 0.5, alpha 0.25): L times the single-scattering GGX directional albedo
     * with exact Fresnel, integrated per channel. 12 x 12 pixels x 256 spp are 37k paths whose
     * estimates (VNDF sampling weighted G2/G1 plus environment MIS) vary by ~10 %, so the mean has
     * ~0.1 % noise; 2 % leaves room for the field of view and float rounding, while a white mirror
     * would be 2.7x too bright in blue.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0, 60})
    void roughConductorInFurnaceReflectsItsAlbedo(double thetaDeg) throws Exception {
        double roughness = 0.5;
        double alpha = roughness * roughness;
        Film film = renderPlane(thetaDeg, roughness, 256);
        double[] got = meanRgb(film);
        double cos = Math.cos(Math.toRadians(thetaDeg));
        double[] want = new double[3];
        for (int c = 0; c < 3; c++) {
            double n = N[c];
            double k = K[c];
            want[c] = L * Optics.ggxAlbedo(cos, alpha, m -> Optics.conductorFresnel(m, n, k));
            System.out.printf("rough gold at %.0f deg, channel %d: %.4f (albedo says %.4f)%n", thetaDeg, c, got[c], want[c]);
        }
        assertChannels(want, got, 0.02, thetaDeg);
        assertEquals(0, film.nonFiniteSamples());
    }
}
