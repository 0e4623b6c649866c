package dev.carnation.integrator;

import static dev.carnation.kernel.Layout.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.backend.JvmBackend;
import dev.carnation.integrator.film.Film;
import dev.carnation.integrator.output.Checkpoint;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adaptive sampling stops a pixel exactly when its error estimate falls below the threshold at a
 * check, spends its samples where the noise is, and changes nothing else: every pixel's sums are
 * those of a plain render at that pixel's sample count, whatever the thread count or interruptions.
 */
class AdaptiveSamplingTest {
    static final int SPP = 64;
    static final int MIN = 8;
    static final double T = 0.05;

    @TempDir
    Path dir;

    /** A lit square over a black background: the background is noise-free, the square is not. */
    static Scene squareOnBlack(double threshold) throws Exception {
        Scene s = Scenes.fromJson("""
                {"camera": {"position": [0, 0, 3], "look_at": [0, 0, 0]},
                 "render": {"width": 16, "height": 16, "max_depth": 3, "spp": %d,
                            "adaptive_threshold": %s, "adaptive_min_spp": %d},
                 "materials": {"m": {"type": "diffuse", "base_color": [0.8, 0.8, 0.8]}},
                 "shapes": [{"type": "rectangle", "size": [1, 1], "material": "m"}],
                 "lights": [{"type": "sphere", "position": [1, 1, 1], "radius": 0.3, "radiance": 20}]}
                """.formatted(SPP, threshold, MIN));
        return s;
    }

