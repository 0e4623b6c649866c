package dev.carnation.integrator;

import static dev.carnation.kernel.Layout.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.*;

import dev.carnation.integrator.film.Film;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneLoader;
import dev.carnation.scene.geometry.Strands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hair in whole scenes: closure, curve geometry, ray offsets and integrator together.
 */
class HairEnergyTest {
    /** Where the ball sits: about a head's height from the origin, so positions carry real rounding. */
    static final double CX = 0.03;
    static final double CY = 1.62;
    static final double CZ = 0.11;

    /**
     * A ball of random clear fibres (σa = 0) in a uniform white environment of radiance 1. No
     * light is absorbed anywhere, so every pixel, covered or not, must see radiance 1: a lobe
     * that loses energy, or a continuation ray that finds its own fibre again (and so bounces
     * until the depth limit), darkens the covered pixels.
     *
     * <p>Each fibre runs along a random chord of a sphere of radius 4 mm (two uniform points on
     * its surface) with a small random bend, tapering 50 to 30 µm: 800 of them give an optical
     * depth of about 5 through the centre, so most paths scatter many times.
     */
    static Scene hairBall(int w, int h, int maxDepth, double betaM, double betaN) throws Exception {
        double d = 0.028;
        String json = """
                {"camera": {"position": [%s, %s, %s], "look_at": [%s, %s, %s], "focal_length_mm": 85, "f_number": 64,
                            "focus_on": [%s, %s, %s]},
                 "render": {"width": %d, "height": %d, "spp": 16, "max_depth": %d, "tonemap": "none"},
                 "materials": {"clear": {"type": "hair", "sigma_a": [0, 0, 0], "beta_m": %s, "beta_n": %s, "alpha_deg": 2},
                               "unused": {"type": "diffuse", "base_color": 0.5}},
                 "shapes": [{"type": "sphere", "radius": 0.001, "material": "unused", "transform": {"translate": [0, -5, 0]}}],
                 "lights": [{"type": "environment", "radiance": 1}]}
                """.formatted(CX, CY, CZ + d, CX, CY, CZ, CX, CY, CZ, w, h, maxDepth, betaM, betaN);
        Scene base = Scenes.fromJson(json);
        int mat = base.materialNames().indexOf("clear");
        Strands strands = new Strands();
        SplittableRandom rnd = new SplittableRandom(9);
        double radius = 0.004;
        int points = 12;
        for (int f = 0; f < 800; f++) {
            double[] a = onSphere(rnd);
            double[] b = onSphere(rnd);
            double[] bend = onSphere(rnd);
            float[] p = new float[points * 3];
            float[] r = new float[points];
            for (int k = 0; k < points; k++) {
                double t = (double) k / (points - 1);
                double sag = 0.15 * radius * 4 * t * (1 - t);
                for (int c = 0; c < 3; c++) {
                    double centre = c == 0 ? CX : c == 1 ? CY : CZ;
                    p[k * 3 + c] = (float) (centre + radius * ((1 - t) * a[c] + t * b[c]) + sag * bend[c]);
                }
                r[k] = (float) (50e-6 - 20e-6 * t);
            }
            strands.add(p, r, points, f, mat, 1);
        }
        return base.withStrands(strands);
    }

    static double[] onSphere(SplittableRandom rnd) {
        double z = 2 * rnd.nextDouble() - 1;
        double phi = 2 * Math.PI * rnd.nextDouble();
        double s = Math.sqrt(1 - z * z);
        return new double[] {s * Math.cos(phi), s * Math.sin(phi), z};
    }

    /**
     * Mean radiance of the samples whose camera ray hit a fibre: the image mean is
     * coverage x that + (1 - coverage) x 1, the environment seen directly.
     */
    static double coveredRadiance(Film f) {
        double l = HairCoverageTest.meanRadiance(f);
        double a = HairCoverageTest.meanAlpha(f);
        return 1 + (l - 1) / a;
    }

    @Test
    void clearHairBallInAWhiteFurnaceKeepsTheEnvironmentsRadiance() throws Exception {
        // Rough and smooth fibres; the smooth ones send light furthest through the ball.
        double[][] cases = {{0.3, 0.3}, {0.1, 0.6}, {0.7, 0.2}};
        for (double[] c : cases) {
            Scene s = hairBall(48, 32, 128, c[0], c[1]);
            Film f = Scenes.render(s, 32, 2);
            double covered = coveredRadiance(f);
            double alpha = HairCoverageTest.meanAlpha(f);
            System.out.printf("hair ball beta_m %.1f beta_n %.1f: coverage %.3f, covered radiance %.4f, nonfinite %d%n",
                    c[0], c[1], alpha, covered, f.nonFiniteSamples());
            assertTrue(alpha > 0.4, "the ball fills a good part of the image");
            assertEquals(1, covered, 0.015, "clear fibres neither absorb nor add light");
        }
    }

    @Test
    void headHairRendersTheSameOnOneAndTwoThreads() throws Exception {
        Path file = Scenes.repo().resolve("scenes/head-hair.json");
        assumeTrue(Files.isRegularFile(Scenes.assets().resolve("lee-perry-smith/LeePerrySmith.glb")), "needs the asset root");
        Scene s = SceneLoader.load(file, Scenes.assets());
        assertTrue(s.strands().strandCount() > 100_000, "the groom grows its strands");
        RenderSettings r = s.render();
        s = s.withRender(new RenderSettings(24, 30, 1, r.maxDepth(), r.rrDepth(), r.seed(), r.clamp(), r.exposure(), r.tonemap()));
        Film one = Scenes.render(s, 1, 1);
        Film two = Scenes.render(s, 1, 2);
        assertArrayEquals(one.accum(), two.accum());
        assertArrayEquals(one.aov(), two.aov());
        double mean = Arrays.stream(one.accum()).sum();
        assertTrue(mean > 0 && Double.isFinite(mean));
    }
}
