package dev.carnation.integrator.film;

import static dev.carnation.kernel.Layout.*;

/** Host copy of the per-pixel sums after some number of samples per pixel. */
public final class Film {
    private final int width;
    private final int height;
    private final float[] accum;
    private final float[] aov;
    private final int[] stats;
    private int spp;

    public Film(int width, int height) {
        this.width = width;
        this.height = height;
        this.accum = new float[width * height * ACC_STRIDE];
        this.aov = new float[width * height * AOV_STRIDE];
        this.stats = new int[width * height * STAT_STRIDE];
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int spp() {
        return spp;
    }

    public void setSpp(int spp) {
        this.spp = spp;
    }

    public float[] accum() {
        return accum;
    }

    public float[] aov() {
        return aov;
    }

    public int[] stats() {
        return stats;
    }

    /** Mean radiance per pixel, RGB. */
    public float[] radiance() {
        float[] out = new float[width * height * 3];
        float inv = spp == 0 ? 0 : 1f / spp;
        for (int i = 0; i < width * height; i++) {
            for (int c = 0; c < 3; c++) {
                out[i * 3 + c] = accum[i * ACC_STRIDE + c] * inv;
            }
        }
        return out;
    }

    /** Mean of one AOV slice (offset within the AOV record, channel count). */
    public float[] aov(int offset, int channels) {
        float[] out = new float[width * height * channels];
        float inv = spp == 0 ? 0 : 1f / spp;
        for (int i = 0; i < width * height; i++) {
            for (int c = 0; c < channels; c++) {
                out[i * channels + c] = aov[i * AOV_STRIDE + offset + c] * inv;
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
