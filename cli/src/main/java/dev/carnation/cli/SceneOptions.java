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

/**
 * The scene argument and asset root shared by commands that read a scene (public for the Spark
 * job, which takes the same arguments as render).
 */
public final class SceneOptions {
    @Parameters(index = "0", paramLabel = "SCENE", description = "Scene file (JSON).")
    Path scene;

    @Option(names = "--assets", paramLabel = "DIR",
            description = "Asset root for relative file names (default: $CARNATION_ASSETS, else the launcher's ../shared/assets).")
    Path assets;

    /** The scene file as given. */
    public Path scene() {
        return scene;
    }

    /** --assets as given, or null. */
    public Path assets() {
        return assets;
    }

    public Scene load(PrintWriter err) {
        return load(scene, err);
    }

    /** Loads another copy of the scene (a Spark job's, shipped with --files) with these options. */
    public Scene load(Path scene, PrintWriter err) {
        if (!Files.isRegularFile(scene)) {
            throw new SceneException(scene + ": scene file not found");
        }
        Path root = Assets.defaultRoot(assets);
        // Not an error: a scene may need nothing from the asset root (the default scene does not),
        // and one that does says which file it could not find and where it looked.
        if (root != null && !Files.isDirectory(root)) {
            err.println("warning: the asset root " + root + " is not a directory; files resolve next to the scene only");
            root = null;
        }
        Scene s = SceneLoader.load(scene, root);
        for (String w : s.warnings()) {
            err.println("warning: " + w);
        }
        return s;
    }
}