    /** What a listener saw at one pass end: the pass's spp, every pixel's sample count and error. */
    record Snapshot(int spp, int[] samples, double[] error) {
        static Snapshot of(Film f) {
            int n = f.width() * f.height();
            int[] s = new int[n];
            double[] e = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = f.samples(i);
                e[i] = f.relativeError(i);
            }
            return new Snapshot(f.spp(), s, e);
        }
    }

    /** Renders with the listener seeing the film after every pass (a checkpoint period of ~0). */
    static Film render(Scene s, int threads, List<Snapshot> seen) {
        Renderer.Options opt = new Renderer.Options(s.render().spp(), 0, 0, 1e-12, Renderer.DEFAULT_RAY_EPS);
        try (JvmBackend b = new JvmBackend(threads)) {
            return Renderer.render(s, SceneBuffers.pack(s), s.render(), b, opt, new Renderer.Listener() {
                @Override
                public void checkpoint(Film film) {
                    seen.add(Snapshot.of(film));
                }
            });
        }
    }

    @Test
    void pixelsStopExactlyWhenTheirErrorFallsBelowTheThreshold() throws Exception {
        Scene s = squareOnBlack(T);
        AdaptiveSampling ad = AdaptiveSampling.of(s.render());
        List<Snapshot> seen = new ArrayList<>();
        Film f = render(s, 2, seen);
        seen.add(Snapshot.of(f));
        int stopped = 0;
        int checks = 0;
        for (int p = 0; p < f.width() * f.height(); p++) {
            int n = f.samples(p);
            assertTrue(n >= MIN && n <= f.spp(), "pixel " + p + ": " + n + " samples");
            if (n < f.spp() || f.spp() < SPP) {
                stopped++;
                assertTrue(ad.checksAt(n), "pixel " + p + " stopped at " + n + " spp, where no check falls");
                assertTrue(f.relativeError(p) < T, "pixel " + p + " stopped with error " + f.relativeError(p));
            }
            for (Snapshot snap : seen) {
                if (ad.checksAt(snap.spp) && snap.spp < n) {
                    checks++;
                    assertTrue(snap.error[p] >= T, "pixel " + p + " went on past " + snap.spp + " spp with error " + snap.error[p]);
                }
            }
        }
        assertTrue(stopped > 0 && stopped < f.width() * f.height(), stopped + " pixels stopped");
        assertTrue(checks > 100, checks + " checks of active pixels");
    }

    @Test
    void noiseFreePixelsTakeFarFewerSamples() throws Exception {
        Film f = render(squareOnBlack(T), 2, new ArrayList<>());
        float[] rgb = f.radiance();
        long blackSamples = 0;
        long blackPixels = 0;
        long litSamples = 0;
        long litPixels = 0;
        for (int p = 0; p < f.width() * f.height(); p++) {
            if (rgb[p * 3] == 0 && rgb[p * 3 + 1] == 0 && rgb[p * 3 + 2] == 0) {
                blackSamples += f.samples(p);
                blackPixels++;
            } else {
                litSamples += f.samples(p);
                litPixels++;
            }
        }
        assertTrue(blackPixels > 50 && litPixels > 20, blackPixels + " black, " + litPixels + " lit pixels");
        assertEquals(MIN, (double) blackSamples / blackPixels, 0, "a noise-free pixel stops at the minimum");
        // Lit pixels averaged 3.2 x the minimum once the sphere light was sampled by its cone (over 4 x by area).
        assertTrue((double) litSamples / litPixels > 2.5 * MIN, "lit pixels average " + (double) litSamples / litPixels + " spp");
    }

    /** Each pixel's sums are a plain render's at that pixel's sample count, bit for bit. */
    @Test
    void everyPixelIsThePlainRenderAtItsOwnSampleCount() throws Exception {
        Scene s = squareOnBlack(T);
        Film adaptive = render(s, 2, new ArrayList<>());
        SceneBuffers buf = SceneBuffers.pack(s);
        Film plain = new Film(adaptive.width(), adaptive.height());
        int compared = 0;
        try (JvmBackend b = new JvmBackend(2)) {
            b.prepare(buf, plain.width(), plain.height());
            int[] fi = Renderer.frameInts(s.render());
            float[] ff = Renderer.frameFloats(s, s.render(), Renderer.DEFAULT_RAY_EPS);
            for (int spp = 1; spp <= adaptive.spp(); spp++) {
                fi[FI_SAMPLE_START] = spp - 1;
                fi[FI_SAMPLE_COUNT] = 1;
                b.renderPass(fi, ff);
                b.read(plain.accum(), plain.aov(), plain.stats());
                for (int p = 0; p < plain.width() * plain.height(); p++) {
                    if (adaptive.samples(p) == spp) {
                        compared++;
                        for (int k = 0; k < ACC_STRIDE; k++) {
                            assertEquals(plain.accum()[p * ACC_STRIDE + k], adaptive.accum()[p * ACC_STRIDE + k], 0, "pixel " + p);
                        }
                        for (int k = 0; k < STAT_STRIDE; k++) {
                            assertEquals(plain.stats()[p * STAT_STRIDE + k], adaptive.stats()[p * STAT_STRIDE + k], "pixel " + p);
                        }
                    }
                }
            }
        }
        assertEquals(plain.width() * plain.height(), compared);
    }

    /** Converged everywhere at the minimum: the image is the plain render's at that many samples. */
    @Test
    void convergedEverywhereIsThePlainImage() throws Exception {
        Film adaptive = render(squareOnBlack(1e6), 2, new ArrayList<>());
        assertEquals(MIN, adaptive.spp());
        Scene plain = squareOnBlack(0);
        Film f = Scenes.render(plain, MIN, 2);
        assertArrayEquals(f.accum(), adaptive.accum());
        assertArrayEquals(f.stats(), adaptive.stats());
        assertArrayEquals(f.radiance(), adaptive.radiance());
        assertArrayEquals(f.aov(0, AOV_VALUES), adaptive.aov(0, AOV_VALUES));
    }

    @Test
    void sameImageOnOneAndTwoThreads() throws Exception {
        Scene s = squareOnBlack(T);
        Film one = render(s, 1, new ArrayList<>());
        Film two = render(s, 2, new ArrayList<>());
        assertArrayEquals(one.accum(), two.accum());
        assertArrayEquals(one.aov(), two.aov());
        assertArrayEquals(one.stats(), two.stats());
        assertEquals(one.spp(), two.spp());
    }

    @Test
    void resumedAdaptiveRenderIsBitIdentical() throws Exception {
        Scene s = squareOnBlack(T);
        SceneBuffers buf = SceneBuffers.pack(s);
        Film whole = render(s, 2, new ArrayList<>());
        Checkpoint.Identity id = Checkpoint.Identity.of("square", buf, s.render(),
                Renderer.frameFloats(s, s.render(), Renderer.DEFAULT_RAY_EPS));
        Path file = dir.resolve("a.ckpt");
        Film start = null;
        // Interrupted three times, the first past the minimum, where some pixels have stopped.
        for (int stopAt : new int[] {MIN + 3, MIN + 9, 2 * MIN + 7}) {
            try (JvmBackend b = new JvmBackend(1)) {
                Film part = Renderer.render(s, buf, s.render(), b, Renderer.Options.samples(SPP), start, new Renderer.Listener() {
                    int spp;

                    @Override
                    public void progress(Renderer.Progress p) {
                        spp = p.spp();
                        assertTrue(p.converged() >= 0);
                    }

                    @Override
                    public boolean stopRequested() {
                        return spp >= stopAt;
                    }
                });
                new Checkpoint(id, SPP, part).save(file);
            }
            Checkpoint c = Checkpoint.load(file);
            assertNull(c.identity().mismatch(id));
            start = c.film();
        }
        Film resumed;
        try (JvmBackend b = new JvmBackend(2)) {
            resumed = Renderer.render(s, buf, s.render(), b, Renderer.Options.samples(SPP), start, new Renderer.Listener() {});
        }
        assertArrayEquals(whole.accum(), resumed.accum());
        assertArrayEquals(whole.aov(), resumed.aov());
        assertArrayEquals(whole.stats(), resumed.stats());
        assertEquals(whole.spp(), resumed.spp());
        String why = Checkpoint.Identity.of("square", buf, s.render().withAdaptive(0.1, MIN),
                Renderer.frameFloats(s, s.render(), Renderer.DEFAULT_RAY_EPS)).mismatch(id);
        assertNotNull(why);
        assertTrue(why.contains("adaptive"), why);
    }

    @Test
    void checksFallAtFixedSampleCounts() {
        AdaptiveSampling ad = new AdaptiveSampling(0.01, 16);
        List<Integer> at = new ArrayList<>();
        for (int spp = 0; spp <= 40; spp++) {
            if (ad.checksAt(spp)) {
                at.add(spp);
            }
        }
        assertEquals(List.of(16, 18, 20, 22, 24, 27, 30, 33, 37), at);
        assertEquals(16, ad.nextCheck(0));
        assertEquals(27, ad.nextCheck(24));
        assertFalse(AdaptiveSampling.OFF.checksAt(16));
        assertEquals(Integer.MAX_VALUE, AdaptiveSampling.OFF.nextCheck(5));
    }
}
