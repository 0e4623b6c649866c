package dev.carnation.integrator;

import static dev.carnation.kernel.Layout.*;
import static dev.carnation.kernel.integrator.PathState.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.film.Film;
import dev.carnation.kernel.integrator.PathTracer;
import dev.carnation.kernel.integrator.RandomWalk;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import org.junit.jupiter.api.Test;

/**
 * The random walk in a chromatic medium, where its three channels have different extinction and
 * albedo and one flight serves all three (spectral MIS), against analog walks that simulate each
 * channel on its own (Optics: no weights, no MIS). Skin is this case: mean free paths 3 / 1.1 /
 * 0.55 mm on the head. A grey medium, where spectral MIS does nothing, is the control: the
 * chromatic medium must match its reference as closely as the grey one matches its own.
 */
class SkinSpectralTest {
    /** Head-like skin: base colour and mean free paths (mm) per channel. */
    static final double[] BASE = {0.85, 0.5, 0.35};
    static final double[] MFP_MM = {3, 1.1, 0.55};

    static String medium(double[] base, double[] mfp) {
        return "\"base_color\": [%s, %s, %s], \"mean_free_path_mm\": [%s, %s, %s]"
                .formatted(base[0], base[1], base[2], mfp[0], mfp[1], mfp[2]);
    }

    /** Mean radiance over the image and its standard error (from the film's per-pixel variance). */
    static double[][] meanAndError(Film film) {
        float[] rgb = film.radiance();
        double[] var = film.varianceOfMean();
        int n = rgb.length / 3;
        double[][] r = new double[2][3];
        for (int c = 0; c < 3; c++) {
            double s = 0;
            double v = 0;
            for (int i = 0; i < n; i++) {
                s += rgb[i * 3 + c];
                v += var[i * 3 + c];
            }
            r[0][c] = s / n;
            r[1][c] = Math.sqrt(v) / n;
        }
        return r;
    }

    /**
     * Tolerance on a channel's mean against its analog walks, grey controls and chromatic medium
     * alike: the grey slab lands within 0.1 %, the chromatic one's standard error is 0.4 % in red
     * at 65k paths (spectral MIS: one flight serves channels of different extinction), so 1.5 % is
     * ~4 standard errors. Uniform channel probabilities rendered red 17 % dark here.
     */
    static final double SLAB_TOLERANCE = 0.015;

    /**
     * A semi-infinite slab (1 x 0.3 x 1 m, 100 red mean free paths deep) under a unit uniform
     * environment, seen straight down: per channel it reflects what an analog walk with that
     * channel's alpha reflects (lengths in mean free paths, so extinction drops out). Controls: a
     * grey slab with red's parameters, and an absorbing grey one (albedo 0.2), where guiding is
     * strongest (nu ~ 1.5).
     */
    @Test
    void chromaticSlabMatchesPerChannelWalksAsWellAsGreyOnes() throws Exception {
        double[][] grey = slab("grey", new double[] {BASE[0], BASE[0], BASE[0]}, new double[] {MFP_MM[0], MFP_MM[0], MFP_MM[0]});
        double[][] absorbing = slab("absorbing grey", new double[] {0.2, 0.2, 0.2}, MFP_MM);
        double[][] chromatic = slab("chromatic", BASE, MFP_MM);
        for (int c = 0; c < 3; c++) {
            assertEquals(1, grey[0][c], SLAB_TOLERANCE, "grey control, channel " + c);
            assertEquals(1, absorbing[0][c], SLAB_TOLERANCE, "absorbing grey control, channel " + c);
            assertEquals(1, chromatic[0][c], SLAB_TOLERANCE, "chromatic medium, channel " + c);
        }
        // A heavy-tailed estimator shows in its standard error: red's was 14x that of the grey slab
        // with red's parameters with uniform channel probabilities, and is ~3x now.
        assertTrue(chromatic[1][0] < 5 * grey[1][0], "relative standard error in red: " + chromatic[1][0] + " vs grey " + grey[1][0]);
    }

