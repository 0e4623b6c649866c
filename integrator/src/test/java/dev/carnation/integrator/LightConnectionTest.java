package dev.carnation.integrator;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.film.Film;
import dev.carnation.kernel.Layout;
import dev.carnation.scene.Scene;
import dev.carnation.scene.geometry.Mesh;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Direct light on a Lambertian plane against the exact irradiance of a polygonal emitter
 * (Lambert's formula: E = L/2 sum_i angle_i (n . unit(v_i x v_i+1))), pixel by pixel. The camera is
 * a pinhole straight above the plane, so each pixel centre maps to a known plane point.
 */
class LightConnectionTest {
    static final double H = 1.0;

    /**
     * A close rectangle light, tilted towards the plane or facing straight down beside the viewed
     * region (a low softbox): the points in view see it close by and at grazing angles, where a
     * shadow ray that keeps the unoffset point's direction hits the light's own plane short of its
     * end. Within 1 % in each of four distance bands.
     */
    @ParameterizedTest
    @ValueSource(strings = {"0.03 tilted", "0.05 tilted", "0.03 overhead", "0.01 overhead"})
    void closeRectangleLight(String setup) throws Exception {
        String[] a = setup.split(" ");
        double height = Double.parseDouble(a[0]);
        String lookAt = a[1].equals("tilted") ? "[0.3, 0, -0.06]" : "[-0.1, 0, -1]";
        Scene scene = Scenes.fromJson("""
                {"camera": {"position": [0.05, 0, %s], "look_at": [0.05, 0, 0], "up": [0, 1, 0], "focal_length_mm": 200, "f_number": 0},
                 "render": {"width": 64, "height": 32, "max_depth": 1},
                 "materials": {"plane": {"type": "diffuse", "base_color": 0.8}},
                 "shapes": [{"type": "rectangle", "size": [2, 2], "material": "plane"}],
                 "lights": [{"type": "rectangle", "position": [-0.1, 0, %s], "look_at": %s, "size": [0.05, 0.05], "radiance": 1}]}
                """.formatted(H, height, lookAt));
        compareBands(scene, 0.8, Scenes.render(scene, 128, 2), new double[] {0, 0, 1}, 0.01);
    }

    /**
     * A sphere light close over the plane, beside the viewed region (radius and height of its
     * centre): within 1 % of the exact irradiance of its tessellation (the triangles rays hit) in
     * each band. Light sampling picks directions in the cone of the analytic sphere and counts
     * those whose first hit is the light, so the estimate is of the tessellation (inscribed, 0.2-0.4 %
     * under the analytic pi L sin^2(alpha) cos(theta), printed for reference).
     */
    @ParameterizedTest
    @ValueSource(strings = {"0.02 0.05", "0.01 0.08", "0.03 0.031"})
    void closeSphereLight(String setup) throws Exception {
        Scene scene = sphereScene(setup);
        double[] c = sphereCentre(setup);
        double r = Double.parseDouble(setup.split(" ")[0]);
        double[] p = {0.05, 0, 0};
        double d2 = sq(c[0] - p[0]) + sq(c[1] - p[1]) + sq(c[2] - p[2]);
        System.out.printf("sphere %s: analytic irradiance at the view centre %.5f, tessellation %.5f%n", setup,
                Math.PI * r * r / d2 * c[2] / Math.sqrt(d2), irradiance(scene.mesh(), scene, p, new double[] {0, 0, 1}));
        compareBands(scene, 0.8, Scenes.render(scene, 128, 2), new double[] {0, 0, 1}, 0.01);
    }

    static Scene sphereScene(String setup) throws Exception {
        double[] c = sphereCentre(setup);
        return Scenes.fromJson("""
                {"camera": {"position": [0.05, 0, %s], "look_at": [0.05, 0, 0], "up": [0, 1, 0], "focal_length_mm": 200, "f_number": 0},
                 "render": {"width": 64, "height": 32, "max_depth": 1},
                 "materials": {"plane": {"type": "diffuse", "base_color": 0.8}},
                 "shapes": [{"type": "rectangle", "size": [2, 2], "material": "plane"}],
                 "lights": [{"type": "sphere", "position": [%s, %s, %s], "radius": %s, "radiance": 1}]}
                """.formatted(H, c[0], c[1], c[2], setup.split(" ")[0]));
    }

    static double[] sphereCentre(String setup) {
        String[] a = setup.split(" ");
        return new double[] {-0.05 - Double.parseDouble(a[0]), 0, Double.parseDouble(a[1])};
    }

    /**
     * Solid-angle sampling against area sampling of the same light's triangles (the scene
     * without its analytic light shapes), same seed and sample count, direct light only: the
     * summed per-pixel variance of the close tilted softbox and of the close sphere drops by at
     * least the stated factor (measured: see docs/sampling.md).
     */
    @ParameterizedTest
    @CsvSource({"rectangle, 3", "sphere, 3"})
    void solidAngleSamplingLowersVariance(String light, double factor) throws Exception {
        Scene scene = light.equals("sphere") ? sphereScene("0.03 0.031") : Scenes.fromJson("""
                {"camera": {"position": [0.05, 0, %s], "look_at": [0.05, 0, 0], "up": [0, 1, 0], "focal_length_mm": 200, "f_number": 0},
                 "render": {"width": 64, "height": 32, "max_depth": 1},
                 "materials": {"plane": {"type": "diffuse", "base_color": 0.8}},
                 "shapes": [{"type": "rectangle", "size": [2, 2], "material": "plane"}],
                 "lights": [{"type": "rectangle", "position": [-0.1, 0, 0.03], "look_at": [0.3, 0, -0.06], "size": [0.05, 0.05], "radiance": 1}]}
                """.formatted(H));
        double solid = summedVariance(Scenes.render(scene, 64, 2));
        double area = summedVariance(Scenes.render(Scenes.byArea(scene), 64, 2));
        System.out.printf("%s: variance per sample, by area / by solid angle = %.2f%n", light, area / solid);
        assertTrue(area / solid > factor, "variance ratio " + area / solid);
    }

    static double summedVariance(Film film) {
        double[] v = film.varianceOfMean();
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum * film.spp();
    }

    static double sq(double x) {
        return x * x;
    }

    /**
     * Constant tangent-space normal maps tilted 30 degrees towards +u (red) and towards up the image
     * (green, the OpenGL/glTF convention) under a light 45 degrees off the plane's normal in the same
     * direction: the shading normal's irradiance is exact for a polygon wholly above its horizon.
     * The DirectX reading of the same map tilts the normal away (cos 75 instead of cos 15).
     */
    @ParameterizedTest
    @ValueSource(strings = {"u", "v", "v-directx"})
    void constantTiltNormalMap(String axis) throws Exception {
        double tilt = Math.toRadians(30);
        boolean green = axis.startsWith("v");
        boolean directx = axis.endsWith("directx");
        // The rectangle's u runs along +x; up its image (decreasing v) is +y.
        double[] n = green ? new double[] {0, Math.sin(tilt), Math.cos(tilt)} : new double[] {Math.sin(tilt), 0, Math.cos(tilt)};
        double[] encoded = n.clone();
        if (directx) {
            encoded[1] = -encoded[1];
        }
        Path tex = Files.createTempFile("carnation-normal", ".png");
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
            rgb = (rgb << 8) | (int) Math.round((encoded[c] * 0.5 + 0.5) * 255);
        }
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        ImageIO.write(img, "png", tex.toFile());
        double[] quantised = new double[3];
        for (int c = 0; c < 3; c++) {
            quantised[c] = ((rgb >> (16 - 8 * c)) & 255) / 255.0 * 2 - 1;
        }
        if (directx) {
            quantised[1] = -quantised[1];
        }
        normalise(quantised);
        double lx = green ? 0 : Math.sin(Math.toRadians(45));
        double ly = green ? Math.sin(Math.toRadians(45)) : 0;
        double lz = Math.cos(Math.toRadians(45));
        try {
            Scene scene = Scenes.fromJson("""
                    {"camera": {"position": [0, 0, %s], "look_at": [0, 0, 0], "up": [0, 1, 0], "focal_length_mm": 400, "f_number": 0},
                     "render": {"width": 24, "height": 16, "max_depth": 1},
                     "materials": {"plane": {"type": "diffuse", "base_color": 0.8, "normal_texture": "%s"%s}},
                     "shapes": [{"type": "rectangle", "size": [1, 1], "material": "plane"}],
                     "lights": [{"type": "rectangle", "position": [%s, %s, %s], "look_at": [0, 0, 0], "size": [0.3, 0.3], "radiance": 1}]}
                    """.formatted(H, tex.toString().replace("\\", "/"), directx ? ", \"normal_texture_convention\": \"directx\"" : "",
                    lx, ly, lz));
            compareBands(scene, 0.8, Scenes.render(scene, 64, 2), quantised, 0.02);
        } finally {
            Files.deleteIfExists(tex);
        }
    }

    /** Mean rendered radiance against albedo/pi * E(shading normal), in four bands of image columns. */
    static void compareBands(Scene scene, double albedo, Film film, double[] shadingNormal, double tol) {
        float[] ff = Renderer.frameFloats(scene, scene.render(), Renderer.DEFAULT_RAY_EPS);
        double[] cam = {ff[Layout.FF_CAM_POS], ff[Layout.FF_CAM_POS + 1], ff[Layout.FF_CAM_POS + 2]};
        int w = film.width();
        int h = film.height();
        float[] rgb = film.radiance();
        int bands = 4;
        double[] got = new double[bands];
        double[] want = new double[bands];
        for (int py = 0; py < h; py++) {
            for (int px = 0; px < w; px++) {
                double fx = 2 * (px + 0.5) / w - 1;
                double fy = 1 - 2 * (py + 0.5) / h;
                double x = cam[0] + fx * ff[Layout.FF_TAN_HALF_W] * cam[2];
                double y = cam[1] + fy * ff[Layout.FF_TAN_HALF_H] * cam[2];
                int b = px * bands / w;
                got[b] += rgb[(py * w + px) * 3 + 1];
                want[b] += albedo / Math.PI * irradiance(scene.mesh(), scene, new double[] {x, y, 0}, shadingNormal);
            }
        }
        for (int b = 0; b < bands; b++) {
            System.out.printf("band %d: rendered %.5f exact %.5f (%.2f %%)%n", b, got[b], want[b], 100 * (got[b] / want[b] - 1));
            assertTrue(want[b] > 0, "the light must reach band " + b);
            assertEquals(want[b], got[b], tol * want[b], "band " + b);
        }
    }

    /** Irradiance at p about normal n from every emitting triangle (one-sided: front faces towards p only). */
    static double irradiance(Mesh mesh, Scene scene, double[] p, double[] n) {
        float[] pos = mesh.positions();
        int[] idx = mesh.indices();
        int[] mat = mesh.materials();
        double e = 0;
        for (int t = 0; t < mesh.triangleCount(); t++) {
            float[] le = scene.materials().get(mat[t]).emission();
            if (le[1] <= 0) {
                continue;
            }
            double[][] v = new double[3][3];
            for (int k = 0; k < 3; k++) {
                for (int c = 0; c < 3; c++) {
                    v[k][c] = pos[idx[t * 3 + k] * 3 + c] - p[c];
                }
            }
            double[] e1 = sub(v[1], v[0]);
            double[] e2 = sub(v[2], v[0]);
            double[] ng = cross(e1, e2);
            if (dot(ng, v[0]) >= 0) {
                continue; // p is behind this emitter
            }
            double sum = 0;
            for (int k = 0; k < 3; k++) {
                double[] a = v[k];
                double[] b = v[(k + 1) % 3];
                double[] c = cross(a, b);
                double cl = Math.sqrt(dot(c, c));
                double angle = Math.atan2(cl, dot(a, b));
                sum += angle * dot(n, c) / cl;
            }
            e += le[1] * Math.abs(sum) / 2;
        }
        return e;
    }

    static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static void normalise(double[] a) {
        double l = Math.sqrt(dot(a, a));
        for (int i = 0; i < 3; i++) {
            a[i] /= l;
        }
    }
}
