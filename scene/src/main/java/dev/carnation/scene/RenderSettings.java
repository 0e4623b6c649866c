package dev.carnation.scene;

import dev.carnation.scene.io.Fields;

/**
 * The "render" block: image size, sampling and output defaults (the CLI may override).
 * adaptiveThreshold: a pixel stops taking samples once its relative error estimate falls below
 * this (0 = off, every pixel takes spp samples); adaptiveMinSpp: samples every pixel takes first.
 * textureFilter: "trilinear" (mip-mapped by ray cones, the default) or "bilinear" (level 0 only),
 * docs/textures.md.
 */
public record RenderSettings(int width, int height, int spp, int maxDepth, int rrDepth, int seed,
                             double clamp, double exposure, String tonemap, double adaptiveThreshold, int adaptiveMinSpp,
                             String textureFilter) {

    public static final String FILTER_TRILINEAR = "trilinear";
    public static final String FILTER_BILINEAR = "bilinear";

    /** Settings with the default texture filter (trilinear). */
    public RenderSettings(int width, int height, int spp, int maxDepth, int rrDepth, int seed,
                          double clamp, double exposure, String tonemap, double adaptiveThreshold, int adaptiveMinSpp) {
        this(width, height, spp, maxDepth, rrDepth, seed, clamp, exposure, tonemap, adaptiveThreshold, adaptiveMinSpp,
                FILTER_TRILINEAR);
    }

    public static final int MAX_SIDE = 16384;
    public static final int MAX_SPP = 1 << 20;
    /** A power of two: the Sobol' sampler's points are best balanced at such counts. */
    public static final int DEFAULT_ADAPTIVE_MIN_SPP = 16;

    /** Settings without adaptive sampling. */
    public RenderSettings(int width, int height, int spp, int maxDepth, int rrDepth, int seed,
                          double clamp, double exposure, String tonemap) {
        this(width, height, spp, maxDepth, rrDepth, seed, clamp, exposure, tonemap, 0, DEFAULT_ADAPTIVE_MIN_SPP);
    }

    public static RenderSettings defaults() {
        return new RenderSettings(960, 640, 64, 8, 3, 0, 0, 0, "aces");
    }

    public boolean adaptive() {
        return adaptiveThreshold > 0;
    }

    public static RenderSettings parse(Fields f) {
        RenderSettings d = defaults();
        RenderSettings r = new RenderSettings(
                f.integer("width", d.width, 1, MAX_SIDE),
                f.integer("height", d.height, 1, MAX_SIDE),
                f.integer("spp", d.spp, 1, MAX_SPP),
                f.integer("max_depth", d.maxDepth, 1, 1024),
                f.integer("rr_depth", d.rrDepth, 1, 1024),
                f.integer("seed", d.seed, Integer.MIN_VALUE, Integer.MAX_VALUE),
                f.number("clamp", d.clamp, 0, 1e30),
                f.number("exposure", d.exposure, -30, 30),
                f.choice("tonemap", d.tonemap, "aces", "agx", "none"),
                f.number("adaptive_threshold", d.adaptiveThreshold, 0, 1e6),
                f.integer("adaptive_min_spp", d.adaptiveMinSpp, 2, MAX_SPP),
                f.choice("texture_filter", d.textureFilter, FILTER_TRILINEAR, FILTER_BILINEAR));
        f.done();
        return r;
    }

    public RenderSettings withSize(int w, int h) {
        return new RenderSettings(w, h, spp, maxDepth, rrDepth, seed, clamp, exposure, tonemap, adaptiveThreshold,
                adaptiveMinSpp, textureFilter);
    }

    public RenderSettings withSpp(int s) {
        return new RenderSettings(width, height, s, maxDepth, rrDepth, seed, clamp, exposure, tonemap, adaptiveThreshold,
                adaptiveMinSpp, textureFilter);
    }

    public RenderSettings withAdaptive(double threshold, int minSpp) {
        return new RenderSettings(width, height, spp, maxDepth, rrDepth, seed, clamp, exposure, tonemap, threshold, minSpp,
                textureFilter);
    }

    public RenderSettings withTextureFilter(String filter) {
        return new RenderSettings(width, height, spp, maxDepth, rrDepth, seed, clamp, exposure, tonemap, adaptiveThreshold,
                adaptiveMinSpp, filter);
    }

    public boolean mipMapped() {
        return FILTER_TRILINEAR.equals(textureFilter);
    }
}