    /** Renders the slab; per channel {rendered / reference, relative standard error of the render}. */
    static double[][] slab(String name, double[] base, double[] mfp) throws Exception {
        Film film = Scenes.render(Scenes.fromJson("""
                {"camera": {"position": [0, 0.5, 0], "look_at": [0, 0, 0], "up": [0, 0, -1], "focal_length_mm": 500},
                 "render": {"width": 8, "height": 8, "max_depth": 4},
                 "materials": {"m": {"type": "skin", %s, "ior": 1.0, "specular": 0}},
                 "shapes": [{"type": "box", "size": [1, 0.3, 1], "material": "m", "transform": {"translate": [0, -0.15, 0]}}],
                 "lights": [{"type": "environment", "radiance": 1}]}
                """.formatted(medium(base, mfp))), 1024, 2);
        assertEquals(0, film.nonFiniteSamples());
        double[][] got = meanAndError(film);
        double[][] r = new double[2][3];
        for (int c = 0; c < 3; c++) {
            double[] ref = Optics.slabReflectance(Optics.invertVanDeHulst(base[c], 0), 0, 200_000, 31 + c);
            r[0][c] = got[0][c] / ref[0];
            r[1][c] = got[1][c] / got[0][c];
            System.out.printf("%s slab channel %d: rendered %.4f +- %.4f, analog walk %.4f +- %.4f (%+.2f %%)%n",
                    name, c, got[0][c], got[1][c], ref[0], ref[1], 100 * (r[0][c] - 1));
        }
        return r;
    }

