package dev.carnation.integrator;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.film.Film;
import org.junit.jupiter.api.Test;

/**
 * Hammered facets and micro-scratches as the renderer draws them (docs/metals.md): energy kept, facets
 * resolved where they are larger than a pixel and turned into roughness where they are far smaller,
 * scratches that stretch a highlight across their direction, and finite output whatever the parameters.
 */
class HammeredRenderTest {
    static final int N = 64;

    /** A flat square plate seen from straight above (columns world x, rows world -y, about 1.1 mm per pixel). */
    static Film plate(String micro, double roughness, String light, int spp) throws Exception {
        return Scenes.render(Scenes.fromJson("""
                {"camera": {"position": [0, 0, 0.15], "look_at": [0, 0, 0], "up": [0, 1, 0], "focal_length_mm": 50,
                            "sensor_mm": [24, 24], "f_number": 0},
                 "render": {"width": %d, "height": %d, "max_depth": 2},
                 "materials": {"metal": {"type": "conductor", "n": [1.2, 1.2, 1.2], "k": [7, 7, 7], "roughness": %s %s}},
                 "shapes": [{"type": "rectangle", "size": [0.2, 0.2], "material": "metal"}],
                 "lights": [%s]}
                """.formatted(N, N, roughness, micro, light)), spp, 2);
    }

    static double luminance(float[] rgb, int i) {
        return 0.2126 * rgb[i * 3] + 0.7152 * rgb[i * 3 + 1] + 0.0722 * rgb[i * 3 + 2];
    }

    /**
     * Local contrast: the mean squared difference between horizontally and vertically neighbouring pixels
     * over the mean squared luminance. A smooth highlight scores near 0 (noise only); facets that each
     * catch the light or miss it score high.
     */
    static double contrast(Film film) {
        float[] rgb = film.radiance();
        double d = 0;
        double l = 0;
        int n = 0;
        for (int y = 0; y < N - 1; y++) {
            for (int x = 0; x < N - 1; x++) {
                double a = luminance(rgb, y * N + x);
                double b = luminance(rgb, y * N + x + 1);
                double c = luminance(rgb, (y + 1) * N + x);
                d += (a - b) * (a - b) + (a - c) * (a - c);
                l += a * a;
                n++;
            }
        }
        return d / (2 * n) / (l / n);
    }

    // A softbox whose mirror image fills most of the frame: a plain plate is evenly bright.
    static final String SOFTBOX = "{\"type\": \"rectangle\", \"position\": [0, 0, 0.3], \"look_at\": [0, 0, 0], \"size\": [0.25, 0.25], \"radiance\": 2}";

    @Test
    void facetsBreakTheHighlightAndFilterIntoRoughnessWhenTiny() throws Exception {
        int spp = 32;
        double plain = contrast(plate("", 0.15, SOFTBOX, spp));
        // 4 mm facets (~4 pixels), rim slope 4 x 0.69 x depth / size = 0.069 (a 4 degree tilt).
        double big = contrast(plate(", \"hammered\": {\"size_mm\": 4, \"depth_mm\": 0.1}", 0.15, SOFTBOX, spp));
        // The same slopes at 1/80 of the size: 50 um facets, 1/22 of a pixel.
        double tiny = contrast(plate(", \"hammered\": {\"size_mm\": 0.05, \"depth_mm\": 0.00125}", 0.15, SOFTBOX, spp));
        System.out.printf("local contrast: plain %.5f, 4 mm facets %.5f, 0.05 mm facets %.5f%n", plain, big, tiny);
        assertTrue(big > 10 * plain, "facets larger than a pixel break the reflection up: " + big + " vs plain " + plain);
        assertTrue(tiny < 3 * plain, "facets far below a pixel are filtered into roughness: " + tiny + " vs plain " + plain);
    }

    /** Mean radiance over the frame of a perfect reflector (k huge: Fresnel 1) in a uniform environment. */
    static double furnace(String micro) throws Exception {
        return furnace(micro, 0.3);
    }

