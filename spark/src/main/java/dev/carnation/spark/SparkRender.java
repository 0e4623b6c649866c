package dev.carnation.spark;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.cli.Carnation;
import dev.carnation.cli.ImageOptions;
import dev.carnation.cli.ImageSizeOptions;
import dev.carnation.cli.SceneOptions;
import dev.carnation.integrator.Outputs;
import dev.carnation.integrator.WorkUnit;
import dev.carnation.integrator.film.Film;
import dev.carnation.integrator.output.OutputTargets;
import dev.carnation.scene.MemoryBudget;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.SceneException;
import dev.carnation.scene.io.Assets;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Renders a scene on a Spark cluster: the driver plans the image's work units (sample blocks x row
 * bands), runs one task per unit on the executors and merges the units in block order as they come
 * back, so the image is bit-identical to `carnation render` on one JVM, whatever the cluster, the
 * order tasks finish in or the tasks Spark runs again (docs/scale-out.md).
 *
 * <pre>spark-submit --class dev.carnation.spark.SparkRender carnation-spark.jar SCENE [options]</pre>
 */
@Command(name = "carnation-spark", mixinStandardHelpOptions = true, version = "carnation 0.1.0",
        description = {"Render a scene as Apache Spark tasks and write the image (and optional AOVs), bit-identical to 'carnation render'.",
            "Run through spark-submit (--master there or here; without one, local[*]). Conf keys: spark.carnation.device "
                + "(the executors' device: jvm (default), auto, tornado or an id), spark.task.cpus (JVM threads per task)."})
public final class SparkRender implements Callable<Integer> {
    /** Most bytes a unit's film may take (172 per pixel): results travel through the driver's memory. */
    static final long UNIT_BYTES = 8L << 20;
    static final String CONF_DEVICE = "spark.carnation.device";
    static final String CONF_FAIL_ONCE = "spark.carnation.test.failOnce";

    @Mixin
    SceneOptions sceneOptions;

    @Option(names = "--spp", paramLabel = "N", description = "Samples per pixel (default: the scene's render.spp).")
    Integer spp;

    @Mixin
    ImageSizeOptions size;

    @Mixin
    ImageOptions image;

    @Option(names = "--seed", description = "Random seed (default: the scene's).")
    Integer seed;

    @Option(names = "--band-rows", paramLabel = "N",
            description = "Image rows per task (default: as many as keep a task's film under 8 MiB, in bands of equal height).")
    Integer bandRows;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark-submit's --master, else local[*]).")
    String master;

    @Option(names = "--device", paramLabel = "ID",
            description = "Where executors render: jvm (default), auto (a TornadoVM GPU where there is one), tornado or a device id; "
                    + "default: conf " + CONF_DEVICE + ".")
    String device;

