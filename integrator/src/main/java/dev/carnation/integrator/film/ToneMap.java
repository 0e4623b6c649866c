package dev.carnation.integrator.film;

import dev.carnation.scene.texture.ImageFiles;

/**
 * Display transforms from scene-linear Rec.709 to display-referred [0, 1] before sRGB encoding.
 * "aces": Stephen Hill's fit of the ACES RRT + sRGB ODT; "agx": Troy Sobotka's AgX base
 * (with the polynomial sigmoid fit popularised by Benjamin Wrensch); "none": clip.
 */
public final class ToneMap {
    private ToneMap() {}

    public static void apply(String kind, float[] rgb) {
        switch (kind) {
            case "aces" -> aces(rgb);
            case "agx" -> agx(rgb);
            default -> {
                for (int i = 0; i < 3; i++) {
                    rgb[i] = clamp01(rgb[i]);
                }
            }
        }
    }

    static void aces(float[] c) {
        // sRGB -> ACES fit input space (RRT_SAT included), per Hill.
        float r = 0.59719f * c[0] + 0.35458f * c[1] + 0.04823f * c[2];
        float g = 0.07600f * c[0] + 0.90834f * c[1] + 0.01566f * c[2];
        float b = 0.02840f * c[0] + 0.13383f * c[1] + 0.83777f * c[2];
        r = rrtOdt(r);
        g = rrtOdt(g);
        b = rrtOdt(b);
        c[0] = clamp01(1.60475f * r - 0.53108f * g - 0.07367f * b);
        c[1] = clamp01(-0.10208f * r + 1.10813f * g - 0.00605f * b);
        c[2] = clamp01(-0.00327f * r - 0.07276f * g + 1.07602f * b);
    }

    static float rrtOdt(float v) {
        float a = v * (v + 0.0245786f) - 0.000090537f;
        float b = v * (0.983729f * v + 0.4329510f) + 0.238081f;
        return a / b;
    }

    static void agx(float[] c) {
        float r = 0.842479f * c[0] + 0.0784336f * c[1] + 0.0792237f * c[2];
        float g = 0.0423303f * c[0] + 0.878469f * c[1] + 0.0791916f * c[2];
        float b = 0.0423742f * c[0] + 0.0784336f * c[1] + 0.879142f * c[2];
        r = agxCurve(r);
        g = agxCurve(g);
        b = agxCurve(b);
        // Inverse inset; the curve output is already display-encoded, so undo sRGB for the writer.
        float or = 1.19688f * r - 0.0980209f * g - 0.0990297f * b;
        float og = -0.0528969f * r + 1.15190f * g - 0.0989612f * b;
        float ob = -0.0529716f * r - 0.0980435f * g + 1.15107f * b;
        c[0] = ImageFiles.srgbToLinear(clamp01(or));
        c[1] = ImageFiles.srgbToLinear(clamp01(og));
        c[2] = ImageFiles.srgbToLinear(clamp01(ob));
    }

    static float agxCurve(float v) {
        float minEv = -12.47393f;
        float maxEv = 4.026069f;
        float x = (float) (Math.log(Math.max(v, 1e-10f)) / Math.log(2));
        x = clamp01((x - minEv) / (maxEv - minEv));
        float x2 = x * x;
        float x4 = x2 * x2;
        return 15.5f * x4 * x2 - 40.14f * x4 * x + 31.96f * x4 - 6.868f * x2 * x + 0.4298f * x2 + 0.1191f * x - 0.00232f;
    }

    public static float clamp01(float v) {
        return v > 0 ? (v < 1 ? v : 1) : 0;
    }

    public static float srgbEncode(float v) {
        return v <= 0.0031308f ? 12.92f * v : (float) (1.055 * Math.pow(v, 1 / 2.4) - 0.055);
    }
}
