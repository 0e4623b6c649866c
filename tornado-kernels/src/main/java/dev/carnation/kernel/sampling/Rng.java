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

    /** Dimensions from here on (the random walks' steps) draw independent numbers, not Sobol' points. */
    public static final int QMC_DIMS = 1 << 20;

    /**
     * The sample value every stage uses: Owen-scrambled Sobol' points ({@link Sobol}) for the
     * path's own dimensions, independent hashes past {@link #QMC_DIMS}, where hundreds of walk steps
     * deep the points' stratification no longer shows and the hash is cheaper.
     */
    public static float u01(int pixel, int sample, int dim, int seed) {
        // Sobol.u01 written out here rather than called: TornadoVM stops inlining the stages into
        // the path loop when the call chain below them gets one level deeper (docs/tornadovm-notes.md).
        int bits;
        if (dim < QMC_DIMS) {
            int pairSeed = hash(pixel, (dim >> 1) & 0x7fffffff, Sobol.PAIR_SALT, seed);
            int index = Sobol.reverseBits(Sobol.laineKarras(Sobol.reverseBits(sample), pairSeed));
            int reversed = index;
            if ((dim & 1) != 0) {
                reversed = Sobol.supersetXor(index);
            }
            bits = Sobol.reverseBits(Sobol.laineKarras(reversed, pcg(pairSeed ^ (Sobol.VALUE_SALT + (dim & 1)))));
        } else {
            bits = hash(pixel, sample, dim, seed);
        }
        return lsr(bits, 8) * 5.9604645e-8f;
    }

    /** Uniform float in [0, 1) with 24 random bits, independent for every (pixel, sample, dim, seed). */
    public static float independent(int pixel, int sample, int dim, int seed) {
        return lsr(hash(pixel, sample, dim, seed), 8) * 5.9604645e-8f;
    }
}
