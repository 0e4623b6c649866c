package dev.carnation.integrator;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.film.Film;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random-walk subsurface scattering against the numbers its parameters promise. */
class SkinTest {
    static double mean(Film f, int channel) {
        float[] rgb = f.radiance();
        double s = 0;
        for (int i = 0; i < rgb.length / 3; i++) {
            s += rgb[i * 3 + channel];
        }
        return s / (rgb.length / 3);
    }

    /**
     * The albedo inversion assumes diffuse incidence on an index-matched semi-infinite medium. A
     * slab 200 mean free paths thick, seen from above under a uniform environment (diffuse light),
     * must reflect the configured albedo: within 3 % (van de Hulst's fit is good to ~1 %).
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.2, 0.5, 0.8, 0.95})
    void albedoInversionReproducesTheAlbedo(double albedo) throws Exception {
        Film film = Scenes.render(Scenes.fromJson("""
                {"camera": {"position": [0, 0.5, 0], "look_at": [0, 0, 0], "up": [0, 0, -1], "focal_length_mm": 500},
                 "render": {"width": 8, "height": 8, "max_depth": 4},
                 "materials": {"m": {"type": "skin", "base_color": %s, "mean_free_path_mm": [1, 1, 1],
                                     "ior": 1.0, "specular": 0}},
                 "shapes": [{"type": "box", "size": [1, 0.2, 1], "material": "m", "transform": {"translate": [0, -0.1, 0]}}],
                 "lights": [{"type": "environment", "radiance": 1}]}
                """.formatted(albedo)), 512, 2);
        double r = mean(film, 1);
        System.out.printf("skin slab: albedo %.2f -> reflected %.4f%n", albedo, r);
        assertEquals(albedo, r, 0.03 * albedo, "reflected radiance under unit diffuse light");
    }

    /** sigma_a = 0 behind a lossless (index-matched, no specular) boundary: a skin sphere vanishes in a uniform environment. */
    @Test
    void losslessMediumConservesEnergy() throws Exception {
        Film film = Scenes.render(Scenes.fromJson("""
                {"camera": {"position": [0, 0, 4], "look_at": [0, 0, 0], "focal_length_mm": 60},
                 "render": {"width": 24, "height": 16, "max_depth": 64},
                 "materials": {"m": {"type": "skin", "sigma_a_per_mm": [0, 0, 0], "reduced_sigma_s_per_mm": [0.005, 0.005, 0.005],
                                     "ior": 1.0, "specular": 0}},
                 "shapes": [{"type": "sphere", "radius": 1, "material": "m"}],
                 "lights": [{"type": "environment", "radiance": 0.8}]}
                """), 128, 2);
        float[] rgb = film.radiance();
        float[] alpha = film.aov(7, 1);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < alpha.length; i++) {
            if (alpha[i] == 1f) {
                sum += rgb[i * 3];
                n++;
            }
        }
        assertTrue(n > 50);
        System.out.printf("lossless skin sphere in L = 0.8: %.4f%n", sum / n);
        assertEquals(0.8, sum / n, 0.008);
    }

    /**
     * A thin slab lit from behind transmits; transmission falls with thickness at the rate of the
     * medium's effective attenuation (diffusion theory: sigma_eff = sqrt(3 sigma_a (sigma_a + sigma_s'))),
     * and red, which skin absorbs least, transmits more than blue.
     */
    @Test
    void thinSlabTransmitsRedMoreThanBlue() throws Exception {
        double[] thickness = {2, 4, 6};
        double[][] t = new double[thickness.length][3];
        for (int i = 0; i < thickness.length; i++) {
            double d = thickness[i] / 1000;
            Film film = Scenes.render(Scenes.fromJson("""
                    {"camera": {"position": [0, 0, 0.3], "look_at": [0, 0, 0], "focal_length_mm": 600},
                     "render": {"width": 8, "height": 8, "max_depth": 6},
                     "materials": {"m": {"type": "skin", "preset": "skin1", "ior": 1.0, "specular": 0}},
                     "shapes": [{"type": "box", "size": [0.3, 0.3, %s], "material": "m"}],
                     "lights": [{"type": "rectangle", "position": [0, 0, -0.05], "look_at": [0, 0, 0], "size": [1, 1], "radiance": 1}]}
                    """.formatted(d)), 256, 2);
            for (int c = 0; c < 3; c++) {
                t[i][c] = mean(film, c);
            }
        }
        double[][] skin1 = {{0.74, 0.88, 1.01}, {0.032, 0.17, 0.48}};
        for (int c = 0; c < 3; c++) {
            assertTrue(t[0][c] > t[1][c] && t[1][c] > t[2][c], "channel " + c + " must fall with thickness");
        }
        assertTrue(t[1][0] > 5 * t[1][2], "red " + t[1][0] + " vs blue " + t[1][2]);
        // Red, the channel diffusion describes best here (d >> 1 / sigma_t'): slope within 25 %.
        double sigmaEff = Math.sqrt(3 * skin1[1][0] * (skin1[1][0] + skin1[0][0]));
        double measured = Math.log(t[1][0] / t[2][0]) / (thickness[2] - thickness[1]);
        System.out.printf("skin1 slab transmission (R, G, B) at 2/4/6 mm: %s; red sigma_eff measured %.3f, diffusion %.3f per mm%n",
                java.util.Arrays.deepToString(t), measured, sigmaEff);
        assertEquals(sigmaEff, measured, 0.25 * sigmaEff, "red attenuation per mm");
    }
}
