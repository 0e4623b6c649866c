package dev.carnation.integrator.backend;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.kernel.integrator.PathTracer;
import dev.carnation.scene.SceneBuffers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the kernel entry point as plain Java on a fixed pool of threads. Work is handed out in
 * small pixel ranges from a shared counter (load balance); every pixel is written by exactly one
 * thread and its samples are summed in a fixed order, so the image is the same for any thread count.
 */
public final class JvmBackend implements Backend {
    static final int CHUNK = 256;

    private final int threads;
    private final ExecutorService pool;
    private SceneBuffers scene;
    private double[] accum;
    private float[] aov;
    private int[] stats;
    private int[] active;
    private int pixels;

    public JvmBackend(int threads) {
        this.threads = Math.max(1, threads);
        this.pool = Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "carnation-jvm");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return "jvm (" + threads + " thread" + (threads == 1 ? "" : "s") + ")";
    }

    @Override
    public void prepare(SceneBuffers scene, int width, int height) {
        this.scene = scene;
        this.pixels = width * height;
        this.accum = new double[pixels * ACC_STRIDE];
        this.aov = new float[pixels * AOV_STRIDE];
        this.stats = new int[pixels * STAT_STRIDE];
        this.active = new int[pixels];
    }

    @Override
    public void renderPass(int[] frameI, float[] frameF, int[] mask) {
        ActiveMask.copy(mask, active);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                int start;
                while ((start = next.getAndAdd(CHUNK)) < pixels) {
                    PathTracer.renderRange(start, Math.min(pixels, start + CHUNK), scene.sceneI(), scene.sceneF(),
                            scene.texels(), frameI, frameF, accum, aov, stats, active);
                }
            }));
        }
        Futures.awaitAll(futures, c -> new IllegalStateException("JVM backend failed: " + c, c));
    }

    @Override
    public void restore(double[] a, float[] o, int[] s) {
        System.arraycopy(a, 0, accum, 0, accum.length);
        System.arraycopy(o, 0, aov, 0, aov.length);
        System.arraycopy(s, 0, stats, 0, stats.length);
    }

    @Override
    public void read(double[] a, float[] o, int[] s) {
        System.arraycopy(accum, 0, a, 0, accum.length);
        System.arraycopy(aov, 0, o, 0, aov.length);
        System.arraycopy(stats, 0, s, 0, stats.length);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
