package dev.carnation.tornado;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.Renderer;
import dev.carnation.integrator.backend.Backend;
import dev.carnation.integrator.backend.DeviceInfo;
import dev.carnation.integrator.backend.JvmBackend;
import dev.carnation.integrator.film.Film;
import dev.carnation.integrator.film.ImageComparison;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.SceneLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JVM vs TornadoVM for every scene in scenes/ (runs with -Ptornado): the same seed must give the
 * same image, by the criteria of `carnation parity` (skin included).
 */
class ParityTest {
    static final Path ROOT = Path.of(System.getProperty("carnation.root", ".."));

    static Stream<Path> scenes() throws Exception {
        try (Stream<Path> s = Files.list(ROOT.resolve("scenes"))) {
            List<Path> l = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            return l.stream();
        }
    }

    static DeviceInfo device() {
        List<DeviceInfo> ds = new TornadoProvider().devices();
        assertFalse(ds.isEmpty(), "TornadoVM reports no device");
        return ds.stream().filter(DeviceInfo::gpu).findFirst().orElse(ds.get(0));
    }

    static Film render(Scene scene, SceneBuffers b, RenderSettings rs, Backend backend) {
        try (backend) {
            return Renderer.render(scene, b, rs, backend, Renderer.Options.samples(rs.spp()), new Renderer.Listener() {});
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenes")
    void sameImageOnJvmAndTornado(Path file) {
        Scene scene = SceneLoader.load(file, Path.of(System.getProperty("carnation.assets")));
        RenderSettings rs = scene.render().withSize(64, 48).withSpp(2);
        SceneBuffers b = SceneBuffers.pack(scene);
        DeviceInfo d = device();
        Film jvm = render(scene, b, rs, new JvmBackend(2));
        Film dev = render(scene, b, rs, new TornadoProvider().open(d, 1));
        ImageComparison c = ImageComparison.of(jvm.radiance(), dev.radiance(), 1e-3);
        assertTrue(c.agrees(1e-3, 0.99), String.format("%s on %s: mean rel diff %s, within 1e-3 %s",
                file.getFileName(), d.id(), java.util.Arrays.toString(c.meanRelDiff()), java.util.Arrays.toString(c.withinTolerance())));
        assertEquals(jvm.rays(), dev.rays(), 0.001 * jvm.rays(), "ray counts");
    }
}
