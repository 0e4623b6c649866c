package dev.carnation.tornado;

import static dev.carnation.kernel.Layout.BLOCK_SPP;
import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.WorkUnit;
import dev.carnation.integrator.backend.Backend;
import dev.carnation.integrator.backend.DeviceGroup;
import dev.carnation.integrator.backend.JvmBackend;
import dev.carnation.integrator.film.Film;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.SceneLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Block-ordered sums on a TornadoVM device: whole and open blocks, a group of the device and the
 * JVM, and row bands (work units) give the JVM's film bit for bit.
 */
class BlockParityTest {
    static final int SPP = 2 * BLOCK_SPP + 3;

    static Scene cornell() {
        return SceneLoader.load(ParityTest.ROOT.resolve("scenes/cornell-box.json"), Path.of(System.getProperty("carnation.assets")));
    }

    static void assertSameFilm(Film jvm, Film other) {
        assertArrayEquals(jvm.stats(), other.stats(), "rays, dropped samples and samples per pixel");
        assertArrayEquals(jvm.accum(), other.accum(), "radiance sums");
        assertArrayEquals(jvm.aov(), other.aov(), "AOV sums");
    }

    @Test
    void deviceAloneAndInAGroupWithTheJvmGiveTheJvmsFilm() {
        Scene scene = cornell();
        RenderSettings rs = scene.render().withSize(32, 24).withSpp(SPP);
        SceneBuffers b = SceneBuffers.pack(scene);
        Film jvm = ParityTest.render(scene, b, rs, new JvmBackend(2));
        assertSameFilm(jvm, ParityTest.render(scene, b, rs, new TornadoProvider().open(ParityTest.device(), 1)));
        DeviceGroup g = new DeviceGroup(List.of(new TornadoProvider().open(ParityTest.device(), 1), new JvmBackend(1)));
        assertSameFilm(jvm, ParityTest.render(scene, b, rs, g));
    }

    @Test
    void aBandOfRowsRendersLikeThoseRowsOfTheWholeImage() {
        Scene scene = cornell();
        RenderSettings rs = scene.render().withSize(32, 24).withSpp(SPP);
        SceneBuffers b = SceneBuffers.pack(scene);
        Film jvm = ParityTest.render(scene, b, rs, new JvmBackend(2));
        Film merged = new Film(rs.width(), rs.height());
        try (Backend dev = new TornadoProvider().open(ParityTest.device(), 1)) {
            dev.prepare(b, rs.width(), 8);
            for (WorkUnit u : WorkUnit.plan(SPP, rs.height(), 8)) {
                merged.merge(u.render(scene, rs, dev), u.firstPixel(rs.width()));
            }
        }
        assertSameFilm(jvm, merged);
    }
}
