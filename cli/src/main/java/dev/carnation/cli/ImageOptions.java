package dev.carnation.cli;

import dev.carnation.integrator.Outputs;
import dev.carnation.integrator.film.ImageOutput;
import dev.carnation.integrator.output.OutputTargets;
import dev.carnation.scene.SceneException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** --out, --aov, --exposure and --tonemap: the image a render writes (render and Spark's job). */
public final class ImageOptions {
    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Output image: .png, .exr or .pfm (default: SCENE-NAME.png).")
    Path out;

    @Option(names = "--aov", paramLabel = "LIST", split = ",", description = "Extra outputs: albedo,normal,depth,alpha.")
    List<String> aovs = new ArrayList<>();

    @Option(names = "--exposure", paramLabel = "STOPS", description = "Exposure adjustment for PNG, in [-30, 30] (default: the scene's).")
    Double exposure;

    @Option(names = "--tonemap", paramLabel = "NAME", description = "aces, agx or none (default: the scene's).")
    String tonemap;

    public List<String> aovs() {
        return aovs;
    }

    public Double exposure() {
        return exposure;
    }

    public String tonemap() {
        return tonemap;
    }

    /** Refuses a bad value in one line naming the option, and drops repeated AOVs. */
    public void check() {
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
        aovs = aovs.stream().distinct().toList();
        if (out != null && ImageOutput.formatOf(out) == null) {
            throw new SceneException("--out: " + out + ": unsupported format (use .png, .exr or .pfm)");
        }
    }

    /** The image file: --out, else SCENE-NAME.png in the working directory. */
    public Path output(Path scene) {
        return out != null ? out : Path.of(baseName(scene) + ".png");
    }

    /** Adds the image and its AOV files, width x height, to the outputs checked before rendering. */
    public void addTo(OutputTargets t, Path output, int width, int height) {
        List<Path> images = Outputs.paths(output, aovs);
        t.add(out != null ? "--out" : "output (choose another with --out)", output, OutputTargets.Kind.IMAGE,
                OutputTargets.imageBytes(output, width, height, 4));
        for (int i = 1; i < images.size(); i++) {
            t.add("--aov " + aovs.get(i - 1), images.get(i), OutputTargets.Kind.IMAGE,
                    OutputTargets.imageBytes(images.get(i), width, height, 3));
        }
    }

    /** A file name without its extension. */
    public static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
