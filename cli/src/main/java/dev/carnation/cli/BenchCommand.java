package dev.carnation.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.carnation.integrator.Renderer;
import dev.carnation.integrator.backend.Backend;
import dev.carnation.integrator.backend.BackendException;
import dev.carnation.integrator.backend.BackendProvider;
import dev.carnation.integrator.backend.Backends;
import dev.carnation.integrator.backend.DeviceInfo;
import dev.carnation.integrator.film.Film;
import dev.carnation.scene.MemoryBudget;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.SceneException;
import dev.carnation.scene.SceneLoader;
import dev.carnation.scene.io.Assets;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark scenes on the JVM and TornadoVM devices: first-frame time (JIT included),",
            "ms per spp, Msamples/s, Mrays/s (camera, bounce and shadow rays) and speedup over the JVM backend."})
final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENES", arity = "0..*", description = "Scene files (default: scenes/gold-studio.json).")
    List<Path> scenes = new ArrayList<>();

    @Option(names = "--devices", paramLabel = "all|ID,...", defaultValue = "all", description = "Devices to run (default: ${DEFAULT-VALUE}); the JVM always runs as the baseline.")
    String devices;

    @Option(names = "--no-baseline", description = "Skip the JVM baseline (long GPU runs; no speedups over the JVM then).")
    boolean noBaseline;

    @Option(names = "--group", description = {"Also render on all the listed devices at once (a device group, block by block;",
        "JVM included only when listed) and report its scaling over the fastest single device."})
    boolean group;

    @Option(names = "--spp", paramLabel = "N", defaultValue = "16", description = "Timed samples per pixel (default: ${DEFAULT-VALUE}).")
    int spp;

    @Mixin
    ImageSizeOptions size;

    @Option(names = "--threads", paramLabel = "N", description = "JVM backend threads (default: all cores).")
    Integer threads;

    @Option(names = "--json", paramLabel = "FILE", description = "Write results, machine and date as JSON.")
    Path json;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Write a bar chart of Msamples/s.")
    Path plot;

    @Option(names = "--assets", paramLabel = "DIR", description = "Asset root (see render --help).")
    Path assets;

    @Option(names = "--from-json", paramLabel = "FILE", description = "Only redraw --plot from an earlier --json file (e.g. from a GPU host without fonts).")
    Path fromJson;

    @Option(names = "--quality", description = {"Time to quality instead of throughput: per scene and device, the time to reach",
        "each --levels relMSE and the relMSE reached at each --times, against a converged reference (cached)."})
    boolean quality;

    @Option(names = "--reference-spp", paramLabel = "N", defaultValue = "4096", description = "--quality: samples of the reference (default: ${DEFAULT-VALUE}).")
    int referenceSpp;

    @Option(names = "--max-seconds", paramLabel = "S", defaultValue = "30", description = "--quality: longest run per device (default: ${DEFAULT-VALUE}).")
    double maxSeconds;

    @Option(names = "--levels", paramLabel = "E,...", split = ",", defaultValue = "1e-2,3e-3,1e-3", description = "--quality: relMSE levels (default: ${DEFAULT-VALUE}).")
    double[] levels;

    @Option(names = "--times", paramLabel = "S,...", split = ",", defaultValue = "1,3,10", description = "--quality: times in seconds (default: ${DEFAULT-VALUE}).")
    double[] times;

    @Option(names = "--reference-cache", paramLabel = "DIR", description = "--quality: where references are kept (default: ~/.cache/carnation/references).")
    Path referenceCache;

    @Spec
    CommandSpec spec;

    record Result(String scene, String device, String kind, String name, int width, int height, int spp,
                  double firstFrameSeconds, double msPerSpp, double msamplesPerSecond, double mraysPerSecond,
                  double raysPerSample, double kernelMsPerSpp, double speedupOverJvm) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (spp < 1 || spp > RenderSettings.MAX_SPP) {
            throw new SceneException("--spp: must be in [1, " + RenderSettings.MAX_SPP + "], got " + spp);
        }
        if (plot != null && !plot.toString().toLowerCase().endsWith(".png")) {
            throw new SceneException("--plot: " + plot + ": must be a .png file");
        }
        if (fromJson != null) {
            if (plot == null) {
                throw new SceneException("--from-json needs --plot FILE.png");
            }
            var doc = new ObjectMapper().readTree(fromJson.toFile());
            if (doc.has("curves")) {
                List<QualityBench.Curve> curves = new ArrayList<>();
                for (var n : doc.get("curves")) {
                    curves.add(new ObjectMapper().treeToValue(n, QualityBench.Curve.class));
                }
                writeQualityPlot(curves);
                return 0;
            }
            var tree = doc.get("results");
            List<Result> old = new ArrayList<>();
            for (var n : tree) {
                old.add(new ObjectMapper().treeToValue(n, Result.class));
            }
            writePlot(old);
            return 0;
        }
        if (scenes.isEmpty()) {
            scenes.add(Path.of("scenes/gold-studio.json"));
        }
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (quality) {
            return quality(out, err, nThreads);
        }
        // Kernel time from TornadoVM's profiler separates device time from transfers and host overhead.
        System.setProperty("carnation.tornado.profile", "true");
        List<Map.Entry<BackendProvider, DeviceInfo>> targets = targets(err);
        if (noBaseline) {
            targets = targets.stream().filter(t -> !t.getValue().id().equals("jvm")).toList();
        }
        List<Result> results = new ArrayList<>();
        out.printf("%-18s %-14s %-7s %-26s %10s %10s %10s %12s %10s %9s%n", "scene", "device", "kind", "name",
                "first (s)", "ms/spp", "kernel ms", "Msamples/s", "Mrays/s", "vs JVM");
        for (Path scenePath : scenes) {
            if (!Files.isRegularFile(scenePath)) {
                throw new SceneException(scenePath + ": scene file not found");
            }
            Scene scene = SceneLoader.load(scenePath, Assets.defaultRoot(assets));
            RenderSettings rs = scene.render();
            rs = size.applyTo(rs);
            SceneBuffers buffers = SceneBuffers.pack(scene);
            double jvmRate = 0;
            for (Map.Entry<BackendProvider, DeviceInfo> t : targets) {
                Result r;
                try {
                    r = measure(scenePath, scene, buffers, rs, t.getKey(), t.getValue(), nThreads);
                } catch (BackendException e) {
                    err.println("warning: " + e.getMessage() + " (skipped)");
                    continue;
                }
                if (t.getValue().id().equals("jvm")) {
                    jvmRate = r.msamplesPerSecond;
                }
                r = new Result(r.scene, r.device, r.kind, r.name, r.width, r.height, r.spp, r.firstFrameSeconds, r.msPerSpp,
                        r.msamplesPerSecond, r.mraysPerSecond, r.raysPerSample, r.kernelMsPerSpp,
                        jvmRate > 0 ? r.msamplesPerSecond / jvmRate : Double.NaN);
                results.add(r);
                out.printf("%-18s %-14s %-7s %-26s %10.2f %10.2f %10s %12.2f %10.2f %8.1fx%n", trim(r.scene, 18), r.device, r.kind,
                        trim(r.name, 26), r.firstFrameSeconds, r.msPerSpp,
                        Double.isNaN(r.kernelMsPerSpp) ? "-" : String.format("%.2f", r.kernelMsPerSpp),
                        r.msamplesPerSecond, r.mraysPerSecond, r.speedupOverJvm);
                out.flush();
            }
            if (group) {
                Result g = measureGroup(scenePath, scene, buffers, rs, targets, nThreads, jvmRate, err);
                if (g != null) {
                    results.add(g);
                    double best = results.stream().filter(r -> r.scene.equals(g.scene) && !r.device.equals("group"))
                            .mapToDouble(Result::msamplesPerSecond).max().orElse(Double.NaN);
                    out.printf("%-18s %-14s %-7s %-26s %10.2f %10.2f %10s %12.2f %10.2f %8.1fx  (%.2fx the fastest single device)%n",
                            trim(g.scene, 18), g.device, g.kind, trim(g.name, 26), g.firstFrameSeconds, g.msPerSpp, "-",
                            g.msamplesPerSecond, g.mraysPerSecond, g.speedupOverJvm, g.msamplesPerSecond / best);
                    out.flush();
                }
            }
        }
        writeJson(nThreads, Map.of("results", results));
        if (plot != null) {
            writePlot(results);
        }
        return 0;
    }

    private int quality(PrintWriter out, PrintWriter err, int nThreads) throws Exception {
        if (referenceSpp < 16 || referenceSpp > RenderSettings.MAX_SPP) {
            throw new SceneException("--reference-spp: must be in [16, " + RenderSettings.MAX_SPP + "], got " + referenceSpp);
        }
        if (!(maxSeconds > 0) || Double.isInfinite(maxSeconds)) {
            throw new SceneException("--max-seconds: must be a positive number, got " + maxSeconds);
        }
        for (double v : levels) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new SceneException("--levels: must be positive numbers, got " + v);
            }
        }
        for (double v : times) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new SceneException("--times: must be positive numbers, got " + v);
            }
        }
        Path cache = referenceCache != null ? referenceCache
                : Path.of(System.getProperty("user.home"), ".cache", "carnation", "references");
        List<Map.Entry<BackendProvider, DeviceInfo>> targets = targets(err);
        // The reference comes from the last device listed: the GPU when there is one.
        Map.Entry<BackendProvider, DeviceInfo> refDevice = targets.get(targets.size() - 1);
        List<QualityBench.Curve> curves = new ArrayList<>();
        StringBuilder head = new StringBuilder(String.format("%-18s %-14s %-7s %8s", "scene", "device", "kind", "setup s"));
        for (double l : levels) {
            head.append(String.format(" %12s", "s to " + shortNum(l)));
        }
        for (double t : times) {
            head.append(String.format(" %12s", "relMSE@" + shortNum(t) + "s"));
        }
        out.println(head);
        for (Path scenePath : scenes) {
            if (!Files.isRegularFile(scenePath)) {
                throw new SceneException(scenePath + ": scene file not found");
            }
            long l0 = System.nanoTime();
            Scene scene = SceneLoader.load(scenePath, Assets.defaultRoot(assets));
            RenderSettings rs = size.applyTo(scene.render());
            SceneBuffers buffers = SceneBuffers.pack(scene);
            double loadSeconds = (System.nanoTime() - l0) / 1e9;
            float[] ref;
            try (Backend b = refDevice.getKey().open(refDevice.getValue(), nThreads)) {
                ref = QualityBench.reference(scenePath, scene, buffers, rs, referenceSpp, b, cache, err);
            }
            for (Map.Entry<BackendProvider, DeviceInfo> t : targets) {
                QualityBench.Curve c;
                try {
                    c = QualityBench.measure(scenePath, scene, buffers, rs, loadSeconds, ref, referenceSpp, t.getKey(),
                            t.getValue(), nThreads, maxSeconds, Math.max(1, referenceSpp / 16), levels, times);
                } catch (BackendException e) {
                    err.println("warning: " + e.getMessage() + " (skipped)");
                    continue;
                }
                curves.add(c);
                StringBuilder line = new StringBuilder(String.format("%-18s %-14s %-7s %8.2f", trim(c.scene(), 18), c.device(), c.kind(),
                        c.points().isEmpty() ? Double.NaN : c.points().get(0).seconds()));
                for (double v : c.secondsToLevel()) {
                    line.append(String.format(" %12s", Double.isNaN(v) ? "-" : String.format("%.2f", v)));
                }
                for (double v : c.relMseAtTime()) {
                    line.append(String.format(" %12s", Double.isNaN(v) ? "-" : String.format("%.2e", v)));
                }
                out.println(line);
                out.flush();
            }
        }
        writeJson(nThreads, Map.of("metric", "relMSE = mean((x - ref)^2 / (ref^2 + 0.01)); seconds include scene load, device set-up and JIT",
                "curves", curves));
        if (plot != null) {
            writeQualityPlot(curves);
        }
        return 0;
    }

    /** --json: the date, the machine and the command, then body's entries. */
    private void writeJson(int nThreads, Map<String, Object> body) throws java.io.IOException {
        if (json == null) {
            return;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("date", OffsetDateTime.now().toString());
        doc.put("machine", machine(nThreads));
        doc.put("command", "carnation " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        doc.putAll(new java.util.TreeMap<>(body));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), doc);
        spec.commandLine().getErr().println("wrote " + json);
    }

    static String shortNum(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? String.valueOf((long) v) : String.format("%.0e", v).replace("e-0", "e-");
    }

    private void writeQualityPlot(List<QualityBench.Curve> curves) throws Exception {
        XYChart chart = new XYChartBuilder().width(900).height(600)
                .title("carnation: time to quality").xAxisTitle("seconds (set-up and JIT included)").yAxisTitle("relMSE").build();
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        for (QualityBench.Curve c : curves) {
            if (c.points().size() > 1) {
                chart.addSeries(c.scene() + " " + c.device() + " " + c.kind(),
                        c.points().stream().map(QualityBench.Point::seconds).toList(),
                        c.points().stream().map(QualityBench.Point::relMse).toList());
            }
        }
        save(chart);
    }

    private void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) throws Exception {
        try {
            BitmapEncoder.saveBitmap(chart, plot.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (Error | RuntimeException e) {
            // Headless hosts without fonts: the JSON holds the numbers; redraw with --from-json elsewhere.
            throw new IllegalStateException("--plot: cannot draw " + plot + " on this machine (" + Backends.oneLine(e)
                    + "); redraw it elsewhere with --from-json");
        }
        spec.commandLine().getErr().println("wrote " + plot);
    }

    private List<Map.Entry<BackendProvider, DeviceInfo>> targets(PrintWriter err) {
        Backends backends = new Backends();
        List<Map.Entry<BackendProvider, DeviceInfo>> all = new ArrayList<>();
        for (BackendProvider p : backends.providers()) {
            try {
                for (DeviceInfo d : p.devices()) {
                    all.add(Map.entry(p, d));
                }
            } catch (RuntimeException | LinkageError e) {
                err.println("warning: backend " + p.name() + " failed to start: " + Backends.oneLine(e));
            }
        }
        if (devices.equals("all")) {
            return all;
        }
        List<Map.Entry<BackendProvider, DeviceInfo>> picked = new ArrayList<>();
        picked.add(all.get(0)); // the JVM baseline
        for (String id : devices.split(",")) {
            if (id.equals("jvm")) {
                continue;
            }
            var match = all.stream().filter(e -> e.getValue().id().equals(id)).findFirst();
            if (match.isEmpty()) {
                throw new BackendException("--devices: no device \"" + id + "\" (list them with: carnation devices"
                        + (backends.provider("tornado") == null ? "; " + Backends.TORNADO_MISSING : "") + ")");
            }
            picked.add(match.get());
        }
        return picked;
    }

    private Result measure(Path scenePath, Scene scene, SceneBuffers buffers, RenderSettings rs, BackendProvider p,
                           DeviceInfo d, int nThreads) {
        int[] fi = Renderer.frameInts(rs);
        float[] ff = Renderer.frameFloats(scene, rs, Renderer.DEFAULT_RAY_EPS);
        long pixels = (long) rs.width() * rs.height();
        MemoryBudget.checkFilm(scene, buffers, rs.width(), rs.height()); // bench allocates its film itself, not through Renderer
        try (Backend b = p.open(d, nThreads)) {
            long t0 = System.nanoTime();
            b.prepare(buffers, rs.width(), rs.height());
            fi[dev.carnation.kernel.Layout.FI_SAMPLE_START] = 0;
            fi[dev.carnation.kernel.Layout.FI_SAMPLE_COUNT] = 1;
            b.renderPass(fi, ff);
            Film film = new Film(rs.width(), rs.height());
            b.read(film.accum(), film.aov(), film.stats());
            double first = (System.nanoTime() - t0) / 1e9;
            long k0 = b.kernelNanos();
            // Timed: spp more samples in passes of at most 4 spp, so slow devices still report progress.
            long t1 = System.nanoTime();
            int done = 0;
            while (done < spp) {
                int n = Math.min(4, spp - done);
                fi[dev.carnation.kernel.Layout.FI_SAMPLE_START] = 1 + done;
                fi[dev.carnation.kernel.Layout.FI_SAMPLE_COUNT] = n;
                b.renderPass(fi, ff);
                done += n;
            }
            b.read(film.accum(), film.aov(), film.stats());
            double seconds = (System.nanoTime() - t1) / 1e9;
            long k1 = b.kernelNanos();
            film.setSpp(1 + spp);
            double raysPerSample = (double) film.rays() / (pixels * (1 + spp));
            double msamples = pixels * spp / seconds / 1e6;
            double kernelMs = k0 >= 0 && k1 >= 0 ? (k1 - k0) / 1e6 / spp : Double.NaN;
            return new Result(scenePath.getFileName().toString(), d.id(), d.kind(), d.name(), rs.width(), rs.height(), spp,
                    first, seconds * 1000 / spp, msamples, msamples * raysPerSample, raysPerSample, kernelMs, Double.NaN);
        }
    }

    /**
     * The listed devices as one DeviceGroup (the JVM baseline only when --devices names it): a first
     * block, then the timed samples rounded up to whole blocks, in passes of two blocks per member.
     */
    private Result measureGroup(Path scenePath, Scene scene, SceneBuffers buffers, RenderSettings rs,
                                List<Map.Entry<BackendProvider, DeviceInfo>> targets, int nThreads, double jvmRate, PrintWriter err) {
        boolean withJvm = !devices.equals("all") && List.of(devices.split(",")).contains("jvm");
        List<Map.Entry<BackendProvider, DeviceInfo>> members = targets.stream()
                .filter(t -> withJvm || !t.getValue().id().equals("jvm")).toList();
        if (members.size() < 2) {
            err.println("warning: --group needs at least two devices (skipped)");
            return null;
        }
        int block = dev.carnation.kernel.Layout.BLOCK_SPP;
        int timed = (spp + block - 1) / block * block;
        int[] fi = Renderer.frameInts(rs);
        float[] ff = Renderer.frameFloats(scene, rs, Renderer.DEFAULT_RAY_EPS);
        long pixels = (long) rs.width() * rs.height();
        List<Backend> opened = new ArrayList<>();
        for (var m : members) {
            opened.add(m.getKey().open(m.getValue(), nThreads));
        }
        try (dev.carnation.integrator.backend.DeviceGroup g = new dev.carnation.integrator.backend.DeviceGroup(opened)) {
            long t0 = System.nanoTime();
            g.prepare(buffers, rs.width(), rs.height());
            fi[dev.carnation.kernel.Layout.FI_SAMPLE_START] = 0;
            fi[dev.carnation.kernel.Layout.FI_SAMPLE_COUNT] = block;
            g.renderPass(fi, ff);
            double first = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            for (int done = 0; done < timed; ) {
                int n = Math.min(g.preferredPassSamples(), timed - done);
                fi[dev.carnation.kernel.Layout.FI_SAMPLE_START] = block + done;
                fi[dev.carnation.kernel.Layout.FI_SAMPLE_COUNT] = n;
                g.renderPass(fi, ff);
                done += n;
            }
            Film film = new Film(rs.width(), rs.height());
            g.read(film.accum(), film.aov(), film.stats());
            double seconds = (System.nanoTime() - t1) / 1e9;
            double raysPerSample = (double) film.rays() / (pixels * (block + timed));
            double msamples = pixels * timed / seconds / 1e6;
            String ids = String.join(",", members.stream().map(m -> m.getValue().id()).toList());
            String kinds = String.join("+", members.stream().map(m -> m.getValue().kind()).distinct().toList());
            err.println("group " + ids + ": samples per member " + java.util.Arrays.toString(g.samplesRendered()) + "; " + g.timeReport());
            return new Result(scenePath.getFileName().toString(), "group", kinds, ids, rs.width(), rs.height(), timed, first,
                    seconds * 1000 / timed, msamples, msamples * raysPerSample, raysPerSample, Double.NaN,
                    jvmRate > 0 ? msamples / jvmRate : Double.NaN);
        }
    }

    static Map<String, Object> machine(int threads) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            m.put("host", java.net.InetAddress.getLocalHost().getHostName());
        } catch (Exception e) {
            m.put("host", "unknown");
        }
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("cpu", cpuModel());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("jvmThreads", threads);
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return m;
    }

    static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private void writePlot(List<Result> results) throws Exception {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500)
                .title("carnation: Msamples/s by device").xAxisTitle("scene").yAxisTitle("Msamples/s").build();
        Map<String, List<Result>> byDevice = new LinkedHashMap<>();
        for (Result r : results) {
            byDevice.computeIfAbsent(r.device + " " + r.kind + " " + trim(r.name, 24), k -> new ArrayList<>()).add(r);
        }
        for (var e : byDevice.entrySet()) {
            chart.addSeries(e.getKey(), e.getValue().stream().map(Result::scene).toList(),
                    e.getValue().stream().map(Result::msamplesPerSecond).toList());
        }
        save(chart);
    }

    static String trim(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }
}
