package dev.carnation.kernel.sampling;

/**
 * Owen-scrambled Sobol' points with 2D padding, computed from a counter (Burley 2020, "Practical
 * Hash-based Owen Scrambling"): every value is a pure function of (pixel, sample, dimension, seed).
 *
 * <p>Dimensions come in pairs (2g, 2g + 1). A pair uses the first two Sobol' dimensions, which form
 * a (0, 2)-sequence: the first 2^m samples of a pixel put exactly one point in every elementary
 * interval of area 2^-m (each 1/2^a by 1/2^b box with a + b = m). Each pair gets its own shuffle of
 * the sample order, so pairs are decorrelated from each other (padding), and its own nested
 * scramble of the values, so pixels are decorrelated. Both are nested uniform (Owen) scrambles
 * done by a hash in bit-reversed order, which keeps every aligned block of 2^m samples a net.
 *
 * <p>Integer code only, with masked right shifts (TornadoVM 5.2 gets unmasked shifts of negative
 * ints wrong on OpenCL or PTX: docs/tornadovm-notes.md).
 */
public final class Sobol {
    private Sobol() {}

    static final int PAIR_SALT = 0x2545f491;
    static final int VALUE_SALT = 0x68bc21eb;

    /** Uniform float in [0, 1) with 24 bits: dimension dim of sample sample in pixel pixel. */
    public static float u01(int pixel, int sample, int dim, int seed) {
        int pair = (dim >> 1) & 0x7fffffff;
        int pairSeed = Rng.hash(pixel, pair, PAIR_SALT, seed);
        // The pair's shuffle of the sample order: an Owen scramble of the index.
        int index = reverseBits(laineKarras(reverseBits(sample), pairSeed));
        // The point's coordinate, kept bit-reversed until it is scrambled: the first dimension is the
        // index itself reversed (van der Corput), the second its Pascal-matrix product.
        int reversed = index;
        if ((dim & 1) != 0) {
            reversed = supersetXor(index);
        }
        int valueSeed = Rng.pcg(pairSeed ^ (VALUE_SALT + (dim & 1)));
        int value = reverseBits(laineKarras(reversed, valueSeed));
        return Rng.lsr(value, 8) * 5.9604645e-8f;
    }

    /**
     * Second Sobol' dimension of index i, bit-reversed: its generator is Pascal's triangle mod 2,
     * so output bit r is the XOR of the index bits k whose set bits contain r's (Lucas). That is a
     * superset-XOR transform over the 32 bit positions, done in five butterfly stages.
     */
    public static int supersetXor(int i) {
        int x = i;
        x ^= (x >> 1) & 0x55555555;
        x ^= (x >> 2) & 0x33333333;
        x ^= (x >> 4) & 0x0f0f0f0f;
        x ^= (x >> 8) & 0x00ff00ff;
        x ^= (x >> 16) & 0x0000ffff;
        return x;
    }

    /**
     * Laine and Karras's hash, with Burley's constants: a bijection in which each bit depends only
     * on itself and the bits below it. Applied to bit-reversed values it is a nested uniform
     * scramble: a bit of the value flips as a random function of the bits above it.
     */
    public static int laineKarras(int v, int seed) {
        int x = v + seed;
        x ^= x * 0x6c50b47c;
        x ^= x * 0xb82f1e52;
        x ^= x * 0xc7afe638;
        x ^= x * 0x8d22f6e6;
        return x;
    }

    public static int reverseBits(int v) {
        int x = v;
        x = ((x >> 1) & 0x55555555) | ((x & 0x55555555) << 1);
        x = ((x >> 2) & 0x33333333) | ((x & 0x33333333) << 2);
        x = ((x >> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
        x = ((x >> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8);
        x = ((x >> 16) & 0x0000ffff) | (x << 16);
        return x;
    }
}
