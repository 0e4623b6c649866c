package dev.carnation.integrator.backend;

import dev.carnation.scene.SceneBuffers;

/**
 * Where kernels run. A backend holds the scene buffers and the per-pixel outputs, adds samples
 * pass by pass, and hands the outputs back for previews and the final image.
 */
public interface Backend extends AutoCloseable {
    String name();

    /** Uploads the scene and allocates outputs for width x height pixels, zeroed. */
    void prepare(SceneBuffers scene, int width, int height);

    /**
     * Adds frameI[FI_SAMPLE_COUNT] samples, starting at frameI[FI_SAMPLE_START], to every pixel
     * whose entry in active (one int per pixel, 0 or 1) is 1; null means every pixel. Adaptive
     * sampling clears the flags of converged pixels.
     */
    void renderPass(int[] frameI, float[] frameF, int[] active);

    /** A pass over every pixel. */
    default void renderPass(int[] frameI, float[] frameF) {
        renderPass(frameI, frameF, null);
    }

    /**
     * Replaces the zeroed sums with these (resuming from a checkpoint), so that the next passes
     * add to them exactly as they would have without the interruption. Called after prepare and
     * before the first pass.
     */
    void restore(double[] accum, float[] aov, int[] stats);

    /** Copies the current sums into the given host arrays. */
    void read(double[] accum, float[] aov, int[] stats);

    /** The fewest samples per pixel a pass should hold to keep this backend busy (after the first pass). */
    default int preferredPassSamples() {
        return 1;
    }

    /** Device time spent in kernels so far, in nanoseconds, or -1 when the backend cannot tell. */
    default long kernelNanos() {
        return -1;
    }

    @Override
    default void close() {}
}