    @Option(names = "--threads", paramLabel = "N", description = "JVM backend threads per task (default: spark.task.cpus, else 1).")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Keep Spark's INFO log (default: warnings only once Spark has started).")
    boolean verbose;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the job in this JVM and returns the exit status: 0, 1 (failure) or 2 (bad input). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new SparkRender());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof SceneException) {
                err.println("error: " + e.getMessage());
                return Carnation.EXIT_INPUT;
            }
            if (System.getenv("CARNATION_DEBUG") != null) {
                e.printStackTrace(err);
            }
            err.println("error: " + message(e));
            return Carnation.EXIT_FAILURE;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("error: " + e.getMessage());
            err.println("Try 'carnation-spark --help'.");
            return Carnation.EXIT_INPUT;
        });
        int rc = cl.execute(args);
        err.flush();
        out.flush();
        return rc;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        validateOptions();
        SparkConf conf = new SparkConf(); // spark-submit's --master and --conf arrive as spark.* system properties
        if (master != null) {
            conf.setMaster(master);
        }
        conf.setIfMissing("spark.master", "local[*]");
        Path given = sceneOptions.scene();
        conf.setIfMissing("spark.app.name", "carnation " + given.getFileName());
        // Results are merged as they arrive, never held all at once: the total may exceed Spark's
        // default 1 GiB cap on an action's results (a 4K image at 1024 spp is 90 GiB of units).
        conf.setIfMissing("spark.driver.maxResultSize", "0");
        String shipped = shippedName(conf, given);
        Path root = Assets.defaultRoot(sceneOptions.assets());
        if (!Files.isRegularFile(given) && shipped == null) {
            throw new SceneException(given + ": scene file not found (give a path on the driver, or ship it with spark-submit --files)");
        }

        // The scene loads (and the outputs and memory are checked) before Spark starts where the
        // driver has the file, so that bad input is one line and no Spark start-up.
        Driver d = Files.isRegularFile(given) ? driver(given, sceneOptions.load(err)) : null;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            if (!verbose) {
                sc.setLogLevel("WARN");
            }
            if (d == null) {
                Path file = Path.of(SparkFiles.get(shipped)); // cluster deploy mode: the driver has only the shipped copy
                d = driver(file, sceneOptions.load(file, err));
            }
            Scene scene = d.scene();
            RenderSettings rs = d.rs();
            Path output = d.output();
            String dev = device != null ? device : conf.get(CONF_DEVICE, null);
            int taskThreads = threads != null ? threads : conf.getInt("spark.task.cpus", 1);
            RenderJob job = RenderJob.of(d.file(), shipped, root != null && Files.isDirectory(root) ? root : null, scene, d.buffers(), rs,
                    dev, taskThreads).withFailOnce(conf.getInt(CONF_FAIL_ONCE, -1));
            int rows = bandRows != null ? Math.min(bandRows, rs.height()) : defaultBandRows(rs.width(), rs.height());
            List<WorkUnit> plan = WorkUnit.plan(rs.spp(), rs.height(), rows);
            int bands = (rs.height() + rows - 1) / rows;
            err.printf("rendering %s at %dx%d, %d spp on Spark %s: %d tasks (%d band%s of %d rows x %d sample blocks), "
                            + "%s with %d thread%s per task%n", given, rs.width(), rs.height(), rs.spp(), sc.master(), plan.size(),
                    bands, bands == 1 ? "" : "s", rows, plan.size() / bands, dev == null ? "JVM backend" : "device " + dev,
                    taskThreads, taskThreads == 1 ? "" : "s");
            long t0 = System.nanoTime();
            Result r = render(sc, job, plan, quiet ? null : new LineProgress(err, plan.size(), t0));
            double seconds = (System.nanoTime() - t0) / 1e9;
            err.println(r.summary(seconds));
            long bad = r.film().nonFiniteSamples();
            if (bad > 0) {
                err.printf("warning: %,d non-finite samples were dropped (not added to the film)%n", bad);
            }
            List<Path> written = Outputs.write(r.film(), output, image.aovs(), rs.exposure(), rs.tonemap());
            err.println("wrote " + String.join(", ", written.stream().map(Path::toString).toList()));
            return 0;
        }
    }

    /** The driver's scene, settings and output, checked. */
    private record Driver(Path file, Scene scene, RenderSettings rs, SceneBuffers buffers, Path output) {}

    private Driver driver(Path file, Scene scene) {
        RenderSettings rs = settings(scene);
        Path output = image.output(sceneOptions.scene());
        targets(output, rs).check(scene.inputs());
        SceneBuffers buffers = SceneBuffers.pack(scene);
        try {
            // The driver holds the whole film while units arrive (it is not tiled here).
            MemoryBudget.checkFilm(scene, buffers, rs.width(), rs.height());
        } catch (SceneException e) {
            throw new SceneException(e.getMessage().replace("CARNATION_JAVA_OPTS=-Xmx16g", "spark-submit --driver-memory 16g"), e);
        }
        return new Driver(file, scene, rs, buffers, output);
    }

    /** How a unit went, without its film. */
    public record TaskReport(int index, WorkUnit unit, int attempt, String executor, double seconds) {}

    /** The merged film and what each task did. */
    public record Result(Film film, List<TaskReport> tasks, int peakWaiting) {
        /** Units whose result came from a second or later attempt. */
        public List<TaskReport> retried() {
            return tasks.stream().filter(t -> t.attempt() > 0).toList();
        }

        String summary(double seconds) {
            long executors = tasks.stream().map(TaskReport::executor).distinct().count();
            double taskSeconds = tasks.stream().mapToDouble(TaskReport::seconds).sum();
            List<TaskReport> again = retried();
            return String.format("spark: %d tasks in %.2f s on %d executor%s (%.2f task-seconds)%s; at most %d unit%s waited for an "
                            + "earlier block", tasks.size(), seconds, executors, executors == 1 ? "" : "s", taskSeconds,
                    again.isEmpty() ? "" : ", " + again.size() + " retried (units " + String.join(", ",
                            again.stream().map(t -> t.index() + " attempt " + (t.attempt() + 1)).toList()) + ")",
                    peakWaiting, peakWaiting == 1 ? "" : "s");
        }
    }

    /** Told on the driver each time a unit has been merged. */
    public interface Progress {
        void merged(int done);
    }

    /**
     * Renders the plan's units as Spark tasks, one per partition, and merges each as its task
     * finishes (Spark's result handler, on the driver), so the driver holds the film and the few
     * units waiting for an earlier block, never every result at once.
     */
    public static Result render(JavaSparkContext sc, RenderJob job, List<WorkUnit> plan, Progress progress) {
        List<IndexedUnit> units = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            units.add(new IndexedUnit(i, plan.get(i)));
        }
        JavaRDD<IndexedUnit> rdd = sc.parallelize(units, units.size());
        BlockMerger merger = new BlockMerger(job.width(), job.height(), job.spp(), plan);
        TaskReport[] reports = new TaskReport[plan.size()];
        sc.sc().runJob(rdd.rdd(), new UnitTask(job), new AbstractFunction2<Object, UnitResult, BoxedUnit>() {
            @Override
            public BoxedUnit apply(Object partition, UnitResult r) {
                reports[r.index()] = new TaskReport(r.index(), r.unit(), r.attempt(), r.executor(), r.seconds());
                int done = merger.accept(r);
                if (progress != null) {
                    progress.merged(done);
                }
                return BoxedUnit.UNIT;
            }
        }, scala.reflect.ClassTag$.MODULE$.apply(UnitResult.class));
        return new Result(merger.film(), List.of(reports), merger.peakWaiting());
    }

    /** A task: renders its partition's one unit on the executor. */
    static final class UnitTask extends AbstractFunction2<TaskContext, scala.collection.Iterator<IndexedUnit>, UnitResult>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final RenderJob job;

        UnitTask(RenderJob job) {
            this.job = job;
        }

        @Override
        public UnitResult apply(TaskContext ctx, scala.collection.Iterator<IndexedUnit> it) {
            IndexedUnit u = it.next();
            if (it.hasNext()) {
                throw new IllegalStateException("a partition holds more than one unit");
            }
            return ExecutorSide.render(job, u, ctx);
        }
    }

    /** One line every 10 % of the units (or each unit when there are few), never a redrawn bar: Spark logs too. */
    private static final class LineProgress implements Progress {
        private final PrintWriter err;
        private final int total;
        private final long t0;
        private int lastTenth;

        LineProgress(PrintWriter err, int total, long t0) {
            this.err = err;
            this.total = total;
            this.t0 = t0;
        }

        @Override
        public void merged(int done) {
            int tenth = done * 10 / total;
            if (tenth > lastTenth && done < total) {
                lastTenth = tenth;
                double s = (System.nanoTime() - t0) / 1e9;
                err.printf("spark: %d/%d units merged (%d %%), %.1f s, ETA %.0f s%n", done, total, done * 100 / total, s,
                        s * (total - done) / done);
                err.flush();
            }
        }
    }

    /**
     * Band height for a width x height image: bands of equal height (within a row), as few as keep
     * a unit's film (what a task sends back) under UNIT_BYTES.
     */
    static int defaultBandRows(int width, int height) {
        long perPixel = (long) ACC_STRIDE * Double.BYTES + (long) AOV_STRIDE * Float.BYTES + (long) STAT_STRIDE * Integer.BYTES;
        long maxRows = Math.max(1, UNIT_BYTES / (perPixel * width));
        long bands = (height + maxRows - 1) / maxRows;
        return (int) ((height + bands - 1) / bands);
    }

    /** The file name of the scene if spark-submit --files shipped a file of that name, else null. */
    static String shippedName(SparkConf conf, Path scene) {
        String name = scene.getFileName().toString();
        for (String f : conf.get("spark.files", "").split(",")) {
            String t = f.strip();
            if (!t.isEmpty() && t.substring(t.lastIndexOf('/') + 1).equals(name)) {
                return name;
            }
        }
        return null;
    }

    private void validateOptions() {
        if (spp != null && (spp < 1 || spp > RenderSettings.MAX_SPP)) {
            throw new SceneException("--spp: must be in [1, " + RenderSettings.MAX_SPP + "], got " + spp);
        }
        size.validate();
        if (bandRows != null && (bandRows < 1 || bandRows > RenderSettings.MAX_SIDE)) {
            throw new SceneException("--band-rows: must be in [1, " + RenderSettings.MAX_SIDE + "], got " + bandRows);
        }
        if (threads != null && (threads < 1 || threads > 4096)) {
            throw new SceneException("--threads: must be in [1, 4096], got " + threads);
        }
        image.check();
    }

    /** The scene's settings under the options, as render takes them (adaptive sampling is not split into units). */
    private RenderSettings settings(Scene scene) {
        RenderSettings rs = size.applyTo(scene.render());
        if (rs.adaptive()) {
            spec.commandLine().getErr().println("warning: adaptive sampling is not available on Spark; every pixel takes all "
                    + (spp != null ? spp : rs.spp()) + " samples");
        }
        return new RenderSettings(rs.width(), rs.height(), spp != null ? spp : rs.spp(), rs.maxDepth(), rs.rrDepth(),
                seed != null ? seed : rs.seed(), rs.clamp(), image.exposure() != null ? image.exposure() : rs.exposure(),
                image.tonemap() != null ? image.tonemap() : rs.tonemap(), 0, rs.adaptiveMinSpp(), rs.textureFilter());
    }

    private OutputTargets targets(Path output, RenderSettings rs) {
        OutputTargets t = new OutputTargets();
        image.addTo(t, output, rs.width(), rs.height());
        return t;
    }

    /** Matches the line Spark ends a job with when a task has failed too often. */
    private static final Pattern TASK_FAILURE = Pattern.compile(
            "Task (\\d+) in stage \\S+ failed (\\d+) times?, most recent failure: Lost task \\S+ in stage \\S+ \\(TID \\d+\\) \\(([^)]*)\\): "
                    + "([\\w.$]+): (.*)");

    /**
     * One line for a failure: a task that failed more often than Spark retries is "unit N failed M
     * times on HOST: what the executor said", not Spark's multi-line report.
     */
    static String message(Throwable t) {
        String first = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
        Matcher m = TASK_FAILURE.matcher(first);
        if (m.find()) {
            String cls = m.group(4);
            String what = cls.endsWith("SceneException") ? m.group(5) : cls.substring(cls.lastIndexOf('.') + 1) + ": " + m.group(5);
            return "Spark task for unit " + m.group(1) + " failed " + m.group(2) + " time" + ("1".equals(m.group(2)) ? "" : "s")
                    + " (" + m.group(3) + "): " + what;
        }
        return t.getMessage() != null ? first : t.getClass().getSimpleName() + " (CARNATION_DEBUG=1 prints where)";
    }
}
