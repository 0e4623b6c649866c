package dev.carnation.scene;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.scene.texture.ImageFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader reports every file a scene was read from, so that outputs can be kept off them. */
class SceneInputsTest {
    @TempDir
    Path dir;

    @Test
    void inputsListTheSceneMeshTexturesAndEnvironment() throws Exception {
        Files.writeString(dir.resolve("tri.obj"), "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n");
        Path assets = Files.createDirectories(dir.resolve("assets"));
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", assets.resolve("wood.png").toFile());
        ImageFiles.writeExr(assets.resolve("sky.exr"), 8, 4, new float[8 * 4 * 4]);
        Path scene = dir.resolve("s.json");
        Files.writeString(scene, """
                {"camera": {"position": [0, 0, 3], "look_at": [0, 0, 0]},
                 "materials": {"m": {"type": "diffuse", "base_color_texture": "wood.png"},
                               "n": {"type": "diffuse", "roughness_texture": "wood.png"}},
                 "shapes": [{"type": "mesh", "file": "tri.obj", "material": "m"},
                            {"type": "sphere", "radius": 1, "material": "n"}],
                 "lights": [{"type": "environment", "file": "sky.exr"}]}
                """);
        Scene s = SceneLoader.load(scene, assets);
        List<Path> in = s.inputs().stream().map(p -> p.toAbsolutePath().normalize()).toList();
        assertEquals(scene.toAbsolutePath().normalize(), in.get(0), "the scene file comes first");
        for (Path p : List.of(dir.resolve("tri.obj"), assets.resolve("wood.png"), assets.resolve("sky.exr"))) {
            assertTrue(in.contains(p.toAbsolutePath().normalize()), p + " missing from " + in);
        }
        assertEquals(in.size(), in.stream().distinct().count(), "each file once: " + in);
    }

    @Test
    void scenesBuiltInCodeHaveOnlyTheirFile() {
        Scene s = TestScenes.ofMesh(new dev.carnation.scene.geometry.Mesh());
        assertEquals(List.of(s.file()), s.inputs());
    }
}
