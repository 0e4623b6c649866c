package dev.carnation.integrator;

import dev.carnation.integrator.film.Film;
import dev.carnation.scene.RenderSettings;
import java.util.Arrays;

/**
 * Adaptive sampling: which pixels take the next pass's samples. Every pixel takes minSpp samples;
 * then, at each check, a pixel whose {@link Film#relativeError} is below the threshold stops for
 * good. Checks fall at sample counts fixed in advance (minSpp, then every max(1, spp / 8) samples),
 * never at times, and the choice reads only the film, so a seed and threshold give the same image
 * on any device and thread count, and a film saved at any pass resumes to the same image. The
 * spacing of checks bounds a pixel's extra samples past its stopping point at about 12 %.
 */
public record AdaptiveSampling(double threshold, int minSpp) {
    /** No adaptive sampling: every pixel takes every sample. */
    public static final AdaptiveSampling OFF = new AdaptiveSampling(0, 0);

    public static AdaptiveSampling of(RenderSettings rs) {
        return rs.adaptive() ? new AdaptiveSampling(rs.adaptiveThreshold(), rs.adaptiveMinSpp()) : OFF;
    }

    public boolean on() {
        return threshold > 0;
    }

    /** The first check after done samples per pixel (Integer.MAX_VALUE when off). */
    public int nextCheck(int done) {
        if (!on()) {
            return Integer.MAX_VALUE;
        }
        int b = minSpp;
        while (b <= done) {
            b += step(b);
        }
        return b;
    }

    /** True when a check falls at done samples per pixel. */
    public boolean checksAt(int done) {
        return on() && done >= minSpp && nextCheck(done - 1) == done;
    }

    private static int step(int spp) {
        return Math.max(1, spp / 8);
    }

    /**
     * Fills active (one flag per pixel) for a pass starting at done samples per pixel and returns
     * how many pixels are active. A pixel is active while it has every sample so far (pixels that
     * stopped earlier have fewer) and, at a check, its error is at least the threshold.
     */
    public int select(Film film, int done, int[] active) {
        if (!on()) {
            Arrays.fill(active, 1);
            return active.length;
        }
        boolean check = checksAt(done);
        int live = 0;
        for (int i = 0; i < active.length; i++) {
            boolean on = film.samples(i) == done && !(check && film.relativeError(i) < threshold);
            active[i] = on ? 1 : 0;
            live += active[i];
        }
        return live;
    }
}
