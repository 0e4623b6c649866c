package dev.carnation.tornado;

import dev.carnation.kernel.integrator.PathTracer;
import uk.ac.manchester.tornado.api.annotations.Parallel;

/** The device entry point: one work-item per pixel around the shared kernel code. */
public final class TornadoKernels {
    private TornadoKernels() {}

    public static void render(int pixels, int[] sceneI, float[] sceneF, float[] texels, int[] frameI, float[] frameF,
                              double[] accum, float[] aov, int[] stats, int[] active) {
        for (@Parallel int p = 0; p < pixels; p++) {
            PathTracer.renderPixel(p, sceneI, sceneF, texels, frameI, frameF, accum, aov, stats, active);
        }
    }
}
