package dev.carnation.integrator;

import dev.carnation.integrator.backend.JvmBackend;
import dev.carnation.integrator.film.Film;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.SceneLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
