package dev.carnation.integrator;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.film.Film;
import org.junit.jupiter.api.Test;

/** Object identity and nested media, each against the same scene without the extra object. */
class ObjectsAndMediaTest {
    /** Mean of channel c over the pixels that saw geometry, and that pixel count. */
    static double[] meanOnObject(Film f, int c) {
        float[] rgb = f.radiance();
        float[] alpha = f.aov(7, 1);
        double s = 0;
        int n = 0;
        for (int i = 0; i < alpha.length; i++) {
            if (alpha[i] == 1f) {
                s += rgb[i * 3 + c];
                n++;
            }
        }
        return new double[] {s / n, n};
    }

    /** Standard error of the difference of two images' means over the object, from the films' own variance. */
    static double stdErrOfDifference(Film a, Film b, int c) {
        double[] va = a.varianceOfMean();
        double[] vb = b.varianceOfMean();
        float[] alpha = a.aov(7, 1);
        double v = 0;
        int n = 0;
        for (int i = 0; i < alpha.length; i++) {
            if (alpha[i] == 1f) {
                v += va[i * 3 + c] + vb[i * 3 + c];
                n++;
            }
        }
        return Math.sqrt(v) / n;
    }

    static final String SKIN = """
            {"camera": {"position": [0, 0, 0.3], "look_at": [0, 0, 0], "focal_length_mm": 100, "f_number": 0},
             "render": {"width": 32, "height": 32, "max_depth": 32},
             "materials": {"skin": {"type": "skin", "base_color": [0.8, 0.6, 0.5], "mean_free_path_mm": [20, 10, 5], "ior": 1.4}%s},
             "shapes": [{"type": "sphere", "radius": 0.02, "rings": 32, "segments": 64, "material": "skin"}%s],
             "lights": [{"type": "environment", "radiance": 1}]}
            """;

    /**
     * A random walk belongs to the object it entered: a closed object inside the skin (here the same
     * skin, and a black diffuse core) is not part of the medium, so the image equals the sphere alone
     * within 4 standard errors. A walk that sees the inner surface leaves, re-enters or dies there.
     */
    @Test
    void skinSphereWithInnerObjectsRendersLikeTheSphereAlone() throws Exception {
        Film alone = Scenes.render(Scenes.fromJson(SKIN.formatted("", "")), 64, 2);
        for (String inner : new String[] {"skin", "core"}) {
            Film with = Scenes.render(Scenes.fromJson(SKIN.formatted(", \"core\": {\"type\": \"diffuse\", \"base_color\": 0}",
                    ", {\"type\": \"sphere\", \"radius\": 0.012, \"material\": \"" + inner + "\"}")), 64, 2);
            for (int c = 0; c < 3; c++) {
                double a = meanOnObject(alone, c)[0];
                double b = meanOnObject(with, c)[0];
                double se = stdErrOfDifference(alone, with, c);
                System.out.printf("inner %s, channel %d: alone %.4f, with %.4f, 4 se %.4f%n", inner, c, a, b, 4 * se);
                assertEquals(a, b, 4 * se, "inner " + inner + ", channel " + c);
            }
        }
    }

    static final String GLASS = """
            {"camera": {"position": [0, 0, 1], "look_at": [0, 0, 0], "focal_length_mm": 80, "f_number": 0},
             "render": {"width": 32, "height": 32, "max_depth": 32},
             "materials": {"outer": {"type": "dielectric", "ior": 1.5},
                           "inner": {"type": "dielectric", "ior": %s, "priority": %s}},
             "shapes": [{"type": "sphere", "radius": 0.2, "material": "outer"}%s],
             "lights": [{"type": "environment", "file": "hdri/studio_small_03_1k.hdr"}]}
            """;

    /**
     * Nested dielectrics resolve the relative IOR from the media the path is in: a sphere of the
     * same IOR inside a glass sphere is no interface at all (relative IOR 1) and must render like the
     * glass alone; a sphere of IOR 1.2 inside (relative 0.8, below 1) must not. Seen against a studio
     * environment, smooth glass leaves only the noise of the Fresnel choice.
     */
    @Test
    void indexMatchedInnerSphereIsInvisible() throws Exception {
        String inner = ", {\"type\": \"sphere\", \"radius\": 0.1, \"material\": \"inner\"}";
        Film alone = Scenes.render(Scenes.fromJson(GLASS.formatted(1.5, 0, "")), 32, 2);
        Film matched = Scenes.render(Scenes.fromJson(GLASS.formatted(1.5, 1, inner)), 32, 2);
        Film bubble = Scenes.render(Scenes.fromJson(GLASS.formatted(1.2, 1, inner)), 32, 2);
        double rMatched = fractionDifferent(alone, matched);
        double rBubble = fractionDifferent(alone, bubble);
        System.out.printf("pixels differing by more than 4 sigma: index-matched %.4f, IOR 1.2 bubble %.4f%n", rMatched, rBubble);
        // Equal images up to noise leave well under 1 % of values beyond 4 sigma, even with glass's heavy tails.
        assertTrue(rMatched < 0.01, "an index-matched inner sphere must not change the image");
        assertTrue(rBubble > 0.05, "a bubble of relative IOR 0.8 must refract");
        assertEquals(0, matched.nonFiniteSamples());
        assertEquals(0, bubble.nonFiniteSamples());
    }

    /** Fraction of values whose difference exceeds 4 standard deviations of the films' own noise. */
    static double fractionDifferent(Film a, Film b) {
        float[] ma = a.radiance();
        float[] mb = b.radiance();
        double[] va = a.varianceOfMean();
        double[] vb = b.varianceOfMean();
        int n = 0;
        for (int i = 0; i < ma.length; i++) {
            double d = ma[i] - mb[i];
            if (d * d > 16 * (va[i] + vb[i]) + 1e-12) {
                n++;
            }
        }
        return (double) n / ma.length;
    }
}
