package dev.carnation.integrator;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.backend.JvmBackend;
import dev.carnation.integrator.film.Film;
import dev.carnation.integrator.output.Checkpoint;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.SceneException;
import dev.carnation.scene.SceneLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A render stopped after some passes, saved, loaded and resumed to the full sample count is the
 * uninterrupted render bit for bit: radiance sums and their squares (double), AOVs (float) and
 * counters (int).
 */
class CheckpointTest {
    static final int SPP = 7;

    @TempDir
    Path dir;

    static Scene cornell(int size) {
        Scene s = SceneLoader.load(Scenes.repo().resolve("scenes/cornell-box.json"), Scenes.assets());
        return s.withRender(s.render().withSize(size, size).withSpp(SPP));
    }

    static Checkpoint.Identity identity(Scene s, SceneBuffers b) {
        return Checkpoint.Identity.of(s.file().getFileName().toString(), b, s.render(),
                Renderer.frameFloats(s, s.render(), Renderer.DEFAULT_RAY_EPS));
    }

    /** Renders on from start (null: from nothing) and stops after the first pass, which is one sample. */
    static Film onePass(Scene s, SceneBuffers b, int threads, Film start) {
        try (JvmBackend backend = new JvmBackend(threads)) {
            return Renderer.render(s, b, s.render(), backend, Renderer.Options.samples(SPP), start, new Renderer.Listener() {
                boolean passed;

                @Override
                public void progress(Renderer.Progress p) {
                    passed = true;
                }

                @Override
                public boolean stopRequested() {
                    return passed;
                }
            });
        }
    }

    @Test
    void resumedRenderIsBitIdenticalToAnUninterruptedOne() throws Exception {
        Scene s = cornell(24);
        SceneBuffers b = SceneBuffers.pack(s);
        Film whole = Scenes.render(s, SPP, 2);

        // Interrupted twice: after the first sample, and again one sample after resuming.
        Path file = dir.resolve("cb.ckpt");
        Film part = null;
        for (int k = 1; k <= 2; k++) {
            part = onePass(s, b, k, part == null ? null : Checkpoint.load(file).film());
            assertEquals(k, part.spp());
            new Checkpoint(identity(s, b), SPP, part).save(file);
        }
        Checkpoint loaded = Checkpoint.load(file);
        assertNull(loaded.identity().mismatch(identity(s, b)));
        assertEquals(2, loaded.film().spp());

        Film resumed;
        try (JvmBackend backend = new JvmBackend(2)) {
            resumed = Renderer.render(s, b, s.render(), backend, Renderer.Options.samples(SPP), loaded.film(),
                    new Renderer.Listener() {});
        }
        assertEquals(SPP, resumed.spp());
        assertArrayEquals(whole.accum(), resumed.accum(), "radiance sums and squares");
        assertArrayEquals(whole.aov(), resumed.aov(), "AOV sums");
        assertArrayEquals(whole.stats(), resumed.stats(), "ray and non-finite counters");
        assertArrayEquals(whole.radiance(), resumed.radiance());
    }

    @Test
    void checkpointsRoundTripExactly() throws Exception {
        Scene s = cornell(12);
        SceneBuffers b = SceneBuffers.pack(s);
        Film f = Scenes.render(s, 3, 2);
        Path file = dir.resolve("a.ckpt");
        new Checkpoint(identity(s, b), 99, f).save(file);
        Checkpoint c = Checkpoint.load(file);
        assertEquals(identity(s, b), c.identity());
        assertEquals(99, c.targetSpp());
        assertEquals(3, c.film().spp());
        assertArrayEquals(f.accum(), c.film().accum());
        assertArrayEquals(f.aov(), c.film().aov());
        assertArrayEquals(f.stats(), c.film().stats());
    }

    @Test
    void damagedTruncatedAndForeignFilesAreRefused() throws Exception {
        Scene s = cornell(8);
        SceneBuffers b = SceneBuffers.pack(s);
        Path file = dir.resolve("a.ckpt");
        new Checkpoint(identity(s, b), SPP, Scenes.render(s, 1, 1)).save(file);
        byte[] good = Files.readAllBytes(file);

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 1;
        Files.write(file, flipped);
        assertMessage(file, "checksum");

        Files.write(file, java.util.Arrays.copyOf(good, good.length - 100));
        assertMessage(file, "truncated");

        Files.writeString(file, "{\"camera\": {}}");
        assertMessage(file, "not a carnation checkpoint");

        Files.delete(file);
        assertMessage(file, "no such file");
    }

