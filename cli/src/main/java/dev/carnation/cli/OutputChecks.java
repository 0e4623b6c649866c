package dev.carnation.cli;

import dev.carnation.integrator.Outputs;
import dev.carnation.integrator.film.ImageOutput;
import dev.carnation.scene.SceneException;
import java.nio.file.Path;
import java.util.List;

/** The checks of the image options that render and Spark's job share: --exposure, --tonemap, --aov, --out. */
public final class OutputChecks {
    private OutputChecks() {}

    /** Refuses a bad value in one line naming the option; returns the AOV list without repeats. */
    public static List<String> check(Double exposure, String tonemap, List<String> aovs, Path out) {
        if (exposure != null && !(exposure >= -30 && exposure <= 30)) {
            throw new SceneException("--exposure: must be a number of stops in [-30, 30], got " + exposure);
        }
        if (tonemap != null && !List.of("aces", "agx", "none").contains(tonemap)) {
            throw new SceneException("--tonemap: unknown \"" + tonemap + "\" (expected aces, agx or none)");
        }
        for (String a : aovs) {
            if (!Outputs.AOVS.contains(a)) {
                throw new SceneException("--aov: unknown \"" + a + "\" (expected " + String.join(", ", Outputs.AOVS) + ")");
            }
        }
        if (out != null && ImageOutput.formatOf(out) == null) {
            throw new SceneException("--out: " + out + ": unsupported format (use .png, .exr or .pfm)");
        }
        return aovs.stream().distinct().toList();
    }
}
