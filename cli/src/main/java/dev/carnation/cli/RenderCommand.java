package dev.carnation.cli;

import dev.carnation.integrator.Outputs;
import dev.carnation.integrator.Renderer;
import dev.carnation.integrator.TiledRender;
import dev.carnation.integrator.backend.Backend;
import dev.carnation.integrator.backend.BackendException;
import dev.carnation.integrator.backend.Backends;
import dev.carnation.integrator.film.Film;
import dev.carnation.integrator.film.ImageOutput;
import dev.carnation.integrator.output.Checkpoint;
import dev.carnation.integrator.output.OutputTargets;
import dev.carnation.scene.MemoryBudget;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.SceneException;
import dev.carnation.scene.Timings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render a scene progressively and write the image (and optional AOVs).",
            "Every option and output path is checked before rendering: an output may not replace one of the scene's "
                + "input files or a file that is not an image, and the image set is written all or nothing.",
            "Ctrl-C (SIGINT) or SIGTERM stops at the end of the current pass and writes the image from the samples "
                + "done so far (exit status 130 or 143); with --checkpoint the render can then be resumed."})
final class RenderCommand implements Callable<Integer> {
    static final double DEFAULT_CHECKPOINT_SECONDS = 300;

    @Mixin
    SceneOptions sceneOptions;

    @Option(names = "--spp", paramLabel = "N",
            description = "Samples per pixel (default: the scene's render.spp; with --resume, the checkpoint's).")
    Integer spp;

    @Option(names = "--time", paramLabel = "SECONDS",
            description = "Stop before this much time has passed. With --spp as well, the render stops at whichever limit comes first; without, it has no sample limit.")
    Double time;

    @Option(names = "--adaptive-threshold", paramLabel = "T",
            description = "Adaptive sampling: a pixel stops taking samples once the standard error of its mean, relative to the mean, "
                    + "is below T (e.g. 0.01); the render ends when every pixel has (default: the scene's render.adaptive_threshold; 0 = off).")
    Double adaptiveThreshold;

    @Option(names = "--adaptive-min-spp", paramLabel = "N",
            description = "Samples every pixel takes before adaptive sampling may stop it (default: the scene's render.adaptive_min_spp, else "
                    + RenderSettings.DEFAULT_ADAPTIVE_MIN_SPP + ").")
    Integer adaptiveMinSpp;

    @Mixin
    ImageSizeOptions size;

    @Mixin
    ImageOptions image;

    @Mixin
    BackendOptions backendOptions;

    @Option(names = "--tile-rows", paramLabel = "N",
            description = "Render the image in bands of N rows, one after another, keeping only each band's means: for images whose "
                    + "film does not fit the device or the heap (chosen automatically then). Same pixels as a whole-image render; "
                    + "not with --time, --preview-every, --checkpoint or --resume.")
    Integer tileRows;

    @Option(names = "--preview-every", paramLabel = "SECONDS", description = "Write NAME.preview.png this often while rendering.")
    double previewEvery;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Save the render's state to FILE every --every seconds, when interrupted, and at the end, for --resume.")
    Path checkpoint;

    @Option(names = "--every", paramLabel = "SECONDS",
            description = "Seconds between checkpoints (default: " + (int) DEFAULT_CHECKPOINT_SECONDS + ").")
    Double checkpointEvery;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the render saved in FILE up to --spp samples (size, seed and sample count default to the checkpoint's; "
                    + "the result is bit-identical to an uninterrupted render). Keeps checkpointing to FILE unless --checkpoint says otherwise.")
    Path resume;

    @Option(names = "--seed", description = "Random seed (default: the scene's).")
    Integer seed;

