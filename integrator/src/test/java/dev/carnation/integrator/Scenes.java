package dev.carnation.integrator;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.integrator.backend.JvmBackend;
import dev.carnation.integrator.film.Film;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.SceneLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

final class Scenes {
    private Scenes() {}

    static Path assets() {
        return Path.of(System.getProperty("carnation.assets", "../shared/assets"));
    }

    static Path repo() {
        return Path.of(System.getProperty("carnation.root", ".."));
    }

    static Scene fromJson(String json) throws IOException {
        Path f = Files.createTempFile("carnation-test", ".json");
        Files.writeString(f, json);
        try {
            return SceneLoader.load(f, assets());
        } finally {
            Files.deleteIfExists(f);
        }
    }

    static Film render(Scene scene, int spp, int threads) {
        try (JvmBackend b = new JvmBackend(threads)) {
            return Renderer.render(scene, SceneBuffers.pack(scene), scene.render(), b, Renderer.Options.samples(spp),
                    new Renderer.Listener() {});
        }
    }

    /** Renders spp samples in one pass with emitters reached as FI_NEE says (NEE_MIS, NEE_LIGHTS_ONLY, NEE_BSDF_ONLY). */
    static Film render(Scene scene, int spp, int threads, int nee) {
        RenderSettings rs = scene.render();
        try (JvmBackend b = new JvmBackend(threads)) {
            b.prepare(SceneBuffers.pack(scene), rs.width(), rs.height());
            int[] fi = Renderer.frameInts(rs);
            fi[FI_SAMPLE_COUNT] = spp;
            fi[FI_NEE] = nee;
            b.renderPass(fi, Renderer.frameFloats(scene, rs, Renderer.DEFAULT_RAY_EPS));
            Film film = new Film(rs.width(), rs.height());
            b.read(film.accum(), film.aov(), film.stats());
            film.setSpp(spp);
            return film;
        }
    }

    /** The same scene with every light sampled by the area of its triangles (no analytic shapes). */
    static Scene byArea(Scene s) {
        return s.withLightShapes(List.of());
    }
}
