package dev.carnation.integrator.film;

import static dev.carnation.kernel.Layout.*;

/**
 * Host copy of the per-pixel sums after some number of samples per pixel. Radiance is summed in
 * double precision together with its square, so the film itself knows each pixel's sample
 * variance (for error reports and adaptive sampling) and long renders lose no precision.
 *
 * <p>Sums are block-ordered (Layout.BLOCK_SPP): each pixel holds the sum of its complete blocks,
 * added in block order, and the open (incomplete) block's sum. A film of any width can be a tile
 * (a band of rows) of a larger image; {@link #merge} adds a block rendered elsewhere exactly as the
 * kernel would have added it.
 */
public final class Film implements FilmImage {
    private final int width;
    private final int height;
    private final double[] accum;
    private final float[] aov;
    private final int[] stats;
    private int spp;

    public Film(int width, int height) {
        this.width = width;
        this.height = height;
        this.accum = new double[width * height * ACC_STRIDE];
        this.aov = new float[width * height * AOV_STRIDE];
        this.stats = new int[width * height * STAT_STRIDE];
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    public int spp() {
        return spp;
    }

    public void setSpp(int spp) {
        this.spp = spp;
    }

    /** Takes over another film's sums and sample count (same size). */
    public void copyFrom(Film other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("film is " + other.width + "x" + other.height + ", not " + width + "x" + height);
        }
        System.arraycopy(other.accum, 0, accum, 0, accum.length);
        System.arraycopy(other.aov, 0, aov, 0, aov.length);
        System.arraycopy(other.stats, 0, stats, 0, stats.length);
        spp = other.spp;
    }

    public double[] accum() {
        return accum;
    }

    public float[] aov() {
        return aov;
    }

    public int[] stats() {
        return stats;
    }

    /**
     * Samples pixel i has taken (the kernel counts them): spp, unless adaptive sampling stopped
     * the pixel earlier. Every mean below divides by this count.
     */
    public int samples(int i) {
        return stats[i * STAT_STRIDE + STAT_SAMPLES];
    }

    public int pixels() {
        return width * height;
    }

    /**
     * Adds a unit of work rendered elsewhere to pixels [firstPixel, firstPixel + unit.pixels()):
     * the unit's sums must come from fresh closed sums and stats and this film's open blocks (a
     * device of a group after Layout.FI_RESET, or a Spark task), so adding its closed sums and,
     * where it took samples, taking its open blocks is what the kernel would have done with these
     * samples here. Units of one pixel must be merged in sample order.
     */
    public void merge(Film unit, int firstPixel) {
        merge(unit.accum, unit.aov, unit.stats, firstPixel, unit.pixels());
    }

    /** {@link #merge(Film, int)} of a unit the size of this film, on all cores (a device group's merge). */
    public void mergeParallel(Film unit) {
        if (unit.pixels() != pixels()) {
            throw new IllegalArgumentException("unit of " + unit.pixels() + " pixels, film of " + pixels());
        }
        int chunk = 1 << 14;
        java.util.stream.IntStream.range(0, (pixels() + chunk - 1) / chunk).parallel().forEach(c -> {
            int first = c * chunk;
            int count = Math.min(chunk, pixels() - first);
            mergeRange(unit.accum, unit.aov, unit.stats, first, first, count);
        });
    }

    /** {@link #merge(Film, int)} from bare arrays holding count pixels. */
    public void merge(double[] uAccum, float[] uAov, int[] uStats, int firstPixel, int count) {
        mergeRange(uAccum, uAov, uStats, 0, firstPixel, count);
    }

    /** Merges the unit's pixels [from, from + count) into this film's [to, to + count). */
    private void mergeRange(double[] uAccum, float[] uAov, int[] uStats, int from, int to, int count) {
        int shift = to - from;
        for (int i = from; i < from + count; i++) {
            if (uStats[i * STAT_STRIDE + STAT_SAMPLES] == 0) {
                continue; // no samples here: zero sums, and an open block that is not this film's
            }
            int a = (shift + i) * ACC_STRIDE;
            int ua = i * ACC_STRIDE;
            for (int k = 0; k < ACC_VALUES; k++) {
                accum[a + k] += uAccum[ua + k];
                accum[a + ACC_OPEN + k] = uAccum[ua + ACC_OPEN + k];
            }
            int o = (shift + i) * AOV_STRIDE;
            int uo = i * AOV_STRIDE;
            for (int k = 0; k < AOV_VALUES; k++) {
                aov[o + k] += uAov[uo + k];
                aov[o + AOV_OPEN + k] = uAov[uo + AOV_OPEN + k];
            }
            for (int k = 0; k < STAT_STRIDE; k++) {
                stats[(shift + i) * STAT_STRIDE + k] += uStats[i * STAT_STRIDE + k];
            }
        }
    }

