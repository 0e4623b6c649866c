package dev.carnation.kernel.sampling;

/**
 * Counter-based random numbers: every value is a pure function of (pixel, sample, dimension, seed),
 * so an image does not depend on thread count, scheduling or device.
 *
 * <p>Built on the PCG output permutation (O'Neill 2014, as used by Jarzynski and Olano 2020 as a
 * GPU hash). Logical shifts go through {@link #lsr} because TornadoVM 5.2 miscompiles the unsigned shift
 * on OpenCL and {@code >>} of negative ints on PTX.
 */
public final class Rng {
    private Rng() {}

    /** Logical shift right for 0 &lt; n &lt; 32 that every TornadoVM backend compiles correctly. */
    public static int lsr(int x, int n) {
        return (x >> n) & ((1 << (32 - n)) - 1);
    }

    public static int pcg(int v) {
        int state = v * 747796405 + -1403630843; // 2891336453 as a signed int
        int word = (lsr(state, lsr(state, 28) + 4) ^ state) * 277803737;
        return lsr(word, 22) ^ word;
    }

    public static int hash(int pixel, int sample, int dim, int seed) {
        int h = pcg(dim + pcg(seed));
        h = pcg(sample ^ h);
        return pcg(pixel ^ h);
    }

    /** Uniform float in [0, 1) with 24 random bits. */
    public static float u01(int pixel, int sample, int dim, int seed) {
        return lsr(hash(pixel, sample, dim, seed), 8) * 5.9604645e-8f;
    }
}
