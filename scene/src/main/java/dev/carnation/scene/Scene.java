package dev.carnation.scene;

import dev.carnation.scene.camera.Camera;
import dev.carnation.scene.geometry.Mesh;
import dev.carnation.scene.geometry.Strands;
import dev.carnation.scene.light.EnvironmentMap;
import dev.carnation.scene.light.LightLinks;
import dev.carnation.scene.light.LightShape;
import dev.carnation.scene.material.Material;
import dev.carnation.scene.texture.TextureTable;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded scene: world-space triangles, materials, textures, lights, camera and settings, and
 * the files it was read from (the scene file first, then meshes, textures, maps and data).
 * {@code areaLights} counts the entries of the scene's light list; {@code lightShapes} gives the
 * analytic form of emitting objects that have one (light list entries and emissive shapes);
 * {@code strands} holds the hair (grooms), which shares the BVH with the triangles; {@code links} the
 * light and shadow linking resolved over object ids ({@link LightLinks#NONE} without).
 */
public record Scene(Path file, Mesh mesh, List<Material> materials, List<String> materialNames,
                    TextureTable textures, EnvironmentMap environment, int areaLights, List<LightShape> lightShapes,
                    Camera camera, RenderSettings render, List<String> warnings, List<Path> inputs, Strands strands,
                    LightLinks links) {

    /** A scene without light or shadow linking. */
    public Scene(Path file, Mesh mesh, List<Material> materials, List<String> materialNames,
                 TextureTable textures, EnvironmentMap environment, int areaLights, List<LightShape> lightShapes,
                 Camera camera, RenderSettings render, List<String> warnings, List<Path> inputs, Strands strands) {
        this(file, mesh, materials, materialNames, textures, environment, areaLights, lightShapes, camera, render, warnings,
                inputs, strands, LightLinks.NONE);
    }

    /** A scene without hair. */
    public Scene(Path file, Mesh mesh, List<Material> materials, List<String> materialNames,
                 TextureTable textures, EnvironmentMap environment, int areaLights, List<LightShape> lightShapes,
                 Camera camera, RenderSettings render, List<String> warnings, List<Path> inputs) {
        this(file, mesh, materials, materialNames, textures, environment, areaLights, lightShapes, camera, render, warnings,
                inputs, new Strands());
    }

    /** A scene built in code: its only input is its file, its lights are sampled by their triangles. */
    public Scene(Path file, Mesh mesh, List<Material> materials, List<String> materialNames,
                 TextureTable textures, EnvironmentMap environment, int areaLights,
                 Camera camera, RenderSettings render, List<String> warnings) {
        this(file, mesh, materials, materialNames, textures, environment, areaLights, List.of(), camera, render, warnings,
                List.of(file));
    }

    /** The same scene with other render settings. */
    public Scene withRender(RenderSettings rs) {
        return new Scene(file, mesh, materials, materialNames, textures, environment, areaLights, lightShapes, camera, rs,
                warnings, inputs, strands, links);
    }

    /** The same scene with other analytic light shapes (none: every light sampled by its triangles). */
    public Scene withLightShapes(List<LightShape> shapes) {
        return new Scene(file, mesh, materials, materialNames, textures, environment, areaLights, shapes, camera, render,
                warnings, inputs, strands, links);
    }

    /** The same scene with these hair strands. */
    public Scene withStrands(Strands s) {
        return new Scene(file, mesh, materials, materialNames, textures, environment, areaLights, lightShapes, camera, render,
                warnings, inputs, s, links);
    }
}
