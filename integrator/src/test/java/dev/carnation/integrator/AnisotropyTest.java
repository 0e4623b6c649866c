package dev.carnation.integrator;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.film.Film;
import org.junit.jupiter.api.Test;

/**
 * Orientation of anisotropic highlights. docs/scene-format.md: anisotropy "stretches the lobe
 * along the surface tangent"; the rectangle's tangent is +x (Shapes: tangents follow +u, and u
 * runs along +x). A small lamp over a rough metal square, seen from straight above, makes a
 * highlight whose outline follows the GGX lobe's: with positive anisotropy it is longer along x
 * than along y, with negative anisotropy longer along y, and round without. The camera looks
 * down -z with up +y, so image columns are world x and rows world -y at one scale.
 */
class AnisotropyTest {
    static final int N = 64;

    /**
     * Standard deviations {along x, along y}, in pixels, of the pixels brighter than a quarter of
     * the brightest: the highlight's outline. (Radiance-weighted second moments would be ruled by
     * GGX's long tails and the image border.)
     */
    static double[] highlightSpread(double anisotropy) throws Exception {
        Film film = Scenes.render(Scenes.fromJson("""
                {"camera": {"position": [0, 0, 2], "look_at": [0, 0, 0], "up": [0, 1, 0], "focal_length_mm": 50, "sensor_mm": [24, 24]},
                 "render": {"width": %d, "height": %d, "max_depth": 2},
                 "materials": {"metal": {"type": "conductor", "n": [1.2, 1.2, 1.2], "k": [7, 7, 7], "roughness": 0.3, "anisotropy": %s}},
                 "shapes": [{"type": "rectangle", "size": [3, 3], "material": "metal"}],
                 "lights": [{"type": "sphere", "position": [0, 0.3, 2], "radius": 0.02, "radiance": 1000}]}
                """.formatted(N, N, anisotropy)), 64, 2);
        double[] outline = outline(film);
        double n = outline[2];
        assertTrue(n > 50, "highlight has only " + n + " pixels");
        double[] sd = {outline[0], outline[1]};
        System.out.printf("anisotropy %+.1f: highlight %d px, sd along x %.2f px, along y %.2f px%n", anisotropy, (int) n, sd[0], sd[1]);
        return sd;
    }

    /**
     * The highlight's outline in a film: {standard deviation along x, along y, in pixels; pixel
     * count} of the pixels whose green is above a quarter of the brightest.
     */
    static double[] outline(Film film) {
        int w = film.width();
        float[] rgb = film.radiance();
        double max = 0;
        for (int i = 0; i < film.pixels(); i++) {
            max = Math.max(max, rgb[i * 3 + 1]);
        }
        double n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < film.pixels(); i++) {
            if (rgb[i * 3 + 1] > 0.25 * max) {
                double x = i % w;
                double y = i / w;
                n++;
                sx += x;
                sy += y;
                sxx += x * x;
                syy += y * y;
            }
        }
        return new double[] {Math.sqrt(sxx / n - sx * sx / (n * n)), Math.sqrt(syy / n - sy * sy / (n * n)), n};
    }

    /**
     * Anisotropy 0.9 makes the lobe's alphas differ ~5x (Burley's mapping: alpha_x / alpha_y =
     * 1 / (1 - 0.9 x 0.9)), and the outline measured ~5x longer along the stretched axis; the
     * isotropic control measured 1.01. Demanding 2x along the documented axis and at most 1.25x
     * either way without anisotropy leaves room for noise and the lamp's size, yet a swapped or
     * ignored axis fails.
     */
    @Test
    void highlightStretchesAlongTheTangent() throws Exception {
        double[] iso = highlightSpread(0);
        double[] along = highlightSpread(0.9);
        double[] across = highlightSpread(-0.9);
        assertEquals(1, iso[0] / iso[1], 0.25, "isotropic highlight should be round: x/y spread");
        assertTrue(along[0] > 2 * along[1], "anisotropy +0.9: spread along the tangent (x) " + along[0]
                + " px must exceed twice that along the bitangent (y) " + along[1] + " px");
        assertTrue(across[1] > 2 * across[0], "anisotropy -0.9: spread along the bitangent (y) " + across[1]
                + " px must exceed twice that along the tangent (x) " + across[0] + " px");
    }
}
