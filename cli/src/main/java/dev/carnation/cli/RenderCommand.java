package dev.carnation.cli;

import dev.carnation.integrator.Outputs;
import dev.carnation.integrator.Renderer;
import dev.carnation.integrator.backend.Backend;
import dev.carnation.integrator.backend.BackendException;
import dev.carnation.integrator.backend.Backends;
import dev.carnation.integrator.film.Film;
import dev.carnation.integrator.film.ImageOutput;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.SceneException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render a scene progressively and write the image (and optional AOVs).")
final class RenderCommand implements Callable<Integer> {
    @Mixin
    SceneOptions sceneOptions;

    @Option(names = "--spp", paramLabel = "N", description = "Samples per pixel (default: the scene's render.spp).")
    Integer spp;

    @Option(names = "--time", paramLabel = "SECONDS", description = "Render for this long instead of a fixed spp.")
    Double time;

    @Mixin
    ImageSizeOptions size;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Output image: .png, .exr or .pfm (default: SCENE-NAME.png).")
    Path out;

    @Option(names = "--aov", paramLabel = "LIST", split = ",", description = "Extra outputs: albedo,normal,depth,alpha.")
    List<String> aovs = new ArrayList<>();

    @Mixin
    BackendOptions backendOptions;

    @Option(names = "--preview-every", paramLabel = "SECONDS", description = "Write NAME.preview.png this often while rendering.")
    double previewEvery;

    @Option(names = "--exposure", paramLabel = "STOPS", description = "Exposure adjustment for PNG (default: the scene's).")
    Double exposure;

    @Option(names = "--tonemap", paramLabel = "NAME", description = "aces, agx or none (default: the scene's).")
    String tonemap;