    /**
     * A sphere of radius 20 mm, the head's skin, filling the frame under a unit uniform
     * environment: every pixel renders the probability that a walk entering anywhere leaves again,
     * which analog walks in a sphere give per channel. The mean must be within 1 % in every channel
     * (red's standard error is 0.2 % at 262k paths; uniform channel probabilities rendered red 7 %
     * dark at 512 spp), and no pixel may stand out from its neighbours: at most 1.5x the median of
     * the eight around it, where uniform channel probabilities gave 19x.
     */
    @Test
    void chromaticSphereMatchesPerChannelWalksWithoutFireflies() throws Exception {
        double radiusMm = 20;
        int w = 16;
        Film film = Scenes.render(Scenes.fromJson("""
                {"camera": {"position": [0, 0, 0.2], "look_at": [0, 0, 0], "focal_length_mm": 400},
                 "render": {"width": %d, "height": %d, "max_depth": 4},
                 "materials": {"m": {"type": "skin", %s, "ior": 1.0, "specular": 0}},
                 "shapes": [{"type": "sphere", "radius": %s, "material": "m"}],
                 "lights": [{"type": "environment", "radiance": 1}]}
                """.formatted(w, w, medium(BASE, MFP_MM), radiusMm / 1000)), 1024, 2);
        assertEquals(0, film.nonFiniteSamples());
        for (float a : film.aov(7, 1)) {
            assertEquals(1f, a, "the sphere must fill the frame");
        }
        double[][] got = meanAndError(film);
        for (int c = 0; c < 3; c++) {
            double[] ref = Optics.sphereEscape(Optics.invertVanDeHulst(BASE[c], 0), 0, radiusMm / MFP_MM[c], 400_000, 41 + c);
            System.out.printf("sphere channel %d: rendered %.4f +- %.4f, analog walk %.4f +- %.4f (%+.2f %%)%n",
                    c, got[0][c], got[1][c], ref[0], ref[1], 100 * (got[0][c] / ref[0] - 1));
            assertEquals(ref[0], got[0][c], 0.01 * ref[0], "sphere, channel " + c);
        }
        float[] rgb = film.radiance();
        double worst = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 1; y < w - 1; y++) {
                for (int x = 1; x < w - 1; x++) {
                    double[] around = new double[8];
                    int k = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            if (dx != 0 || dy != 0) {
                                around[k++] = rgb[((y + dy) * w + x + dx) * 3 + c];
                            }
                        }
                    }
                    java.util.Arrays.sort(around);
                    worst = Math.max(worst, rgb[(y * w + x) * 3 + c] / (0.5 * (around[3] + around[4])));
                }
            }
        }
        System.out.printf("sphere: worst pixel / median of its neighbours %.3f%n", worst);
        assertTrue(worst < 1.5, "a pixel " + worst + "x its neighbours");
    }

    /**
     * The weights the walk applies stay bounded, step by step, over thousands of walks in a medium
     * far more chromatic than skin (alpha 0.99 / 0.6 / 0.1, extinction 1 / 3 / 8 per mm; blue
     * below the albedo floor of the channel probabilities; guided, nu ~ 5.8), driven through the
     * renderer's own stages:
     * <ul>
     * <li>each step's weight for channel k is at most 1 / (p_k (1 - f)), p_k the probability it had
     * of sampling the flight and f the guided share mixed into the flight's density (the balance
     * heuristic's bound; f = 0 for the first flight);</li>
     * <li>while the walk scatters, no channel's throughput exceeds 4x the sum of the channels'
     * throughputs when the walk began (Russian roulette included), and where it leaves, 4x that
     * sum / max(alpha_k, floor). Classic steps alone cannot exceed 1x (RandomWalk); a guided
     * mixture lets a step weigh up to 1 / (1 - f) = 2x what a classic one would, and walks here
     * reach 2.5x (0.8x with alpha 0.9999 in red, where guiding is weak). With uniform channel
     * probabilities throughputs reached 290x the entry sum.</li>
     * </ul>
     * The mean escape per channel must also match the analog walks (within 4 standard errors).
     */
    @Test
    void walkWeightsStayBounded() throws Exception {
        double[] sigmaT = {1, 3, 8};
        double[] alpha = {0.99, 0.6, 0.1};
        double radiusMm = 20;
        String json = """
                {"camera": {"position": [0, 0, 0.2], "look_at": [0, 0, 0], "focal_length_mm": 400},
                 "render": {"width": 16, "height": 16, "max_depth": 4},
                 "materials": {"m": {"type": "skin", "sigma_a_per_mm": [%s, %s, %s], "reduced_sigma_s_per_mm": [%s, %s, %s],
                                     "ior": 1.0, "specular": 0}},
                 "shapes": [{"type": "sphere", "radius": %s, "material": "m"}],
                 "lights": [{"type": "environment", "radiance": 1}]}
                """.formatted(sigmaT[0] * (1 - alpha[0]), sigmaT[1] * (1 - alpha[1]), sigmaT[2] * (1 - alpha[2]),
                sigmaT[0] * alpha[0], sigmaT[1] * alpha[1], sigmaT[2] * alpha[2], radiusMm / 1000);
        Scene scene = Scenes.fromJson(json);
        SceneBuffers b = SceneBuffers.pack(scene);
        int[] fi = Renderer.frameInts(scene.render());
        float[] ff = Renderer.frameFloats(scene, scene.render(), Renderer.DEFAULT_RAY_EPS);
        float[] s = new float[FLOATS];
        int[] q = new int[INTS];
        int[] stack = new int[STACK_SIZE];
        int pixels = scene.render().width() * scene.render().height();
        int spp = 32;
        double maxWeightTimesPdf = 0;
        double maxStepWeight = 0;
        double maxScatterRatio = 0;
        double maxExitRatio = 0;
        double guided = 0;
        long walks = 0;
        long steps = 0;
        double[] sum = new double[3];
        double[] sumSq = new double[3];
        for (int p = 0; p < pixels; p++) {
            for (int sample = 0; sample < spp; sample++) {
                PathTracer.camera(p, sample, fi, ff, s, q);
                double entrySum = 0;
                while (q[Q_DONE] == 0) {
                    PathTracer.intersect(b.sceneI(), b.sceneF(), s, q, stack);
                    if (q[Q_MODE] == MODE_WALK) {
                        double mixed = q[Q_WALK_STEP] == 0 ? 0 : s[P_WALK_GF];
                        guided = Math.max(guided, mixed);
                        PathTracer.walkStep(p, sample, b.sceneI(), b.sceneF(), fi, s, q);
                        steps++;
                        boolean exited = q[Q_MODE] == MODE_SURFACE;
                        for (int k = 0; k < 3; k++) {
                            double w = s[S_THR + k];
                            maxStepWeight = Math.max(maxStepWeight, w);
                            maxWeightTimesPdf = Math.max(maxWeightTimesPdf, w * s[P_WALK_PDF + k] * (1 - mixed));
                            if (q[Q_DONE] == 0 && !exited) {
                                maxScatterRatio = Math.max(maxScatterRatio, s[P_THR + k] / entrySum);
                            } else if (exited) {
                                double floor = Math.max(alpha[k], RandomWalk.MIN_PDF_ALBEDO);
                                maxExitRatio = Math.max(maxExitRatio, s[P_THR + k] * floor / entrySum);
                            }
                        }
                    } else if (q[Q_TRI] < 0) {
                        PathTracer.background(b.sceneI(), b.sceneF(), b.texels(), fi, s, q);
                    } else {
                        PathTracer.surface(p, sample, b.sceneI(), b.sceneF(), b.texels(), fi, ff, s, q);
                        if (q[Q_MODE] == MODE_WALK) {
                            walks++;
                            entrySum = s[P_THR] + s[P_THR + 1] + s[P_THR + 2];
                        }
                    }
                    if (q[Q_VERTEX] != 0 && q[Q_DONE] == 0) {
                        PathTracer.lightSample(p, sample, b.sceneI(), b.sceneF(), b.texels(), fi, ff, s, q, stack);
                        PathTracer.bsdfSample(p, sample, b.sceneI(), fi, ff, s, q);
                        if (q[Q_DONE] == 0) {
                            PathTracer.russianRoulette(p, sample, fi, s, q);
                        }
                    }
                }
                for (int k = 0; k < 3; k++) {
                    sum[k] += s[P_L + k];
                    sumSq[k] += s[P_L + k] * s[P_L + k];
                }
            }
        }
        System.out.printf("%d walks, %.1f steps each, guided share %.2f: max step weight %.3f, max weight x pdf x (1 - f) %.6f, "
                        + "max throughput / entry sum while scattering %.4f, at exit (x max(alpha, floor)) %.4f%n",
                walks, (double) steps / walks, guided, maxStepWeight, maxWeightTimesPdf, maxScatterRatio, maxExitRatio);
        assertTrue(guided > 0.4, "the walks must be guided");
        assertTrue(maxWeightTimesPdf <= 1 + 1e-5, "a step weight above 1 / (p (1 - f)): " + maxWeightTimesPdf);
        assertTrue(maxScatterRatio <= 4, "a throughput above 4x the entry sum: " + maxScatterRatio);
        assertTrue(maxExitRatio <= 4, "an exit throughput above 4x the entry sum / max(alpha, floor): " + maxExitRatio);
        double n = (double) pixels * spp;
        for (int k = 0; k < 3; k++) {
            double mean = sum[k] / n;
            double se = Math.sqrt(Math.max(0, sumSq[k] / n - mean * mean) / n);
            double[] ref = Optics.sphereEscape(alpha[k], 0, radiusMm * sigmaT[k], 200_000, 51 + k);
            System.out.printf("extreme medium channel %d: rendered %.4f +- %.4f, analog walk %.4f +- %.4f%n", k, mean, se, ref[0], ref[1]);
            assertEquals(ref[0], mean, 4 * Math.hypot(se, ref[1]), "escape in channel " + k);
        }
        assertTrue(walks > 6000 && steps > 10 * walks, "the medium must give long walks: " + walks + " walks, " + steps + " steps");
    }
}
