package dev.carnation.integrator;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.integrator.backend.Backend;
import dev.carnation.integrator.film.Film;
import dev.carnation.scene.MemoryBudget;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.Timings;

/**
 * The progressive render loop: passes of whole samples per pixel until the sample count or the
 * time budget is reached, whichever comes first, or until the listener asks to stop. Pass sizes
 * adapt to keep progress and previews responsive and end on sample-block boundaries once past the
 * first block; because the kernel sums samples in fixed blocks (Layout.BLOCK_SPP), pass sizes do
 * not change the image, and neither does resuming a film saved after any pass. Under adaptive sampling ({@link AdaptiveSampling}) passes also end at the
 * fixed sample counts where converged pixels are stopped, and the render ends early once every
 * pixel has converged.
 */
public final class Renderer {
    private Renderer() {}

    /**
     * spp: samples per pixel to reach; timeLimitSeconds: stop before this much time has passed
     * (0 = no limit); previewEverySeconds, checkpointEverySeconds: how often to hand the film to
     * the listener (0 = never).
     */
    public record Options(int spp, double timeLimitSeconds, double previewEverySeconds, double checkpointEverySeconds,
                          double rayEps) {
        public static Options samples(int spp) {
            return new Options(spp, 0, 0, 0, DEFAULT_RAY_EPS);
        }
    }

    public static final double DEFAULT_RAY_EPS = 2e-5;
    static final double TARGET_PASS_SECONDS = 0.5;

    /**
     * After a pass: spp done of targetSpp, and this run's time, rays and samples (a resumed film's
     * earlier samples are not counted in the rates); converged: the fraction of pixels adaptive
     * sampling has stopped (-1 without adaptive sampling).
     */
    public record Progress(int spp, int targetSpp, double elapsedSeconds, double timeLimitSeconds, double etaSeconds,
                           long rays, long samples, double converged) {
        public Progress(int spp, int targetSpp, double elapsedSeconds, double timeLimitSeconds, double etaSeconds,
                        long rays, long samples) {
            this(spp, targetSpp, elapsedSeconds, timeLimitSeconds, etaSeconds, rays, samples, -1);
        }

        public double samplesPerSecond() {
            return elapsedSeconds > 0 ? samples / elapsedSeconds : 0;
        }

        public double raysPerSecond() {
            return elapsedSeconds > 0 ? rays / elapsedSeconds : 0;
        }

        /** How far along, 0 to 1: the larger of the sample and the time fractions. */
        public double fraction() {
            double f = targetSpp > 0 ? (double) spp / targetSpp : 0;
            if (timeLimitSeconds > 0) {
                f = Math.max(f, elapsedSeconds / timeLimitSeconds);
            }
            return Math.min(1, f);
        }
    }

    public interface Listener {
        default void progress(Progress p) {}

        default void preview(Film film) {}

        /** The film after a pass, every checkpointEverySeconds, to save for a later resume. */
        default void checkpoint(Film film) {}

        /** Checked between passes: true stops the render with the samples done so far. */
        default boolean stopRequested() {
            return false;
        }
    }

    public static int[] frameInts(RenderSettings rs) {
        int[] fi = new int[FRAME_I_SIZE];
        fi[FI_WIDTH] = rs.width();
        fi[FI_HEIGHT] = rs.height();
        fi[FI_MAX_DEPTH] = rs.maxDepth();
        fi[FI_RR_DEPTH] = rs.rrDepth();
        fi[FI_SEED] = rs.seed();
        return fi;
    }

    public static float[] frameFloats(Scene scene, RenderSettings rs, double rayEps) {
        float[] ff = new float[FRAME_F_SIZE];
        scene.camera().pack(ff, rs.width(), rs.height());
        ff[FF_CLAMP] = (float) rs.clamp();
        ff[FF_RAY_EPS] = (float) rayEps;
        return ff;
    }

    public static Film render(Scene scene, SceneBuffers buffers, RenderSettings rs, Backend backend,
                              Options opt, Listener listener) {
        return render(scene, buffers, rs, backend, opt, null, listener);
    }

    /** Renders on from start's samples (a checkpoint of the same scene and settings) when it is not null. */
    public static Film render(Scene scene, SceneBuffers buffers, RenderSettings rs, Backend backend,
                              Options opt, Film start, Listener listener) {
        return render(scene, buffers, rs, backend, opt, start, 0, rs.height(), listener);
    }

