package dev.carnation.integrator;

import static dev.carnation.kernel.Layout.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.backend.JvmBackend;
import dev.carnation.integrator.film.Film;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image rendered in bands of rows is the whole-image render, bit for bit, and writes the same files. */
class TiledRenderTest {
    @TempDir
    Path tmp;

    @Test
    void bandsOfRowsGiveTheWholeImage() throws Exception {
        Scene s = BlockOrderTest.scene();
        RenderSettings rs = s.render();
        int spp = BLOCK_SPP + 4;
        SceneBuffers buf = SceneBuffers.pack(s);
        Film whole = BlockOrderTest.render(s, new JvmBackend(2), spp, null);
        List<Integer> bandRows = new ArrayList<>();
        TiledRender.Image tiled;
        try (JvmBackend b = new JvmBackend(2)) {
            tiled = TiledRender.render(s, buf, rs, b, Renderer.Options.samples(spp), 7, true, new Renderer.Listener() {},
                    (band, bands, film) -> bandRows.add(film.height()));
        }
        assertEquals(List.of(7, 7, 4), bandRows, "18 rows in bands of 7");
        assertArrayEquals(whole.radiance(), tiled.radiance());
        assertArrayEquals(whole.aov(0, AOV_VALUES), tiled.aov(0, AOV_VALUES));
        assertEquals(whole.rays(), tiled.rays());
        Path a = tmp.resolve("whole.pfm");
        Path b = tmp.resolve("tiled.pfm");
        Outputs.write(whole, a, List.of("alpha", "depth"), 0, "none");
        Outputs.write(tiled, b, List.of("alpha", "depth"), 0, "none");
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertArrayEquals(Files.readAllBytes(Outputs.sibling(a, "depth")), Files.readAllBytes(Outputs.sibling(b, "depth")));
    }

    @Test
    void rowsThatFitShrinkWithTheWidthAndStayPositive() {
        Scene s = BlockOrderTest.scene();
        SceneBuffers buf = SceneBuffers.pack(s);
        int narrow = TiledRender.rowsThatFit(s, buf, 1000, 100_000, false);
        int wide = TiledRender.rowsThatFit(s, buf, 16384, 100_000, false);
        assertTrue(narrow > wide && wide >= 1, narrow + " vs " + wide);
        assertEquals(10, TiledRender.rowsThatFit(s, buf, 1000, 10, false), "never more rows than the image has");
    }
}