    @Option(names = "--seed", description = "Random seed (default: the scene's).")
    Integer seed;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        validateOptions();
        Scene scene = sceneOptions.load(err);
        RenderSettings rs = scene.render();
        rs = size.applyTo(rs);
        if (spp != null) {
            rs = rs.withSpp(spp);
        }
        rs = new RenderSettings(rs.width(), rs.height(), rs.spp(), rs.maxDepth(), rs.rrDepth(),
                seed != null ? seed : rs.seed(), rs.clamp(),
                exposure != null ? exposure : rs.exposure(), tonemap != null ? tonemap : rs.tonemap());
        Path output = out != null ? out : Path.of(baseName(sceneOptions.scene) + ".png");
        SceneBuffers buffers = SceneBuffers.pack(scene);
        Backends.Choice choice = backendOptions.choose(err);
        Path preview = Outputs.sibling(output.getFileName().toString().endsWith(".png") ? output
                : output.resolveSibling(baseName(output) + ".png"), "preview");
        Renderer.Options opt = new Renderer.Options(rs.spp(), time != null ? time : 0, previewEvery, Renderer.DEFAULT_RAY_EPS);
        Film film;
        try {
            film = renderOn(choice, scene, buffers, rs, opt, preview, err);
        } catch (BackendException e) {
            if (!"auto".equals(backendOptions.backend) || "jvm".equals(choice.provider().name())) {
                throw e;
            }
            err.println("warning: " + e.getMessage() + "; rendering on the JVM instead");
            Backends.Choice jvm = new Backends().select("jvm", null, err);
            film = renderOn(jvm, scene, buffers, rs, opt, preview, err);
        } finally {
            Files.deleteIfExists(preview);
        }
        List<Path> written = Outputs.write(film, output, aovs, rs.exposure(), rs.tonemap());
        long bad = film.nonFiniteSamples();
        if (bad > 0) {
            err.printf("warning: %,d non-finite samples were dropped (not added to the film)%n", bad);
        }
        err.printf("wrote %s%n", String.join(", ", written.stream().map(Path::toString).toList()));
        return 0;
    }

    private Film renderOn(Backends.Choice choice, Scene scene, SceneBuffers buffers, RenderSettings rs,
                          Renderer.Options opt, Path preview, PrintWriter err) {
        try (Backend backend = choice.open(backendOptions.threads());
             ProgressReporter progress = new ProgressReporter(err, quiet, rs, time)) {
            err.printf("rendering %s at %dx%d, %s on %s (%s)%n", sceneOptions.scene, rs.width(), rs.height(),
                    time != null ? time + " s" : rs.spp() + " spp", backend.name(), choice.reason());
            return Renderer.render(scene, buffers, rs, backend, opt, new Renderer.Listener() {
                @Override
                public void progress(Renderer.Progress p) {
                    progress.update(p);
                }

                @Override
                public void preview(Film f) {
                    try {
                        Outputs.write(f, preview, List.of(), rs.exposure(), rs.tonemap());
                    } catch (IOException e) {
                        throw new IllegalStateException("cannot write preview " + preview + ": " + e.getMessage());
                    }
                }
            });
        }
    }

    private void validateOptions() {
        if (spp != null && (spp < 1 || spp > RenderSettings.MAX_SPP)) {
            throw new SceneException("--spp: must be in [1, " + RenderSettings.MAX_SPP + "], got " + spp);
        }
        if (time != null && !(time > 0 && time < 1e7)) {
            throw new SceneException("--time: must be a positive number of seconds, got " + time);
        }
        size.validate();
        if (previewEvery < 0) {
            throw new SceneException("--preview-every: must be >= 0 seconds");
        }
        if (tonemap != null && !List.of("aces", "agx", "none").contains(tonemap)) {
            throw new SceneException("--tonemap: unknown \"" + tonemap + "\" (expected aces, agx or none)");
        }
        for (String a : aovs) {
            if (!Outputs.AOVS.contains(a)) {
                throw new SceneException("--aov: unknown \"" + a + "\" (expected " + String.join(", ", Outputs.AOVS) + ")");
            }
        }
        if (out != null) {
            if (ImageOutput.formatOf(out) == null) {
                throw new SceneException("--out: " + out + ": unsupported format (use .png, .exr or .pfm)");
            }
            Path dir = out.toAbsolutePath().getParent();
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new SceneException("--out: " + dir + " is not a directory");
            }
        }
    }

    static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Progress bar on stderr: spp done, elapsed, ETA, Msamples/s and Mrays/s. */
    static final class ProgressReporter implements AutoCloseable {
        private final ProgressBar bar;
        private final PrintWriter err;
        private final Double time;
        private Renderer.Progress last;

        ProgressReporter(PrintWriter err, boolean quiet, RenderSettings rs, Double time) {
            this.err = err;
            this.time = time;
            this.bar = quiet ? null : new ProgressBarBuilder()
                    .setTaskName(time != null ? "time" : "spp")
                    .setInitialMax(time != null ? (long) Math.ceil(time) : rs.spp())
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .continuousUpdate()
                    .setConsumer(new me.tongfei.progressbar.DelegatingProgressBarConsumer(s -> {
                        err.print("\r" + s);
                        err.flush();
                    }))
                    .build();
        }

        void update(Renderer.Progress p) {
            last = p;
            if (bar != null) {
                bar.stepTo(time != null ? (long) Math.min(Math.ceil(time), p.elapsedSeconds()) : p.spp());
                bar.setExtraMessage(String.format(" %d spp, %.2f Msamples/s, %.2f Mrays/s",
                        p.spp(), p.samplesPerSecond() / 1e6, p.raysPerSecond() / 1e6));
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                if (time != null && last != null) {
                    bar.stepTo(bar.getMax());
                }
                bar.close();
                err.println();
            }
            if (last != null) {
                err.printf("%d spp in %.2f s: %.3f Msamples/s, %.3f Mrays/s%n", last.spp(), last.elapsedSeconds(),
                        last.samplesPerSecond() / 1e6, last.raysPerSecond() / 1e6);
            }
        }
    }
}
