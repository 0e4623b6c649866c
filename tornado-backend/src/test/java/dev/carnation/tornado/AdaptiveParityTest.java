package dev.carnation.tornado;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.backend.JvmBackend;
import dev.carnation.integrator.film.Film;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.SceneLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Adaptive sampling on a TornadoVM device: the kernel honours the active flags (sent every pass)
 * and stops the same pixels at the same sample counts as the JVM, so the films are the same.
 */
class AdaptiveParityTest {
    @Test
    void deviceStopsTheSamePixelsAsTheJvm() {
        Scene scene = SceneLoader.load(ParityTest.ROOT.resolve("scenes/cornell-box.json"), Path.of(System.getProperty("carnation.assets")));
        RenderSettings rs = scene.render().withSize(32, 24).withSpp(48).withAdaptive(0.15, 4);
        SceneBuffers b = SceneBuffers.pack(scene);
        Film jvm = ParityTest.render(scene, b, rs, new JvmBackend(2));
        Film dev = ParityTest.render(scene, b, rs, new TornadoProvider().open(ParityTest.device(), 1));
        int stopped = 0;
        for (int p = 0; p < 32 * 24; p++) {
            stopped += jvm.samples(p) < jvm.spp() ? 1 : 0;
        }
        assertTrue(stopped > 0 && stopped < 32 * 24, stopped + " pixels stopped early");
        assertArrayEquals(jvm.stats(), dev.stats(), "rays, dropped samples and samples per pixel");
        assertArrayEquals(jvm.accum(), dev.accum());
    }
}
