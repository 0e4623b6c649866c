package dev.carnation.cli;

import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneException;
import dev.carnation.scene.SceneLoader;
import dev.carnation.scene.io.Assets;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The scene argument and asset root shared by commands that read a scene. */
final class SceneOptions {
    @Parameters(index = "0", paramLabel = "SCENE", description = "Scene file (JSON).")
    Path scene;

    @Option(names = "--assets", paramLabel = "DIR",
            description = "Asset root for relative file names (default: $CARNATION_ASSETS, else the launcher's ../shared/assets).")
    Path assets;

    Scene load(PrintWriter err) {
        if (!Files.isRegularFile(scene)) {
            throw new SceneException(scene + ": scene file not found");
        }
        Path root = Assets.defaultRoot(assets);
        if (assets != null && !Files.isDirectory(assets)) {
            throw new SceneException("--assets: " + assets + " is not a directory");
        }
        Scene s = SceneLoader.load(scene, root);
        for (String w : s.warnings()) {
            err.println("warning: " + w);
        }
        return s;
    }
}
