package dev.carnation.cli;

import static dev.carnation.kernel.Layout.FI_SAMPLE_COUNT;
import static dev.carnation.kernel.Layout.FI_SAMPLE_START;
import static dev.carnation.kernel.Layout.FI_SEED;

import dev.carnation.integrator.Renderer;
import dev.carnation.integrator.backend.Backend;
import dev.carnation.integrator.backend.BackendProvider;
import dev.carnation.integrator.backend.DeviceInfo;
import dev.carnation.integrator.film.Film;
import dev.carnation.integrator.output.Checkpoint;
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

/**
 * Time to a clean image: renders a scene progressively (1, 2, 4, 8 … spp) on one device and
 * measures, after each doubling, the error against a converged reference rendered with another seed,
 * relMSE = mean((x − ref)² / (ref² + 0.01)) over pixels and channels. The clock starts before the
 * device is set up (upload and JIT included) and adds the scene's load time; it stops while the film is
 * read back and compared, which a real render does not do every pass.
 */
final class QualityBench {
    private QualityBench() {}

    /** Seeds of the reference and of the measured renders differ, so their noise is independent. */
    static final int REFERENCE_SEED_SALT = 0x5eed0f1;

    record Point(double seconds, int spp, double relMse) {}

    record Curve(String scene, String device, String kind, String name, int width, int height, int referenceSpp,
                 double loadSeconds, List<Point> points, double[] levels, double[] secondsToLevel,
                 double[] times, double[] relMseAtTime) {}

    static double relMse(float[] x, float[] ref) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = (double) x[i] - ref[i];
            sum += d * d / ((double) ref[i] * ref[i] + 0.01);
        }
        return sum / x.length;
    }

    /**
     * The reference film, from cacheDir when a matching one is there (same packed scene, camera,
     * size, settings, reference seed and at least spp samples), else rendered on backend and cached.
     */
    static float[] reference(Path scenePath, Scene scene, SceneBuffers buffers, RenderSettings rs, int spp,
                             Backend backend, Path cacheDir, PrintWriter err) throws IOException {
        RenderSettings refRs = new RenderSettings(rs.width(), rs.height(), spp, rs.maxDepth(), rs.rrDepth(),
                rs.seed() ^ REFERENCE_SEED_SALT, rs.clamp(), rs.exposure(), rs.tonemap());
        float[] ff = Renderer.frameFloats(scene, refRs, Renderer.DEFAULT_RAY_EPS);
        Checkpoint.Identity id = Checkpoint.Identity.of(scenePath.getFileName().toString(), buffers, refRs, ff);
        Path file = cacheDir.resolve(id.sceneHash().substring(0, 16) + "-" + id.frameHash().substring(0, 8) + "-"
                + rs.width() + "x" + rs.height() + "-" + spp + ".ckpt");
        if (Files.isRegularFile(file)) {
            try {
                Checkpoint c = Checkpoint.load(file);
                if (c.identity().mismatch(id) == null && c.film().spp() >= spp) {
                    err.println("reference: " + file + " (" + c.film().spp() + " spp, cached)");
                    return c.film().radiance();
                }
            } catch (SceneException e) {
                err.println("reference: ignoring " + e.getMessage());
            }
        }
        err.printf("reference: rendering %d spp at %dx%d on %s ...%n", spp, rs.width(), rs.height(), backend.name());
        err.flush();
        long t0 = System.nanoTime();
        int[] fi = Renderer.frameInts(refRs);
        backend.prepare(buffers, rs.width(), rs.height());
        for (int done = 0; done < spp; ) {
            int n = Math.min(16, spp - done);
            fi[FI_SAMPLE_START] = done;
            fi[FI_SAMPLE_COUNT] = n;
            backend.renderPass(fi, ff);
            done += n;
        }
        Film film = new Film(rs.width(), rs.height());
        backend.read(film.accum(), film.aov(), film.stats());
        film.setSpp(spp);
        Files.createDirectories(cacheDir);
        new Checkpoint(id, spp, film).save(file);
        err.printf("reference: %d spp in %.1f s, cached as %s%n", spp, (System.nanoTime() - t0) / 1e9, file);
        return film.radiance();
    }

    /** One progressive run on a device until maxSeconds or maxSpp, whichever comes first. */
    static Curve measure(Path scenePath, Scene scene, SceneBuffers buffers, RenderSettings rs, double loadSeconds,
                         float[] reference, int referenceSpp, BackendProvider p, DeviceInfo d, int threads,
                         double maxSeconds, int maxSpp, double[] levels, double[] times) {
        int[] fi = Renderer.frameInts(rs);
        float[] ff = Renderer.frameFloats(scene, rs, Renderer.DEFAULT_RAY_EPS);
        List<Point> points = new ArrayList<>();
        try (Backend b = p.open(d, threads)) {
            long clock = 0;
            long t0 = System.nanoTime();
            b.prepare(buffers, rs.width(), rs.height());
            int done = 0;
            int next = 1;
            Film film = new Film(rs.width(), rs.height());
            while (done < maxSpp && loadSeconds + clock / 1e9 < maxSeconds) {
                fi[FI_SAMPLE_START] = done;
                fi[FI_SAMPLE_COUNT] = next - done;
                b.renderPass(fi, ff);
                clock += System.nanoTime() - t0;
                done = next;
                b.read(film.accum(), film.aov(), film.stats());
                film.setSpp(done);
                points.add(new Point(loadSeconds + clock / 1e9, done, relMse(film.radiance(), reference)));
                next = Math.min(2 * done, maxSpp);
                t0 = System.nanoTime();
            }
        }
        double[] toLevel = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            toLevel[i] = secondsToReach(points, levels[i]);
        }
        double[] atTime = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            atTime[i] = relMseAt(points, times[i]);
        }
        return new Curve(scenePath.getFileName().toString(), d.id(), d.kind(), d.name(), rs.width(), rs.height(),
                referenceSpp, loadSeconds, points, levels, toLevel, times, atTime);
    }

    /** First time the curve reaches level, interpolated in log-log between measurements; NaN if never. */
    static double secondsToReach(List<Point> points, double level) {
        for (int i = 0; i < points.size(); i++) {
            Point b = points.get(i);
            if (b.relMse <= level) {
                if (i == 0) {
                    return b.seconds;
                }
                Point a = points.get(i - 1);
                double f = Math.log(a.relMse / level) / Math.log(a.relMse / b.relMse);
                return Math.exp(Math.log(a.seconds) + f * Math.log(b.seconds / a.seconds));
            }
        }
        return Double.NaN;
    }

    /** relMSE at time t, interpolated in log-log; NaN before the first measurement or after the last. */
    static double relMseAt(List<Point> points, double t) {
        for (int i = 1; i < points.size(); i++) {
            Point a = points.get(i - 1);
            Point b = points.get(i);
            if (a.seconds <= t && t <= b.seconds) {
                double f = Math.log(t / a.seconds) / Math.log(b.seconds / a.seconds);
                return Math.exp(Math.log(a.relMse) + f * Math.log(b.relMse / a.relMse));
            }
        }
        return Double.NaN;
    }
}
