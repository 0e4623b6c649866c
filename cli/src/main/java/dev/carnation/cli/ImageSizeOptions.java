package dev.carnation.cli;

import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.SceneException;
import picocli.CommandLine.Option;

/** --width and --height, shared by the commands that render (and the Spark job): validated, and applied over the scene's. */
public final class ImageSizeOptions {
    @Option(names = "--width", paramLabel = "W", description = "Image width in pixels (default: the scene's).")
    Integer width;

    @Option(names = "--height", paramLabel = "H", description = "Image height in pixels (default: the scene's).")
    Integer height;

    public void validate() {
        check("--width", width);
        check("--height", height);
    }

    public RenderSettings applyTo(RenderSettings rs) {
        validate();
        return rs.withSize(width != null ? width : rs.width(), height != null ? height : rs.height());
    }

    private static void check(String name, Integer v) {
        if (v != null && (v < 1 || v > RenderSettings.MAX_SIDE)) {
            throw new SceneException(name + ": must be in [1, " + RenderSettings.MAX_SIDE + "], got " + v);
        }
    }
}
