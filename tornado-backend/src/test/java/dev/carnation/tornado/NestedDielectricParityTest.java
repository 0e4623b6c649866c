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
 * Overlapping nested dielectrics on a TornadoVM device, bit for bit: a glass sphere of priority 2
 * half inside a water sphere of priority 1, so paths pass the water's surface inside the glass
 * without scattering (PathTracer.surface's pass branch). TornadoVM's OpenCL emitter once let that
 * branch run on into the rest of the surface stage, which shaded the hidden surface as a real
 * interface (docs/tornadovm-notes.md item 14): 91-97 % of values identical, fewer rays.
 */
class NestedDielectricParityTest {
    @Test
    void overlappingDielectricsAreBitIdentical() throws Exception {
        Path file = Path.of(NestedDielectricParityTest.class.getResource("/nested-overlap.json").toURI());
        Scene scene = SceneLoader.load(file, Path.of(System.getProperty("carnation.assets")));
        RenderSettings rs = scene.render().withSize(64, 48).withSpp(2);
        SceneBuffers b = SceneBuffers.pack(scene);
        Film jvm = ParityTest.render(scene, b, rs, new JvmBackend(2));
        Film dev = ParityTest.render(scene, b, rs, new TornadoProvider().open(ParityTest.device(), 1));
        assertArrayEquals(jvm.stats(), dev.stats(), "rays, dropped samples and samples per pixel");
        assertArrayEquals(jvm.accum(), dev.accum(), "radiance sums");
    }
}
