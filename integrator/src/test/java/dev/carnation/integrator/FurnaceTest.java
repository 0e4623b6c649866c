package dev.carnation.integrator;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.film.Film;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Analytic scenes with closed-form answers (pbrt-v4's integrators_test style). They exercise
 * camera rays, environment and area-light sampling, MIS weights, BSDF sampling and Russian roulette
 * together: a wrong MIS weight or pdf shows up as a biased mean.
 */
class FurnaceTest {
    /** A diffuse sphere of albedo a in a uniform environment L renders to a L on the sphere, L elsewhere. */
    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.9})
    void diffuseSphereInUniformEnvironment(double albedo) throws Exception {
        double radiance = 0.75;
        Film film = Scenes.render(Scenes.fromJson("""
                {"camera": {"position": [0, 0, 4], "look_at": [0, 0, 0], "focal_length_mm": 50},
                 "render": {"width": 48, "height": 32, "max_depth": 64},
                 "materials": {"m": {"type": "diffuse", "base_color": %s}},
                 "shapes": [{"type": "sphere", "radius": 1, "material": "m"}],
                 "lights": [{"type": "environment", "radiance": %s}]}
                """.formatted(albedo, radiance)), 256, 2);
        float[] rgb = film.radiance();
        float[] alpha = film.aov(7, 1);
        double sphere = 0;
        int nSphere = 0;
        int nBackground = 0;
        for (int i = 0; i < alpha.length; i++) {
            if (alpha[i] == 1f) {
                sphere += rgb[i * 3 + 1];
                nSphere++;
            } else if (alpha[i] == 0f) {
                assertEquals(radiance, rgb[i * 3 + 1], 1e-5, "background pixel " + i);
                nBackground++;
            }
        }
        assertTrue(nSphere > 200 && nBackground > 200);
        assertEquals(albedo * radiance, sphere / nSphere, 0.01 * albedo * radiance);
    }

    /** Inside a closed room whose walls have albedo a and emit Le, radiance is Le / (1 - a) everywhere. */
    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.8})
    void closedEmissiveRoom(double albedo) throws Exception {
        double le = 0.5;
        Film film = Scenes.render(Scenes.fromJson("""
                {"camera": {"position": [0.1, 0.2, 0.3], "look_at": [0, 0, -1], "focal_length_mm": 20},
                 "render": {"width": 32, "height": 24, "max_depth": 1000},
                 "materials": {"wall": {"type": "diffuse", "base_color": %s, "emission": %s}},
                 "shapes": [{"type": "box", "size": [2, 3, 4], "inward": true, "material": "wall"}]}
                """.formatted(albedo, le)), 256, 2);
        float[] rgb = film.radiance();
        double sum = 0;
        for (int i = 0; i < rgb.length / 3; i++) {
            sum += rgb[i * 3];
        }
        double mean = sum / (rgb.length / 3);
        double want = le / (1 - albedo);
        assertEquals(want, mean, 0.01 * want);
        assertEquals(0, film.nonFiniteSamples());
    }
}
