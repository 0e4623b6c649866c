package dev.carnation.scene;

import dev.carnation.scene.geometry.Mesh;
import dev.carnation.scene.material.Diffuse;
import dev.carnation.scene.material.Material;
import dev.carnation.scene.texture.TextureTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.joml.Vector3f;

/** Builds small in-memory scenes for tests. */
public final class TestScenes {
    private TestScenes() {}

    public static Path assets() {
        String p = System.getProperty("carnation.assets");
        if (p == null) {
            throw new IllegalStateException("carnation.assets is not set (run through Maven or set -Dcarnation.assets)");
        }
        return Path.of(p);
    }

    public static Path root() {
        return Path.of(System.getProperty("carnation.root", "."));
    }

    public static Scene ofMesh(Mesh mesh) {
        List<Material> mats = new ArrayList<>(List.of(new Diffuse(0.5, 0.5, 0.5)));
        var cam = new dev.carnation.scene.camera.Camera(new Vector3f(0, 0, 5), new Vector3f(0, 0, -1),
                new Vector3f(0, 1, 0), new Vector3f(1, 0, 0), 50, 36, 24, 0, 5);
        return new Scene(Path.of("test"), mesh, mats, List.of("grey"), new TextureTable(), null, 0, cam,
                RenderSettings.defaults(), List.of());
    }
}
