package dev.carnation.scene;

import dev.carnation.scene.camera.Camera;
import dev.carnation.scene.geometry.Mesh;
import dev.carnation.scene.light.EnvironmentMap;
import dev.carnation.scene.material.Material;
import dev.carnation.scene.texture.TextureTable;
import java.nio.file.Path;
import java.util.List;

/** A loaded scene: world-space triangles, materials, textures, lights, camera and settings. */
public record Scene(Path file, Mesh mesh, List<Material> materials, List<String> materialNames,
                    TextureTable textures, EnvironmentMap environment, int areaLights,
                    Camera camera, RenderSettings render, List<String> warnings) {}
