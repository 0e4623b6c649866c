package dev.carnation.scene;

import dev.carnation.scene.camera.Camera;
import dev.carnation.scene.geometry.Mesh;
import dev.carnation.scene.light.EnvironmentMap;
import dev.carnation.scene.material.Material;
import dev.carnation.scene.texture.TextureTable;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded scene: world-space triangles, materials, textures, lights, camera and settings, and
 * the files it was read from (the scene file first, then meshes, textures, maps and data).
 */
public record Scene(Path file, Mesh mesh, List<Material> materials, List<String> materialNames,
                    TextureTable textures, EnvironmentMap environment, int areaLights,
                    Camera camera, RenderSettings render, List<String> warnings, List<Path> inputs) {

    /** A scene built in code: its only input is its file. */
    public Scene(Path file, Mesh mesh, List<Material> materials, List<String> materialNames,
                 TextureTable textures, EnvironmentMap environment, int areaLights,
                 Camera camera, RenderSettings render, List<String> warnings) {
        this(file, mesh, materials, materialNames, textures, environment, areaLights, camera, render, warnings, List.of(file));
    }

    /** The same scene with other render settings. */
    public Scene withRender(RenderSettings rs) {
        return new Scene(file, mesh, materials, materialNames, textures, environment, areaLights, camera, rs, warnings, inputs);
    }
}
