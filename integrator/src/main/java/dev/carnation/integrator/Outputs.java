package dev.carnation.integrator;

import dev.carnation.integrator.film.FilmImage;
import dev.carnation.integrator.film.ImageOutput;
import dev.carnation.integrator.film.ToneMap;
import dev.carnation.integrator.output.StagedFiles;
import dev.carnation.scene.texture.ImageFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the beauty image and the requested AOVs beside it: NAME.albedo.EXT, NAME.normal.EXT,
 * NAME.depth.EXT, NAME.alpha.EXT. Float formats get raw values; PNG gets albedo as sRGB colour,
 * normals remapped to [0, 1], depth normalised to its range, and alpha as grey. Beauty PNG/EXR
 * carry the alpha matte in their alpha channel when the alpha AOV is requested.
 */
public final class Outputs {
    private Outputs() {}

    public static final List<String> AOVS = List.of("albedo", "normal", "depth", "alpha");

    /** The files write() produces for this output and AOV list: the image first, then the AOVs. */
    public static List<Path> paths(Path out, List<String> aovs) {
        List<Path> paths = new ArrayList<>();
        paths.add(out);
        for (String aov : aovs) {
            paths.add(sibling(out, aov));
        }
        return paths;
    }

    /**
     * Writes the image and its AOVs all or nothing (see {@link StagedFiles}): when any of them
     * cannot be written, none replaces an existing file.
     */
    public static List<Path> write(FilmImage film, Path out, List<String> aovs, double exposure, String tonemap)
            throws IOException {
        int w = film.width();
        int h = film.height();
        ImageOutput.Format format = ImageOutput.formatOf(out);
        boolean png = format == ImageOutput.Format.PNG;
        List<Path> paths = paths(out, aovs);
        try (StagedFiles files = new StagedFiles()) {
            float[] rgb = film.radiance();
            if (aovs.contains("alpha")) {
                float[] a = film.aov(7, 1);
                float[] rgba = new float[w * h * 4];
                for (int i = 0; i < w * h; i++) {
                    System.arraycopy(rgb, i * 3, rgba, i * 4, 3);
                    rgba[i * 4 + 3] = a[i];
                }
                files.write(out, f -> ImageOutput.write(f, format, w, h, rgba, 4, true, exposure, tonemap));
            } else {
                files.write(out, f -> ImageOutput.write(f, format, w, h, rgb, 3, true, exposure, tonemap));
            }
            for (int k = 0; k < aovs.size(); k++) {
                String aov = aovs.get(k);
                float[] data = aov(film, aov, png);
                int channels = data.length / (w * h);
                files.write(paths.get(k + 1), f -> ImageOutput.write(f, format, w, h, data, channels, false, 0, "none"));
            }
            files.commit();
        }
        return paths;
    }

    /** One AOV as pixels: float formats get raw values, PNG gets values that display as data. */
    private static float[] aov(FilmImage film, String aov, boolean png) {
        switch (aov) {
            case "albedo" -> {
                return film.aov(0, 3);
            }
            case "normal" -> {
                float[] n = film.aov(3, 3);
                if (png) {
                    for (int i = 0; i < n.length; i++) {
                        n[i] = predecode(0.5f + 0.5f * n[i]);
                    }
                }
                return n;
            }
            case "depth" -> {
                float[] d = film.aov(6, 1);
                float[] a = film.aov(7, 1);
                for (int i = 0; i < d.length; i++) {
                    // Coverage-weighted mean distance of the surfaces seen; 0 where none.
                    d[i] = a[i] > 0 ? d[i] / a[i] : 0;
                }
                if (png) {
                    float max = 0;
                    for (float v : d) {
                        max = Math.max(max, v);
                    }
                    for (int i = 0; i < d.length; i++) {
                        d[i] = max > 0 ? predecode(d[i] / max) : 0;
                    }
                }
                return d;
            }
            case "alpha" -> {
                float[] a = film.aov(7, 1);
                if (png) {
                    for (int i = 0; i < a.length; i++) {
                        a[i] = predecode(a[i]);
                    }
                }
                return a;
            }
            default -> throw new IllegalArgumentException("unknown AOV " + aov);
        }
    }

    public static Path sibling(Path out, String tag) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String n = dot < 0 ? name + "." + tag : name.substring(0, dot) + "." + tag + name.substring(dot);
        return out.resolveSibling(n);
    }

    /** PNG writing sRGB-encodes; data images (normals, depth, masks) are pre-decoded so they land as-is. */
    static float predecode(float v) {
        return ImageFiles.srgbToLinear(ToneMap.clamp01(v));
    }
}