    static double furnace(String micro, double roughness) throws Exception {
        Film film = Scenes.render(Scenes.fromJson("""
                {"camera": {"position": [0, 0, 0.12], "look_at": [0, 0, 0], "focal_length_mm": 50, "sensor_mm": [24, 24], "f_number": 0},
                 "render": {"width": 48, "height": 48, "max_depth": 64},
                 "materials": {"metal": {"type": "conductor", "n": [0.001, 0.001, 0.001], "k": [100, 100, 100], "roughness": %s %s}},
                 "shapes": [{"type": "sphere", "radius": 0.02, "material": "metal"}],
                 "lights": [{"type": "environment", "radiance": 1}]}
                """.formatted(roughness, micro)), 64, 2);
        float[] rgb = film.radiance();
        float[] alpha = film.aov(7, 1);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < alpha.length; i++) {
            if (alpha[i] == 1f) {
                sum += rgb[i * 3 + 1];
                n++;
            }
        }
        assertTrue(n > 300);
        assertEquals(0, film.nonFiniteSamples());
        return sum / n;
    }

    /**
     * A perfect reflector keeps its energy under look-dev hammering (2 mm facets 0.05 mm deep, resolved; the same
     * slopes at 0.05 mm, filtered into roughness) and under scratches: within 2 % of the plain sphere. Deep facets
     * (depth / size 0.05) widen the lobe so much that GGX's own single-scattering loss grows: they match the plain
     * material at the roughness the filter gives, alpha^2 + 0.8 (4 x 0.69 x depth / size)^2, within 1 %.
     */
    @Test
    void hammeredWhiteFurnaceKeepsEnergy() throws Exception {
        double plain = furnace("");
        double big = furnace(", \"hammered\": {\"size_mm\": 2, \"depth_mm\": 0.05}");
        double tiny = furnace(", \"hammered\": {\"size_mm\": 0.05, \"depth_mm\": 0.00125}");
        double scratched = furnace(", \"scratches\": {\"density_per_mm2\": 2, \"length_mm\": 2, \"width_um\": 20, \"direction\": [1, 0, 0]}");
        double deep = furnace(", \"hammered\": {\"size_mm\": 0.05, \"depth_mm\": 0.0025}");
        double rim = 4 * 0.69 * 0.05;
        double alpha = Math.sqrt(0.3 * 0.3 * 0.3 * 0.3 + 0.8 * rim * rim);
        double widened = furnace("", Math.sqrt(alpha));
        System.out.printf("furnace: plain %.4f, 2 mm facets %.4f, 0.05 mm facets %.4f, scratches %.4f; deep facets %.4f,"
                + " plain at roughness %.3f %.4f%n", plain, big, tiny, scratched, deep, Math.sqrt(alpha), widened);
        assertEquals(plain, big, 0.02 * plain, "resolved facets");
        assertEquals(plain, tiny, 0.02 * plain, "filtered facets");
        assertEquals(plain, scratched, 0.02 * plain, "scratches");
        assertEquals(widened, deep, 0.01 * widened, "deep facets lose what GGX loses at the widened roughness");
    }

    /** Standard deviations {along x, along y}, in pixels, of the pixels brighter than a quarter of the brightest. */
    static double[] spread(Film film) {
        double[] o = AnisotropyTest.outline(film);
        return new double[] {o[0], o[1]};
    }

    static final String LAMP = "{\"type\": \"sphere\", \"position\": [0, 0.01, 0.15], \"radius\": 0.002, \"radiance\": 20000}";

    @Test
    void scratchesStretchTheHighlightAcrossTheirDirection() throws Exception {
        String scratches = ", \"scratches\": {\"density_per_mm2\": 2, \"length_mm\": 2, \"width_um\": 20, \"direction\": %s}";
        double[] plain = spread(plate("", 0.2, LAMP, 32));
        double[] alongX = spread(plate(scratches.formatted("[1, 0, 0]"), 0.2, LAMP, 32));
        double[] alongY = spread(plate(scratches.formatted("[0, 1, 0]"), 0.2, LAMP, 32));
        double[] random = spread(plate(scratches.formatted("\"random\""), 0.2, LAMP, 32));
        System.out.printf("highlight spread (x, y) px: plain %.2f %.2f, scratches along x %.2f %.2f, along y %.2f %.2f, random %.2f %.2f%n",
                plain[0], plain[1], alongX[0], alongX[1], alongY[0], alongY[1], random[0], random[1]);
        assertTrue(alongX[1] > 1.5 * alongX[0], "scratches along x stretch it along y: " + alongX[0] + ", " + alongX[1]);
        assertTrue(alongY[0] > 1.5 * alongY[1], "scratches along y stretch it along x: " + alongY[0] + ", " + alongY[1]);
        assertEquals(1, random[0] / random[1], 0.2, "random scratches keep it round");
        assertTrue(random[0] > 1.1 * plain[0], "and widen it");
    }

    @Test
    void extremeParametersStayFinite() throws Exception {
        String[] micro = {
            ", \"hammered\": {\"size_mm\": 0.001, \"depth_mm\": 0.001}",
            ", \"hammered\": {\"size_mm\": 100, \"depth_mm\": 10}",
            ", \"hammered\": {\"size_mm\": 1, \"depth_mm\": 1}, \"scratches\": {\"density_per_mm2\": 8, \"length_mm\": 1, \"width_um\": 1000, \"direction\": \"circular\"}",
            ", \"scratches\": {\"density_per_mm2\": 10000, \"length_mm\": 0.02, \"width_um\": 0.01, \"direction\": \"random\"}",
            ", \"hammered\": {\"size_mm\": 3, \"depth_mm\": 3}, \"scratches\": {\"density_per_mm2\": 0.001, \"length_mm\": 80, \"width_um\": 50000, \"direction\": [0, 0, 1]}",
        };
        for (String m : micro) {
            for (double rough : new double[] {0, 1}) {
                Film film = plate(m, rough, SOFTBOX, 4);
                assertEquals(0, film.nonFiniteSamples(), m + " roughness " + rough);
                for (float v : film.radiance()) {
                    assertTrue(Float.isFinite(v) && v >= 0, m);
                }
            }
        }
    }

    /** Circular scratches turn around the origin of the shape that uses the material, or refuse to guess. */
    @Test
    void circularScratchesCentreOnTheObjectsOrigin() throws Exception {
        String json = """
                {"camera": {"position": [0, 0, 1], "look_at": [0, 0, 0]},
                 "materials": {"m": {"type": "conductor", "preset": "gold", "scratches": {"direction": "circular"}}},
                 "shapes": [{"type": "disk", "radius": 0.01, "material": "m", "transform": {"translate": [0.1, 0.2, 0.3]}} %s]}
                """;
        float[] r = Scenes.fromJson(json.formatted("")).materials().get(0).record();
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f}, java.util.Arrays.copyOfRange(r,
                dev.carnation.kernel.Layout.M_SCR_VEC, dev.carnation.kernel.Layout.M_SCR_VEC + 3));
        Exception x = assertThrows(dev.carnation.scene.SceneException.class, () -> Scenes.fromJson(json.formatted(
                ", {\"type\": \"disk\", \"radius\": 0.01, \"material\": \"m\"}")));
        assertTrue(x.getMessage().contains("/materials/m/scratches/direction: circular scratches turn around one object's origin"),
                x.getMessage());
    }
}
