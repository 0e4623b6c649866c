package dev.carnation.integrator;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.film.Film;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Light transport is linear in the emitters: a scene lit by an environment and an area light
 * renders, in expectation, the sum of the scene lit by each alone. Rendering with both changes
 * how light samples are split between them (the environment's selection probability pEnv, 1 when
 * it is alone), so every multiple-importance weight has to account for the split on both
 * strategies: a BSDF-sampled ray that hits a light must weigh it against the light-sampling
 * density including the selection probability of that light, or the sum of the weights is no
 * longer 1 and the image darkens where BSDF sampling carried the light.
 *
 * <p>The geometry is the same in all three renders: the lamp stays as a black emitter of zero
 * radiance, the environment as a black one. A black flag (opaque panel) shades part of the floor
 * from the lamp, so the image has a lamp-lit region and a region lit by the environment only.
 */
class LightLinearityTest {
    static final int W = 64;
    static final int H = 48;
    static final String GLOSSY = "{\"type\": \"conductor\", \"n\": [1.2, 1.2, 1.2], \"k\": [7, 7, 7], \"roughness\": 0.3}";
    static final String DIFFUSE = "{\"type\": \"diffuse\", \"base_color\": 0.5}";

    static Film render(String floor, double env, double emit, int seed, int spp) throws Exception {
        return Scenes.render(Scenes.fromJson("""
                {"camera": {"position": [-1.4, 1.6, 2.2], "look_at": [-0.1, 0, 0.2], "focal_length_mm": 24},
                 "render": {"width": %d, "height": %d, "max_depth": 8, "seed": %d},
                 "materials": {"floor": %s,
                               "flag": {"type": "diffuse", "base_color": 0},
                               "lamp": {"type": "diffuse", "base_color": 0, "emission": %s}},
                 "shapes": [{"type": "rectangle", "size": [3, 3], "material": "floor", "transform": {"rotate_deg": [-90, 0, 0]}},
                            {"type": "rectangle", "size": [1.4, 0.8], "material": "flag", "transform": {"rotate_deg": [0, 90, 0], "translate": [-0.2, 0.4, 0]}},
                            {"type": "rectangle", "size": [0.2, 0.2], "material": "lamp", "transform": {"rotate_deg": [90, 0, 0], "translate": [-0.4, 0.4, 0]}}],
                 "lights": [{"type": "environment", "radiance": %s}]}
                """.formatted(W, H, seed, floor, emit, env)), spp, 2);
    }

    /**
     * Renders environment only, lamp only and both (independent seeds) and returns, for the pixels
     * that see the lamp's light and for the geometry pixels that do not, sum(both) / sum(env + lamp).
     */
    static double[] ratios(String floor, double env, double emit, int seed, int spp) throws Exception {
        Film fe = render(floor, env, 0, seed, spp);
        Film fa = render(floor, 0, emit, seed + 1, spp);
        Film fb = render(floor, env, emit, seed + 2, spp);
        float[] e = fe.radiance();
        float[] a = fa.radiance();
        float[] b = fb.radiance();
        float[] alpha = fe.aov(7, 1);
        double[] sumBoth = new double[2];
        double[] sumParts = new double[2];
        int[] n = new int[2];
        for (int i = 0; i < W * H; i++) {
            // Sky pixels are the same in all three images; they would only dilute the comparison.
            if (alpha[i] < 1f) {
                continue;
            }
            // No lamp path at all reaches the flag's umbra, so "lit" is a[i] > 0. Penumbra pixels can
            // see no lamp sample by chance yet hold lamp light in the other render: a shaded pixel
            // must also have no lit pixel within 2 pixels, and the undecided band is left out.
            int region;
            if (a[i * 3 + 1] > 0) {
                region = 0;
            } else if (litNear(a, i % W, i / W, 2)) {
                continue;
            } else {
                region = 1;
            }
            for (int c = 0; c < 3; c++) {
                sumBoth[region] += b[i * 3 + c];
                sumParts[region] += e[i * 3 + c] + a[i * 3 + c];
            }
            n[region]++;
        }
        assertTrue(n[0] > 500 && n[1] > 300, "regions: " + n[0] + " lit, " + n[1] + " shaded pixels");
        assertEquals(0, fe.nonFiniteSamples() + fa.nonFiniteSamples() + fb.nonFiniteSamples());
        return new double[] {sumBoth[0] / sumParts[0], sumBoth[1] / sumParts[1]};
    }

    static boolean litNear(float[] a, int x, int y, int r) {
        for (int yy = Math.max(0, y - r); yy <= Math.min(H - 1, y + r); yy++) {
            for (int xx = Math.max(0, x - r); xx <= Math.min(W - 1, x + r); xx++) {
                if (a[(yy * W + xx) * 3 + 1] > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Two light balances, so that each light is in turn the one sampled rarely (pEnv is clamped to
     * [0.1, 0.9] by power): a bright sky over a glossy floor with a dim lamp (pEnv 0.9, the lamp's
     * highlight relies on BSDF sampling), and a dim sky over a diffuse floor with a bright lamp
     * (pEnv 0.1, the shaded floor's skylight relies on BSDF sampling). A weight that ignores the
     * split darkens the first case's lit region by ~13 % and the second case's shaded region by
     * ~15 %. Over 24 seeds at 128 spp the ratios scattered about 1 (mean within 0.2 %) with a
     * standard deviation of 0.9 % for the glossy highlight and 0.1-0.25 % for the rest; at 256 spp
     * that is ~0.65 %, so 3 % is over 4.5 standard deviations and well inside both effects.
     */
    @ParameterizedTest(name = "{0}: sky {1}, lamp {2}")
    @CsvSource({"glossy, 1.0, 50", "diffuse, 0.1, 2000"})
    void environmentAndAreaLightAddUp(String floor, double env, double emit) throws Exception {
        double[] r = ratios(floor.equals("glossy") ? GLOSSY : DIFFUSE, env, emit, 11, 256);
        System.out.printf("%s floor, sky %.2f, lamp %.0f: both / (sky + lamp) = %.4f lit, %.4f shaded%n", floor, env, emit, r[0], r[1]);
        assertEquals(1, r[0], 0.03, "lamp-lit region: both lights vs the sum of each alone");
        assertEquals(1, r[1], 0.03, "region shaded from the lamp: both lights vs the sum of each alone");
    }
}