    @Option(names = {"-q", "--quiet"}, description = "No progress display.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"},
            description = "Say where the start-up time went (JVM start, scene parse, meshes, textures, BVH, packing, backend, kernel compile or cache, first pass).")
    boolean verbose;

    @Option(names = "--timings", paramLabel = "FILE.json", description = "Write the start-up phases (seconds) as JSON to FILE.")
    Path timingsFile;

    @ParentCommand
    Carnation parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Timings.beginCommand();
        validateOptions();
        // The scene loads (and packs) on another thread while the backend starts (TornadoVM's runtime
        // and device discovery take about as long): start-up is the longer of the two, not their sum.
        // Its warnings wait for it, so that a backend that cannot run still fails with one line, first.
        java.io.StringWriter loadNotes = new java.io.StringWriter();
        CompletableFuture<Scene> loading = CompletableFuture.supplyAsync(() -> sceneOptions.load(new PrintWriter(loadNotes, true)),
                BACKGROUND);
        CompletableFuture<SceneBuffers> packing = loading.thenApplyAsync(SceneBuffers::pack, BACKGROUND);
        Backends.Choice choice;
        try (Timings.Phase t = Timings.phase("backend init")) {
            choice = backendOptions.choose(err);
        }
        Checkpoint resumed = resume == null ? null : resumeFrom(resume);
        Scene scene = join(loading);
        err.print(loadNotes);
        err.flush();
        RenderSettings rs = settings(scene, resumed);
        Path output = image.output(sceneOptions.scene);
        Path preview = previewEvery > 0 ? Outputs.sibling(ImageOutput.formatOf(output) == ImageOutput.Format.PNG ? output
                : output.resolveSibling(ImageOptions.baseName(output) + ".png"), "preview") : null;
        Path checkpointFile = checkpoint != null ? checkpoint : resume;
        targets(output, preview, checkpointFile, rs).check(scene.inputs());

        SceneBuffers buffers = join(packing);
        Integer bands = tileRows;
        if (bands == null && !filmFits(scene, buffers, rs) && time == null && previewEvery == 0 && checkpointFile == null) {
            bands = TiledRender.rowsThatFit(scene, buffers, rs.width(), rs.height(), !image.aovs().isEmpty());
            err.printf("note: a %dx%d film does not fit the Java heap: rendering in bands of %d rows (--tile-rows)%n",
                    rs.width(), rs.height(), bands);
        }
        if (bands != null) {
            return renderTiled(scene, buffers, rs, choice, Math.min(bands, rs.height()), output, err);
        }
        MemoryBudget.checkFilm(scene, buffers, rs.width(), rs.height()); // before anything is printed or written
        Checkpoint.Identity identity = checkpointFile == null ? null
                : Checkpoint.Identity.of(scene.file().getFileName().toString(), buffers, rs,
                        Renderer.frameFloats(scene, rs, Renderer.DEFAULT_RAY_EPS));
        if (resumed != null) {
            checkResume(resumed, identity, rs.spp());
        }
        Renderer.Options opt = new Renderer.Options(rs.spp(), time != null ? time : 0, previewEvery,
                checkpointEvery != null ? checkpointEvery : DEFAULT_CHECKPOINT_SECONDS, Renderer.DEFAULT_RAY_EPS);
        Saver saver = checkpointFile == null ? null : new Saver(checkpointFile, identity, rs.spp(), err);
        Film start = resumed == null ? null : resumed.film();
        try (Interruption interruption = new Interruption(err, preview)) {
            Job job = new Job(scene, buffers, rs, opt, start, preview, saver, interruption);
            Film film;
            try {
                film = renderOn(job, choice, err);
            } catch (BackendException e) {
                if (!"auto".equals(backendOptions.backend) || "jvm".equals(choice.provider().name())) {
                    throw e;
                }
                err.println("warning: " + e.getMessage() + "; rendering on the JVM instead");
                film = renderOn(job, new Backends().select("jvm", null, err), err);
            } finally {
                Interruption.deleteQuietly(preview);
            }
            int rc = finish(film, output, rs, saver, interruption.requested(), err);
            reportTimings(err);
            return rc;
        }
    }

    /** Daemon threads: a load still running when a command fails does not keep the JVM alive. */
    private static final java.util.concurrent.Executor BACKGROUND = r -> {
        Thread t = new Thread(r, "carnation-scene-load");
        t.setDaemon(true);
        t.start();
    };

    /** The future's value, or what it threw, as it was thrown (not wrapped). */
    static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error er) {
                throw er;
            }
            throw e;
        }
    }

    private void reportTimings(PrintWriter err) {
        if (verbose) {
            err.println(Timings.line());
        }
        if (timingsFile != null) {
            try {
                java.nio.file.Files.writeString(timingsFile, Timings.json(java.util.Map.of("scene", sceneOptions.scene.toString())));
            } catch (IOException e) {
                err.println("warning: --timings: " + timingsFile + ": " + e.getMessage());
            }
        }
    }

    /** Writes the image set (and the final checkpoint) and says what was written. */
    private int finish(Film film, Path output, RenderSettings rs, Saver saver, boolean interrupted, PrintWriter err)
            throws IOException {
        long bad = film.nonFiniteSamples();
        if (bad > 0) {
            err.printf("warning: %,d non-finite samples were dropped (not added to the film)%n", bad);
        }
        if (film.spp() == 0) {
            err.println("interrupted before the first pass finished: nothing written");
            return Carnation.EXIT_INTERRUPTED;
        }
        List<Path> written;
        try {
            written = Outputs.write(film, output, image.aovs(), rs.exposure(), rs.tonemap());
        } catch (IOException e) {
            // The samples are not lost with the image: they can be written again from the checkpoint.
            if (saver != null && saver.save(film)) {
                err.println("checkpoint " + saver.file + " saved (" + film.spp() + " spp): write the image with --resume "
                        + saver.file);
            }
            throw e;
        }
        String files = String.join(", ", written.stream().map(Path::toString).toList());
        String saved = saver == null ? "" : saver.save(film)
                ? "; checkpoint " + saver.file + " (" + film.spp() + " spp): continue with --resume " + saver.file : "";
        if (interrupted) {
            String of = film.spp() < rs.spp() && rs.spp() < RenderSettings.MAX_SPP ? " of " + rs.spp() : "";
            err.printf("interrupted: wrote %s from %d%s spp%s%n", files, film.spp(), of, saved);
            return Carnation.EXIT_INTERRUPTED;
        }
        err.printf("wrote %s%s%n", files, saved);
        return 0;
    }

    private static boolean filmFits(Scene scene, SceneBuffers buffers, RenderSettings rs) {
        try {
            MemoryBudget.checkFilm(scene, buffers, rs.width(), rs.height());
            return true;
        } catch (SceneException e) {
            return false;
        }
    }

    /** --tile-rows: band after band, each to its full sample count, then the image of means. */
    private int renderTiled(Scene scene, SceneBuffers buffers, RenderSettings rs, Backends.Choice choice, int rows, Path output,
                            PrintWriter err) throws IOException {
        Renderer.Options opt = Renderer.Options.samples(rs.spp());
        TiledRender.Image means;
        Backend opened;
        try (Timings.Phase t = Timings.phase("backend init")) {
            opened = choice.open(backendOptions.threads());
        }
        long t0 = System.nanoTime();
        try (Backend backend = opened; Interruption interruption = new Interruption(err, null)) {
            err.printf("rendering %s at %dx%d, %d spp%s on %s (%s), in bands of %d rows%n", sceneOptions.scene, rs.width(), rs.height(),
                    rs.spp(), describe(rs), backend.name(), choice.reason(), rows);
            means = TiledRender.render(scene, buffers, rs, backend, opt, rows, !image.aovs().isEmpty(), new Renderer.Listener() {
                @Override
                public boolean stopRequested() {
                    return interruption.requested();
                }
            }, (band, count, film) -> {
                if (!quiet) {
                    double s = (System.nanoTime() - t0) / 1e9;
                    err.printf("band %d/%d done, %.1f s, ETA %.1f s%n", band + 1, count, s, s / (band + 1) * (count - band - 1));
                }
            });
            if (interruption.requested()) {
                err.println("interrupted: a tiled render writes nothing until every band is done");
                return Carnation.EXIT_INTERRUPTED;
            }
        }
        if (means.nonFiniteSamples() > 0) {
            err.printf("warning: %,d non-finite samples were dropped (not added to the film)%n", means.nonFiniteSamples());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Path> written = Outputs.write(means, output, image.aovs(), rs.exposure(), rs.tonemap());
        err.printf("%d spp in %.2f s: %.3f Msamples/s, %.3f Mrays/s%n", rs.spp(), seconds,
                (double) rs.width() * rs.height() * rs.spp() / seconds / 1e6, means.rays() / seconds / 1e6);
        err.printf("wrote %s%n", String.join(", ", written.stream().map(Path::toString).toList()));
        return 0;
    }

    /** What a render attempt needs, so that the auto fallback can repeat it on the JVM. */
    private record Job(Scene scene, SceneBuffers buffers, RenderSettings rs, Renderer.Options opt, Film start,
                       Path preview, Saver saver, Interruption interruption) {}

    /** Saves checkpoints; a failed save is a warning, since the render itself can go on. */
    private record Saver(Path file, Checkpoint.Identity identity, int targetSpp, PrintWriter err) {
        boolean save(Film film) {
            try {
                new Checkpoint(identity, targetSpp, film).save(file);
                return true;
            } catch (IOException e) {
                err.println("warning: checkpoint not saved: " + e.getMessage());
                return false;
            }
        }
    }

    private Film renderOn(Job job, Backends.Choice choice, PrintWriter err) {
        RenderSettings rs = job.rs;
        ProgressReporter.Mode mode = quiet ? ProgressReporter.Mode.QUIET
                : parent.stderrTerminal ? ProgressReporter.Mode.BAR : ProgressReporter.Mode.LINES;
        ProgressReporter.Limits limits = new ProgressReporter.Limits(rs.spp() < RenderSettings.MAX_SPP || time == null ? rs.spp() : 0,
                time != null ? time : 0);
        Backend opened;
        try (Timings.Phase t = Timings.phase("backend init")) {
            opened = choice.open(backendOptions.threads());
        }
        try (Backend backend = opened;
             ProgressReporter progress = new ProgressReporter(err, mode, limits)) {
            err.printf("rendering %s at %dx%d, %s%s on %s (%s)%n", sceneOptions.scene, rs.width(), rs.height(),
                    describe(limits, job.start), describe(rs), backend.name(), choice.reason());
            return Renderer.render(job.scene, job.buffers, rs, backend, job.opt, job.start, new Renderer.Listener() {
                private boolean previewFailed;

                @Override
                public void progress(Renderer.Progress p) {
                    progress.update(p);
                }

                @Override
                public void preview(Film f) {
                    if (previewFailed) {
                        return;
                    }
                    try {
                        Outputs.write(f, job.preview, List.of(), rs.exposure(), rs.tonemap());
                    } catch (IOException e) {
                        previewFailed = true;
                        err.println("warning: no more previews: " + e.getMessage());
                    }
                }

                @Override
                public void checkpoint(Film f) {
                    if (job.saver != null) {
                        job.saver.save(f);
                    }
                }

                @Override
                public boolean stopRequested() {
                    return job.interruption.requested();
                }
            });
        }
    }

    private static String describe(ProgressReporter.Limits limits, Film start) {
        String what = limits.spp() == 0 ? limits.seconds() + " s"
                : limits.seconds() == 0 ? limits.spp() + " spp"
                : limits.spp() + " spp or " + limits.seconds() + " s, whichever comes first";
        return start == null ? what : what + ", resumed from " + start.spp() + " spp";
    }

    private static String describe(RenderSettings rs) {
        return rs.adaptive() ? String.format(", adaptive (threshold %s after %d spp)", rs.adaptiveThreshold(), rs.adaptiveMinSpp()) : "";
    }

    private void validateOptions() {
        if (spp != null && (spp < 1 || spp > RenderSettings.MAX_SPP)) {
            throw new SceneException("--spp: must be in [1, " + RenderSettings.MAX_SPP + "], got " + spp);
        }
        if (time != null && !(time > 0 && time < 1e7)) {
            throw new SceneException("--time: must be a positive number of seconds, got " + time);
        }
        if (adaptiveThreshold != null && !(adaptiveThreshold >= 0 && adaptiveThreshold <= 1e6)) {
            throw new SceneException("--adaptive-threshold: must be in [0, 1e6] (0 = off), got " + adaptiveThreshold);
        }
        if (adaptiveMinSpp != null && (adaptiveMinSpp < 2 || adaptiveMinSpp > RenderSettings.MAX_SPP)) {
            throw new SceneException("--adaptive-min-spp: must be in [2, " + RenderSettings.MAX_SPP + "] (a variance needs two samples), got "
                    + adaptiveMinSpp);
        }
        size.validate();
        if (!(previewEvery >= 0 && previewEvery < 1e7)) {
            throw new SceneException("--preview-every: must be >= 0 seconds, got " + previewEvery);
        }
        image.check();
        if (tileRows != null) {
            if (tileRows < 1) {
                throw new SceneException("--tile-rows: must be at least 1, got " + tileRows);
            }
            for (var other : List.of(java.util.Map.entry("--time", time != null), java.util.Map.entry("--preview-every", previewEvery > 0),
                    java.util.Map.entry("--checkpoint", checkpoint != null), java.util.Map.entry("--resume", resume != null))) {
                if (other.getValue()) {
                    throw new SceneException("--tile-rows: cannot be combined with " + other.getKey());
                }
            }
        }
        if (checkpointEvery != null) {
            if (checkpoint == null && resume == null) {
                throw new SceneException("--every: needs --checkpoint FILE (or --resume FILE)");
            }
            if (!(checkpointEvery > 0 && checkpointEvery < 1e7)) {
                throw new SceneException("--every: must be a positive number of seconds, got " + checkpointEvery);
            }
        }
    }

    private static Checkpoint resumeFrom(Path file) {
        try {
            return Checkpoint.load(file);
        } catch (SceneException e) {
            throw new SceneException("--resume: " + e.getMessage(), e);
        }
    }

    /** The scene's settings under the options; a resumed render takes its defaults from the checkpoint. */
    private RenderSettings settings(Scene scene, Checkpoint resumed) {
        RenderSettings rs = scene.render();
        if (resumed != null) {
            Checkpoint.Identity id = resumed.identity();
            rs = rs.withSize(id.width(), id.height());
            rs = new RenderSettings(rs.width(), rs.height(), resumed.targetSpp(), rs.maxDepth(), rs.rrDepth(), id.seed(),
                    rs.clamp(), rs.exposure(), rs.tonemap(), id.adaptiveThreshold(),
                    id.adaptiveThreshold() > 0 ? id.adaptiveMinSpp() : rs.adaptiveMinSpp(), rs.textureFilter());
        }
        rs = size.applyTo(rs);
        int target = spp != null ? spp : time != null ? RenderSettings.MAX_SPP : rs.spp();
        return new RenderSettings(rs.width(), rs.height(), target, rs.maxDepth(), rs.rrDepth(),
                seed != null ? seed : rs.seed(), rs.clamp(),
                image.exposure() != null ? image.exposure() : rs.exposure(), image.tonemap() != null ? image.tonemap() : rs.tonemap(),
                adaptiveThreshold != null ? adaptiveThreshold : rs.adaptiveThreshold(),
                adaptiveMinSpp != null ? adaptiveMinSpp : rs.adaptiveMinSpp(), rs.textureFilter());
    }

    private OutputTargets targets(Path output, Path preview, Path checkpointFile, RenderSettings rs) {
        int w = rs.width();
        int h = rs.height();
        OutputTargets t = new OutputTargets();
        image.addTo(t, output, w, h);
        if (preview != null) {
            t.add("--preview-every (preview image)", preview, OutputTargets.Kind.IMAGE, OutputTargets.imageBytes(preview, w, h, 3));
        }
        if (checkpointFile != null) {
            t.add(checkpoint != null ? "--checkpoint" : "--resume", checkpointFile, OutputTargets.Kind.CHECKPOINT,
                    Checkpoint.bytes(w, h));
        }
        return t;
    }

    private void checkResume(Checkpoint resumed, Checkpoint.Identity current, int target) {
        String why = resumed.identity().mismatch(current);
        if (why != null) {
            throw new SceneException("--resume: " + resume + ": " + why);
        }
        if (resumed.film().spp() > target) {
            throw new SceneException("--resume: " + resume + ": already has " + resumed.film().spp()
                    + " spp, more than the " + target + " asked for");
        }
    }

}