    /** Sum over pixel i's samples of value k (ACC_VALUES: radiance r g b, then squares): closed + open. */
    public double sum(int i, int k) {
        return accum[i * ACC_STRIDE + k] + accum[i * ACC_STRIDE + ACC_OPEN + k];
    }

    /** Mean radiance per pixel, RGB. */
    @Override
    public float[] radiance() {
        float[] out = new float[width * height * 3];
        for (int i = 0; i < width * height; i++) {
            int n = samples(i);
            double inv = n == 0 ? 0 : 1.0 / n;
            for (int c = 0; c < NUM_CHANNELS; c++) {
                out[i * 3 + c] = (float) (sum(i, c) * inv);
            }
        }
        return out;
    }

    /**
     * Variance of each pixel's mean (RGB): the unbiased sample variance over the pixel's samples,
     * divided by their count. Zero before two samples.
     */
    public double[] varianceOfMean() {
        double[] out = new double[width * height * 3];
        for (int i = 0; i < width * height; i++) {
            for (int c = 0; c < NUM_CHANNELS; c++) {
                out[i * 3 + c] = varianceOfMean(i, c);
            }
        }
        return out;
    }

    private double varianceOfMean(int i, int c) {
        int n = samples(i);
        if (n < 2) {
            return 0;
        }
        double sum = sum(i, c);
        double sq = sum(i, NUM_CHANNELS + c);
        double var = Math.max(0, (sq - sum * sum / n) / (n - 1));
        return var / n;
    }

    /**
     * Adaptive sampling's error estimate of pixel i: the standard error of its mean relative to the
     * mean, sqrt(mean over channels of var(mean)) / (mean over channels of the mean + 0.001). The
     * 0.001 keeps black pixels from needing endless samples. Infinite before two samples, when the
     * variance is unknown.
     */
    public double relativeError(int i) {
        int n = samples(i);
        if (n < 2) {
            return Double.POSITIVE_INFINITY;
        }
        double var = 0;
        double mean = 0;
        for (int c = 0; c < NUM_CHANNELS; c++) {
            var += varianceOfMean(i, c);
            mean += sum(i, c) / n;
        }
        return Math.sqrt(var / NUM_CHANNELS) / (mean / NUM_CHANNELS + 0.001);
    }

    /**
     * The film's own estimate of its error: mean over pixels and channels of
     * var(mean) / (mean^2 + 0.01), the expected relMSE against the converged image (the metric of
     * docs/benchmarks.md) when the estimator is unbiased.
     */
    public double estimatedRelMse() {
        float[] mean = radiance();
        double[] var = varianceOfMean();
        double s = 0;
        for (int i = 0; i < mean.length; i++) {
            s += var[i] / ((double) mean[i] * mean[i] + 0.01);
        }
        return mean.length == 0 ? 0 : s / mean.length;
    }

    /** Mean of one AOV slice (offset within the AOV record, channel count). */
    @Override
    public float[] aov(int offset, int channels) {
        float[] out = new float[width * height * channels];
        for (int i = 0; i < width * height; i++) {
            int n = samples(i);
            float inv = n == 0 ? 0 : 1f / n;
            for (int c = 0; c < channels; c++) {
                int o = i * AOV_STRIDE + offset + c;
                out[i * channels + c] = (aov[o] + aov[o + AOV_OPEN]) * inv;
            }
        }
        return out;
    }

    public long rays() {
        long r = 0;
        for (int i = 0; i < width * height; i++) {
            r += stats[i * STAT_STRIDE] & 0xffffffffL;
        }
        return r;
    }

    public long nonFiniteSamples() {
        long r = 0;
        for (int i = 0; i < width * height; i++) {
            r += stats[i * STAT_STRIDE + 1];
        }
        return r;
    }
}
