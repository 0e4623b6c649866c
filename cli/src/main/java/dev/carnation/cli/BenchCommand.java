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
            var tree = new ObjectMapper().readTree(fromJson.toFile()).get("results");
            List<Result> old = new ArrayList<>();
            for (var n : tree) {
                old.add(new ObjectMapper().treeToValue(n, Result.class));
            }
            writePlot(old);
            return 0;
        }
        // Kernel time from TornadoVM's profiler separates device time from transfers and host overhead.
        System.setProperty("carnation.tornado.profile", "true");
        if (scenes.isEmpty()) {
            scenes.add(Path.of("scenes/gold-studio.json"));
        }
        List<Map.Entry<BackendProvider, DeviceInfo>> targets = targets(err);
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
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
        }
        if (json != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("date", OffsetDateTime.now().toString());
            doc.put("machine", machine(nThreads));
            doc.put("command", "carnation " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
            doc.put("results", results);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), doc);
            err.println("wrote " + json);
        }
        if (plot != null) {
            writePlot(results);
        }
        return 0;
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
        try {
            BitmapEncoder.saveBitmap(chart, plot.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (Error | RuntimeException e) {
            // Headless hosts without fonts: the JSON holds the numbers; redraw with --from-json elsewhere.
            throw new IllegalStateException("--plot: cannot draw " + plot + " on this machine (" + Backends.oneLine(e)
                    + "); redraw it elsewhere with --from-json");
        }
        spec.commandLine().getErr().println("wrote " + plot);
    }

    static String trim(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }
}
