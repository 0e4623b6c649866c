package dev.carnation.tornado;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.Renderer;
import dev.carnation.integrator.backend.DeviceInfo;
import dev.carnation.integrator.film.Film;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.SceneLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Resuming on a TornadoVM device (runs with -Ptornado): the film restored into the device's
 * buffers before the first execution, plus the missing samples, is bit-identical to an
 * uninterrupted render on the same device.
 */
class ResumeTest {
    @Test
    void resumedRenderOnTheDeviceIsBitIdentical() {
        Scene scene = SceneLoader.load(ParityTest.ROOT.resolve("scenes/cornell-box.json"), Path.of(System.getProperty("carnation.assets")));
        RenderSettings rs = scene.render().withSize(64, 48).withSpp(5);
        SceneBuffers b = SceneBuffers.pack(scene);
        DeviceInfo d = ParityTest.device();
        Film whole = ParityTest.render(scene, b, rs, new TornadoProvider().open(d, 1));

        Film part;
        try (var backend = new TornadoProvider().open(d, 1)) {
            part = Renderer.render(scene, b, rs.withSpp(2), backend, Renderer.Options.samples(2), new Renderer.Listener() {});
        }
        Film resumed;
        try (var backend = new TornadoProvider().open(d, 1)) {
            resumed = Renderer.render(scene, b, rs, backend, Renderer.Options.samples(rs.spp()), part, new Renderer.Listener() {});
        }
        assertEquals(rs.spp(), resumed.spp());
        assertArrayEquals(whole.accum(), resumed.accum());
        assertArrayEquals(whole.aov(), resumed.aov());
        assertArrayEquals(whole.stats(), resumed.stats());
    }
}
