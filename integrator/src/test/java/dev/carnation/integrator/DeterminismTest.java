package dev.carnation.integrator;

import static dev.carnation.kernel.Layout.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.backend.JvmBackend;
import dev.carnation.integrator.film.Film;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.SceneLoader;
import org.junit.jupiter.api.Test;

/** Same scene, seed and spp: bit-identical images whatever the thread count or pass schedule. */
class DeterminismTest {
    static Scene cornell() {
        Scene s = SceneLoader.load(Scenes.repo().resolve("scenes/cornell-box.json"), Scenes.assets());
        return s.withRender(s.render().withSize(40, 40));
    }

    @Test
    void oneAndTwoThreadsGiveIdenticalImages() {
        Scene s = cornell();
        Film a = Scenes.render(s, 8, 1);
        Film b = Scenes.render(s, 8, 2);
        assertArrayEquals(a.accum(), b.accum());
        assertArrayEquals(a.aov(), b.aov());
        assertArrayEquals(a.stats(), b.stats());
        assertTrue(a.rays() > 40 * 40 * 8);
    }

    @Test
    void passScheduleDoesNotChangeTheImage() {
        Scene s = cornell();
        RenderSettings rs = s.render();
        SceneBuffers buf = SceneBuffers.pack(s);
        float[] ff = Renderer.frameFloats(s, rs, Renderer.DEFAULT_RAY_EPS);
        Film one = new Film(rs.width(), rs.height());
        Film many = new Film(rs.width(), rs.height());
        try (JvmBackend b = new JvmBackend(2)) {
            b.prepare(buf, rs.width(), rs.height());
            int[] fi = Renderer.frameInts(rs);
            fi[FI_SAMPLE_START] = 0;
            fi[FI_SAMPLE_COUNT] = 6;
            b.renderPass(fi, ff);
            b.read(one.accum(), one.aov(), one.stats());
        }
        try (JvmBackend b = new JvmBackend(2)) {
            b.prepare(buf, rs.width(), rs.height());
            int[] fi = Renderer.frameInts(rs);
            for (int[] pass : new int[][] {{0, 1}, {1, 2}, {3, 3}}) {
                fi[FI_SAMPLE_START] = pass[0];
                fi[FI_SAMPLE_COUNT] = pass[1];
                b.renderPass(fi, ff);
            }
            b.read(many.accum(), many.aov(), many.stats());
        }
        assertArrayEquals(one.accum(), many.accum());
        assertArrayEquals(one.stats(), many.stats());
    }

    @Test
    void seedChangesTheNoise() {
        Scene s = cornell();
        Scene t = s.withRender(new RenderSettings(40, 40, 4, 8, 3, 99, 0, 0, "aces"));
        assertFalse(java.util.Arrays.equals(Scenes.render(s, 4, 2).accum(), Scenes.render(t, 4, 2).accum()));
    }
}
