package dev.carnation.spark;

import dev.carnation.integrator.Renderer;
import dev.carnation.integrator.output.Checkpoint;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * What every task of one render needs to know, shipped from the driver to the executors: where the
 * scene is (a path on shared storage, or the name of a copy shipped with spark-submit --files), the
 * settings the driver settled on, and the hashes of the driver's packed scene and camera, so that an
 * executor that reads a different scene fails its task instead of adding other samples to the image.
 *
 * @param scenePath    the scene file as the driver found it (absolute)
 * @param shippedName  the file name of a copy shipped with --files (SparkFiles), or null
 * @param assetRoot    the driver's asset root (absolute), or null
 * @param sceneHash    hash of the packed scene buffers (Checkpoint.Identity's)
 * @param frameHash    hash of the frame parameters (camera, lens)
 * @param device       where tasks render: null for the JVM backend, else jvm, auto, tornado or a device id
 * @param threads      JVM backend threads per task (spark.task.cpus by default)
 * @param failOnce     test hook: the unit whose first attempt fails (-1: none)
 */
public record RenderJob(String scenePath, String shippedName, String assetRoot, int width, int height, int spp, int seed,
                        String sceneHash, String frameHash, String device, int threads, int failOnce) implements Serializable {

    /**
     * The settings a unit renders with, from the scene's own: size, samples and seed as the driver
     * chose them, adaptive sampling off (it picks pixels from the film as it grows, which a unit
     * rendered elsewhere does not have). Driver and executors derive them the same way from the
     * same scene, so their frame parameters agree to the bit.
     */
    public RenderSettings settings(RenderSettings scene) {
        return new RenderSettings(width, height, spp, scene.maxDepth(), scene.rrDepth(), seed, scene.clamp(),
                scene.exposure(), scene.tonemap(), 0, scene.adaptiveMinSpp(), scene.textureFilter());
    }

    /**
     * The job for a scene the driver has loaded (and packed), rendered with rs's size, samples and
     * seed.
     */
    public static RenderJob of(Path sceneFile, String shippedName, Path assetRoot, Scene scene, SceneBuffers buffers,
                               RenderSettings rs, String device, int threads) {
        RenderJob job = new RenderJob(sceneFile.toAbsolutePath().normalize().toString(), shippedName,
                assetRoot == null ? null : assetRoot.toAbsolutePath().normalize().toString(), rs.width(), rs.height(), rs.spp(),
                rs.seed(), null, null, device, threads, -1);
        RenderSettings used = job.settings(scene.render());
        Checkpoint.Identity id = Checkpoint.Identity.of(sceneFile.getFileName().toString(), buffers, used,
                Renderer.frameFloats(scene, used, Renderer.DEFAULT_RAY_EPS));
        return new RenderJob(job.scenePath, shippedName, job.assetRoot, rs.width(), rs.height(), rs.spp(), rs.seed(),
                id.sceneHash(), id.frameHash(), device, threads, -1);
    }

    /** The same render with another test hook. */
    public RenderJob withFailOnce(int unit) {
        return new RenderJob(scenePath, shippedName, assetRoot, width, height, spp, seed, sceneHash, frameHash, device, threads,
                unit);
    }
}
