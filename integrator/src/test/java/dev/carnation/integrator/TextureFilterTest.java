package dev.carnation.integrator;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.film.Film;
import dev.carnation.scene.Scene;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Texture filtering by ray cones and mip chains (docs/textures.md), against today's bilinear
 * lookups. A black and white checkerboard (4-texel squares, linear mean 0.5 exactly: sRGB 0 and
 * 255 are linear 0 and 1) tiles a 4 m plane seen at 18 degrees from 2.6 m, so each pixel covers
 * several squares (7-20 texels). The measure is the first hit's albedo AOV, the texture as the
 * camera sees it, without lighting noise.
 */
class TextureFilterTest {
    static final int W = 64;
    static final int H = 48;
    static Path texture;

    @BeforeAll
    static void checkerboard() throws Exception {
        int n = 64;
        BufferedImage img = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                img.setRGB(x, y, ((x / 4 + y / 4) & 1) == 0 ? 0xffffff : 0);
            }
        }
        Path dir = Files.createTempDirectory("carnation-checker");
        texture = dir.resolve("checker.png");
        ImageIO.write(img, "png", texture.toFile());
        texture.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
    }

    static Scene plane(String filter, double shiftPx) throws Exception {
        // One pixel at the look-at distance (2.62 m) is 2.62 * 0.72 / 64 m wide (36 mm sensor, 50 mm lens).
        double dx = shiftPx * 2.62 * 0.72 / W;
        return Scenes.fromJson("""
                {"camera": {"position": [%s, -2.5, 0.8], "look_at": [%s, 0, 0], "up": [0, 0, 1],
                            "focal_length_mm": 50, "sensor_mm": [36, 24], "f_number": 0},
                 "render": {"width": %d, "height": %d, "max_depth": 1, "texture_filter": "%s"},
                 "materials": {"m": {"type": "diffuse", "base_color": 1, "base_color_texture": "%s", "uv_scale": [16, 16]}},
                 "shapes": [{"type": "rectangle", "size": [4, 4], "material": "m"}],
                 "lights": [{"type": "sphere", "position": [0, 0, 3], "radius": 0.2, "radiance": 10}]}
                """.formatted(dx, dx, W, H, filter, texture.toString().replace("\\", "/")));
    }

    /** Albedo (red) per pixel, NaN where the plane is not hit. */
    static double[] albedo(Film film) {
        float[] a = film.aov(0, 3);
        float[] cov = film.aov(7, 1);
        double[] r = new double[W * H];
        for (int i = 0; i < W * H; i++) {
            r[i] = cov[i] > 0.999f ? a[i * 3] : Double.NaN;
        }
        return r;
    }

    /** RMS of (albedo - 0.5) over the pixels where the plane covers the whole pixel; also their count. */
    static double[] rmsFromMean(double[] a) {
        double sum = 0;
        int n = 0;
        for (double v : a) {
            if (!Double.isNaN(v)) {
                sum += (v - 0.5) * (v - 0.5);
                n++;
            }
        }
        return new double[] {Math.sqrt(sum / n), n};
    }

    /**
     * At 1 spp each pixel's albedo is one lookup. Bilinear lookups return whichever square the
     * sample lands in (RMS error ~0.4 of the 0.5 mean); trilinear ones read the levels where the
     * squares have averaged out. Measured: bilinear 0.42, trilinear 0.001; bounds 0.05 and 10x.
     */
    @Test
    void minifiedCheckerboardConvergesToItsMeanAtOneSample() throws Exception {
        double[] tri = rmsFromMean(albedo(Scenes.render(plane("trilinear", 0), 1, 2)));
        double[] bi = rmsFromMean(albedo(Scenes.render(plane("bilinear", 0), 1, 2)));
        System.out.printf("1 spp, RMS (albedo - mean) over %.0f plane pixels: trilinear %.4f, bilinear %.4f%n", tri[1], tri[0], bi[0]);
        assertTrue(tri[1] > 0.3 * W * H, "the plane fills the lower part of the image");
        assertTrue(tri[0] < 0.05, "trilinear: " + tri[0]);
        assertTrue(tri[0] * 10 < bi[0], "trilinear " + tri[0] + " vs bilinear " + bi[0]);
    }

    /**
     * Sub-pixel camera motion: four frames, the camera moved sideways by 0.25 px each, the same
     * seed. The measure is the mean over plane pixels of the standard deviation of a pixel's albedo
     * across the frames (the shimmer an animation would show). The reference is the converged
     * image: bilinear lookups at 256 spp, the box-filtered truth, which itself still varies a
     * little as the pixel grid slides over the squares. Filtered frames at 4 spp must vary no more
     * than the converged ones (plus 0.005) and far less than bilinear ones at 4 spp.
     * Measured: trilinear 4 spp 0.0001, converged 0.024, bilinear 4 spp 0.21.
     */
    @Test
    void subPixelCameraMotionDoesNotShimmer() throws Exception {
        double tri = shimmer("trilinear", 4);
        double bi = shimmer("bilinear", 4);
        double converged = shimmer("bilinear", 256);
        System.out.printf("4 frames 0.25 px apart, mean per-pixel std dev of albedo: trilinear 4 spp %.4f, bilinear 4 spp %.4f, "
                + "converged (bilinear 256 spp) %.4f%n", tri, bi, converged);
        assertTrue(tri <= converged + 0.005, "trilinear shimmer " + tri + " vs the converged image's " + converged);
        assertTrue(tri < 0.02, "trilinear shimmer " + tri);
        assertTrue(tri * 10 < bi, "trilinear " + tri + " vs bilinear " + bi);
    }

    static double shimmer(String filter, int spp) throws Exception {
        int frames = 4;
        double[][] a = new double[frames][];
        for (int f = 0; f < frames; f++) {
            a[f] = albedo(Scenes.render(plane(filter, 0.25 * f), spp, 2));
        }
        double sum = 0;
        int n = 0;
        for (int i = 0; i < W * H; i++) {
            double m = 0;
            boolean all = true;
            for (int f = 0; f < frames; f++) {
                all &= !Double.isNaN(a[f][i]);
                m += a[f][i];
            }
            if (all) {
                m /= frames;
                double v = 0;
                for (int f = 0; f < frames; f++) {
                    v += (a[f][i] - m) * (a[f][i] - m);
                }
                sum += Math.sqrt(v / (frames - 1));
                n++;
            }
        }
        return sum / n;
    }

    /** The textured render does not depend on the number of threads, bit for bit. */
    @Test
    void filteredRenderIsIndependentOfThreads() throws Exception {
        Scene s = plane("trilinear", 0.3);
        Film one = Scenes.render(s, 2, 1);
        Film three = Scenes.render(s, 2, 3);
        assertArrayEquals(one.radiance(), three.radiance());
        assertArrayEquals(one.aov(), three.aov());
        assertFalse(Arrays.equals(one.radiance(), Scenes.render(plane("bilinear", 0.3), 2, 1).radiance()),
                "the filter changes the image");
    }
}
