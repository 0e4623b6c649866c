package dev.carnation.integrator.film;

/** What the image writers read: per-pixel means of radiance and of AOV slices. */
public interface FilmImage {
    int width();

    int height();

    /** Mean radiance per pixel, RGB. */
    float[] radiance();

    /** Mean of one AOV slice (offset within the AOV record, channel count) per pixel. */
    float[] aov(int offset, int channels);
}
