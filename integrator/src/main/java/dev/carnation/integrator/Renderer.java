package dev.carnation.integrator;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.integrator.backend.Backend;
import dev.carnation.integrator.film.Film;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;

/**
 * The progressive render loop: passes of whole samples per pixel until the sample count or the
 * time budget is reached. Pass sizes adapt to keep progress and previews responsive; because the
 * kernel adds every sample to the film in sample order, pass sizes do not change the image.
 */
public final class Renderer {
    private Renderer() {}

    /** spp: samples per pixel (used when timeLimitSeconds is 0); previewEverySeconds 0 = none. */
    public record Options(int spp, double timeLimitSeconds, double previewEverySeconds, double rayEps) {
        public static Options samples(int spp) {
            return new Options(spp, 0, 0, DEFAULT_RAY_EPS);
        }
    }

    public static final double DEFAULT_RAY_EPS = 2e-5;
    static final double TARGET_PASS_SECONDS = 0.5;

    public record Progress(int spp, int targetSpp, double elapsedSeconds, double etaSeconds,
                           long rays, long samples) {
        public double samplesPerSecond() {
            return elapsedSeconds > 0 ? samples / elapsedSeconds : 0;
        }

        public double raysPerSecond() {
            return elapsedSeconds > 0 ? rays / elapsedSeconds : 0;
        }
    }

    public interface Listener {
        default void progress(Progress p) {}

        default void preview(Film film) {}
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
        int w = rs.width();
        int h = rs.height();
        backend.prepare(buffers, w, h);
        Film film = new Film(w, h);
        int[] fi = frameInts(rs);
        float[] ff = frameFloats(scene, rs, opt.rayEps());
        boolean timed = opt.timeLimitSeconds() > 0;
        int target = timed ? RenderSettings.MAX_SPP : opt.spp();
        long t0 = System.nanoTime();
        double lastPreview = 0;
        int done = 0;
        int pass = 1;
        while (done < target) {
            int n = Math.min(pass, target - done);
            fi[FI_SAMPLE_START] = done;
            fi[FI_SAMPLE_COUNT] = n;
            long p0 = System.nanoTime();
            backend.renderPass(fi, ff);
            double passSeconds = (System.nanoTime() - p0) / 1e9;
            done += n;
            double elapsed = (System.nanoTime() - t0) / 1e9;
            backend.read(film.accum(), film.aov(), film.stats());
            film.setSpp(done);
            double perSpp = elapsed / done;
            double eta = timed ? Math.max(0, opt.timeLimitSeconds() - elapsed) : perSpp * (target - done);
            listener.progress(new Progress(done, timed ? 0 : target, elapsed, eta, film.rays(), (long) done * w * h));
            if (opt.previewEverySeconds() > 0 && elapsed - lastPreview >= opt.previewEverySeconds() && done < target) {
                lastPreview = elapsed;
                listener.preview(film);
            }
            double perPass = passSeconds / n;
            if (timed && elapsed + perPass >= opt.timeLimitSeconds()) {
                break;
            }
            int next = (int) Math.max(1, Math.min(1024, TARGET_PASS_SECONDS / Math.max(perPass, 1e-9)));
            if (timed) {
                next = (int) Math.max(1, Math.min(next, (opt.timeLimitSeconds() - elapsed) / Math.max(perPass, 1e-9)));
            }
            pass = next;
        }
        return film;
    }
}