    /**
     * Renders rows [firstRow, firstRow + rows) of the image (a tile: its pixels are bit-identical to
     * those of a whole-image render) into a film of width x rows.
     */
    public static Film renderRows(Scene scene, SceneBuffers buffers, RenderSettings rs, Backend backend,
                                  Options opt, int firstRow, int rows, Listener listener) {
        if (firstRow < 0 || rows < 1 || firstRow + rows > rs.height()) {
            throw new IllegalArgumentException("rows [" + firstRow + ", " + (firstRow + rows) + ") of a " + rs.height() + "-row image");
        }
        return render(scene, buffers, rs, backend, opt, null, firstRow, rows, listener);
    }

    private static Film render(Scene scene, SceneBuffers buffers, RenderSettings rs, Backend backend,
                               Options opt, Film start, int firstRow, int rows, Listener listener) {
        int w = rs.width();
        int h = rows;
        MemoryBudget.checkFilm(scene, buffers, w, h);
        // Buffers, task graph and plan; the kernel's compile or load is its own line.
        Timings.exclusive("backend prepare", () -> backend.prepare(buffers, w, h), "kernel");
        Film film = new Film(w, h);
        if (start != null) {
            film.copyFrom(start);
            backend.restore(film.accum(), film.aov(), film.stats());
        }
        int[] fi = frameInts(rs);
        fi[FI_PIXEL_OFFSET] = firstRow * w;
        float[] ff = frameFloats(scene, rs, opt.rayEps());
        double limit = opt.timeLimitSeconds();
        boolean timed = limit > 0;
        int target = opt.spp();
        int first = film.spp();
        long raysBefore = film.rays();
        long t0 = System.nanoTime();
        Periodic previews = new Periodic(opt.previewEverySeconds());
        Periodic checkpoints = new Periodic(opt.checkpointEverySeconds());
        AdaptiveSampling adaptive = AdaptiveSampling.of(rs);
        int[] active = new int[w * h];
        int done = first;
        int live = adaptive.select(film, done, active);
        long samples = 0;
        int pass = 1;
        while (done < target && live > 0 && !listener.stopRequested()) {
            int n = blockAligned(done, Math.min(Math.min(pass, target - done), adaptive.nextCheck(done) - done));
            fi[FI_SAMPLE_START] = done;
            fi[FI_SAMPLE_COUNT] = n;
            long p0 = System.nanoTime();
            backend.renderPass(fi, ff, active);
            double passSeconds = (System.nanoTime() - p0) / 1e9;
            done += n;
            samples += (long) n * live;
            double elapsed = (System.nanoTime() - t0) / 1e9;
            backend.read(film.accum(), film.aov(), film.stats());
            if (done - n == first) {
                // Upload, launch and read back of the first pass: the end of start-up.
                Timings.add("first pass", System.nanoTime() - p0);
                Timings.firstSampleDone();
            }
            film.setSpp(done);
            live = adaptive.select(film, done, active);
            double perSpp = elapsed / (done - first);
            double eta = perSpp * (target - done);
            if (timed) {
                eta = Math.min(eta, Math.max(0, limit - elapsed));
            }
            listener.progress(new Progress(done, target, elapsed, limit, eta, film.rays() - raysBefore, samples,
                    adaptive.on() ? 1 - (double) live / (w * h) : -1));
            boolean more = done < target && live > 0;
            if (more && previews.due(elapsed)) {
                listener.preview(film);
            }
            if (more && checkpoints.due(elapsed)) {
                listener.checkpoint(film);
            }
            double perPass = passSeconds / n;
            if (timed && elapsed + perPass >= limit) {
                break;
            }
            int next = (int) Math.max(backend.preferredPassSamples(), Math.min(1024, TARGET_PASS_SECONDS / Math.max(perPass, 1e-9)));
            if (timed) {
                next = (int) Math.max(1, Math.min(next, (limit - elapsed) / Math.max(perPass, 1e-9)));
            }
            pass = next;
        }
        return film;
    }

    /**
     * A pass of n samples from done, cut back to end on the last block boundary it crosses
     * (Layout.BLOCK_SPP), so previews, checkpoints and time-limited renders fall on whole blocks
     * and a device group can hand every block of the next pass to any device.
     */
    static int blockAligned(int done, int n) {
        int end = done + n;
        int boundary = end / BLOCK_SPP * BLOCK_SPP;
        return boundary > done ? boundary - done : n;
    }

    /** True once every period seconds (never when the period is 0). */
    private static final class Periodic {
        private final double period;
        private double last;

        Periodic(double period) {
            this.period = period;
        }

        boolean due(double now) {
            if (period <= 0 || now - last < period) {
                return false;
            }
            last = now;
            return true;
        }
    }
}
