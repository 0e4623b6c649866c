package dev.carnation.cli;

import dev.carnation.integrator.Renderer;
import dev.carnation.integrator.backend.Backend;
import dev.carnation.integrator.backend.BackendException;
import dev.carnation.integrator.backend.Backends;
import dev.carnation.integrator.film.Film;
import dev.carnation.integrator.film.ImageComparison;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.SceneException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "parity", mixinStandardHelpOptions = true,
        description = {"Render on the JVM and on a TornadoVM device with the same seed and compare.",
            "Exit 0 when the image means agree within 0.1 %% and at least 99 %% of values agree within 1e-3 (relative), per channel."})
final class ParityCommand implements Callable<Integer> {
    static final double MEAN_TOLERANCE = 1e-3;
    static final double VALUE_TOLERANCE = 1e-3;
    static final double MIN_FRACTION = 0.99;

    @Mixin
    SceneOptions sceneOptions;

    @Option(names = "--spp", paramLabel = "N", defaultValue = "4", description = "Samples per pixel (default: ${DEFAULT-VALUE}).")
    int spp;

    @Mixin
    ImageSizeOptions size;

    @Option(names = "--device", paramLabel = "ID", description = "TornadoVM device (default: a GPU, else the first TornadoVM device).")
    String device;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (spp < 1 || spp > RenderSettings.MAX_SPP) {
            throw new SceneException("--spp: must be in [1, " + RenderSettings.MAX_SPP + "], got " + spp);
        }
        Scene scene = sceneOptions.load(err);
        RenderSettings rs = scene.render();
        rs = size.applyTo(rs).withSpp(spp);
        Backends backends = new Backends();
        Backends.Choice dev = backends.select(device == null ? "tornado" : "auto", device, err);
        if (dev.provider().name().equals("jvm")) {
            throw new BackendException("parity: --device must be a TornadoVM device, not the JVM");
        }
        Backends.Choice jvm = backends.select("jvm", null, err);
        SceneBuffers buffers = SceneBuffers.pack(scene);
        Film a = render(jvm, scene, buffers, rs, out);
        Film b = render(dev, scene, buffers, rs, out);
        ImageComparison c = ImageComparison.of(a.radiance(), b.radiance(), VALUE_TOLERANCE);
        out.printf("%-8s %14s %14s %12s %11s %13s %12s%n", "channel", "mean jvm", "mean device", "mean rel", "identical", "within 1e-3", "max diff");
        String[] names = {"R", "G", "B"};
        for (int ch = 0; ch < 3; ch++) {
            out.printf("%-8s %14.8g %14.8g %12.3e %10.2f%% %12.2f%% %12.4g%n", names[ch], c.meanA()[ch], c.meanB()[ch],
                    c.meanRelDiff()[ch], 100 * c.identical()[ch], 100 * c.withinTolerance()[ch], c.maxAbsDiff()[ch]);
        }
        out.printf("rays: jvm %,d, device %,d; non-finite samples: jvm %d, device %d%n", a.rays(), b.rays(),
                a.nonFiniteSamples(), b.nonFiniteSamples());
        boolean ok = c.agrees(MEAN_TOLERANCE, MIN_FRACTION);
        out.println(ok ? "parity OK" : "parity FAILED (means must agree within 0.1 %, and >= 99 % of values within 1e-3)");
        return ok ? 0 : 1;
    }

    static Film render(Backends.Choice choice, Scene scene, SceneBuffers buffers, RenderSettings rs, PrintWriter out) {
        long t0 = System.nanoTime();
        try (Backend backend = choice.open(Runtime.getRuntime().availableProcessors())) {
            Film f = Renderer.render(scene, buffers, rs, backend, Renderer.Options.samples(rs.spp()), new Renderer.Listener() {});
            out.printf("%s: %d spp at %dx%d in %.2f s%n", backend.name(), rs.spp(), rs.width(), rs.height(), (System.nanoTime() - t0) / 1e9);
            return f;
        }
    }
}
