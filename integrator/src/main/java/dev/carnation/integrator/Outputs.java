package dev.carnation.integrator;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.integrator.film.Film;
import dev.carnation.integrator.film.ImageOutput;
import dev.carnation.integrator.film.ToneMap;
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

    public static List<Path> write(Film film, Path out, List<String> aovs, double exposure, String tonemap)
            throws IOException {
        List<Path> written = new ArrayList<>();
        int w = film.width();
        int h = film.height();
        boolean png = ImageOutput.formatOf(out) == ImageOutput.Format.PNG;
        float[] rgb = film.radiance();
        if (aovs.contains("alpha")) {
            float[] a = film.aov(7, 1);
            float[] rgba = new float[w * h * 4];
            for (int i = 0; i < w * h; i++) {
                System.arraycopy(rgb, i * 3, rgba, i * 4, 3);
                rgba[i * 4 + 3] = a[i];
            }
            ImageOutput.write(out, w, h, rgba, 4, true, exposure, tonemap);
        } else {
            ImageOutput.write(out, w, h, rgb, 3, true, exposure, tonemap);
        }
        written.add(out);
        for (String aov : aovs) {
            Path p = sibling(out, aov);
            switch (aov) {
                case "albedo" -> ImageOutput.write(p, w, h, film.aov(0, 3), 3, false, 0, "none");
                case "normal" -> {
                    float[] n = film.aov(3, 3);
                    if (png) {
                        for (int i = 0; i < n.length; i++) {
                            n[i] = predecode(0.5f + 0.5f * n[i]);
                        }
                    }
                    ImageOutput.write(p, w, h, n, 3, false, 0, "none");
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
                    ImageOutput.write(p, w, h, d, 1, false, 0, "none");
                }
                case "alpha" -> {
                    float[] a = film.aov(7, 1);
                    if (png) {
                        for (int i = 0; i < a.length; i++) {
                            a[i] = predecode(a[i]);
                        }
                    }
                    ImageOutput.write(p, w, h, a, 1, false, 0, "none");
                }
                default -> throw new IllegalArgumentException("unknown AOV " + aov);
            }
            written.add(p);
        }
        return written;
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