    static void assertMessage(Path file, String what) {
        SceneException e = assertThrows(SceneException.class, () -> Checkpoint.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(what), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }

    @Test
    void identityNamesWhatDiffers() throws Exception {
        Scene s = cornell(8);
        SceneBuffers b = SceneBuffers.pack(s);
        Checkpoint.Identity id = identity(s, b);
        assertNull(id.mismatch(identity(s, b)));

        Scene bigger = s.withRender(s.render().withSize(8, 9));
        assertTrue(id.mismatch(identity(bigger, b)).contains("8x8 but this render is 8x9"));

        RenderSettings r = s.render();
        Scene reseeded = s.withRender(new RenderSettings(r.width(), r.height(), r.spp(), r.maxDepth(), r.rrDepth(), 5,
                r.clamp(), r.exposure(), r.tonemap()));
        assertTrue(id.mismatch(identity(reseeded, b)).contains("seed 0 but this render uses seed 5"));

        Scene deeper = s.withRender(new RenderSettings(r.width(), r.height(), r.spp(), r.maxDepth() + 1, r.rrDepth(), r.seed(),
                r.clamp(), r.exposure(), r.tonemap()));
        assertTrue(id.mismatch(identity(deeper, b)).contains("max_depth " + (r.maxDepth() + 1)));

        Scene other = Scenes.fromJson("""
                {"camera": {"position": [0, 0, 3], "look_at": [0, 0, 0]},
                 "render": {"width": 8, "height": 8},
                 "materials": {"m": {"type": "diffuse"}},
                 "shapes": [{"type": "sphere", "radius": 1, "material": "m"}],
                 "lights": [{"type": "environment", "radiance": 1}]}
                """);
        other = other.withRender(s.render());
        assertTrue(id.mismatch(identity(other, SceneBuffers.pack(other))).contains("different scene"));
    }

    @Test
    void sampleAndTimeLimitsStopAtWhicheverComesFirst() {
        Scene s = cornell(8);
        SceneBuffers b = SceneBuffers.pack(s);
        try (JvmBackend backend = new JvmBackend(1)) {
            Film f = Renderer.render(s, b, s.render(), backend, new Renderer.Options(3, 600, 0, 0, Renderer.DEFAULT_RAY_EPS),
                    new Renderer.Listener() {});
            assertEquals(3, f.spp(), "the sample count came first");
        }
        Film timed = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (JvmBackend backend = new JvmBackend(1)) {
                return Renderer.render(s, b, s.render(), backend,
                        new Renderer.Options(RenderSettings.MAX_SPP, 0.5, 0, 0, Renderer.DEFAULT_RAY_EPS), new Renderer.Listener() {});
            }
        });
        assertTrue(timed.spp() > 0 && timed.spp() < RenderSettings.MAX_SPP, "the time came first: " + timed.spp());
    }

    @Test
    void checkpointsAreOfferedPeriodicallyAndStopsComeAtPassBoundaries() {
        Scene s = cornell(8);
        SceneBuffers b = SceneBuffers.pack(s);
        int[] offered = {0};
        Film f;
        try (JvmBackend backend = new JvmBackend(1)) {
            f = Renderer.render(s, b, s.render(), backend,
                    new Renderer.Options(RenderSettings.MAX_SPP, 0, 0, 1e-9, Renderer.DEFAULT_RAY_EPS), null, new Renderer.Listener() {
                        @Override
                        public void checkpoint(Film film) {
                            offered[0]++;
                            assertTrue(film.spp() > 0);
                        }

                        @Override
                        public boolean stopRequested() {
                            return offered[0] >= 3;
                        }
                    });
        }
        assertEquals(3, offered[0]);
        assertTrue(f.spp() > 0 && f.spp() < RenderSettings.MAX_SPP);
    }
}
