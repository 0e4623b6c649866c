package dev.carnation.scene.material;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.scene.io.Fields;
import java.util.Map;

/**
 * Skin (kernel: closure/Subsurface and integrator/RandomWalk): a dual-lobe specular dielectric
 * boundary over a homogeneous scattering medium.
 *
 * <p>The medium is given either artist-friendly, as the surface albedo (base_color, usually a
 * texture) plus a mean free path per RGB channel in millimetres, converted with the albedo
 * inversion of van de Hulst's reflectance formula (d'Eon; Cycles' random walk), or as measured
 * coefficients: a preset ("skin1", "skin2": Jensen et al. 2001) or sigma_a and reduced
 * sigma_s' per mm, times "coefficient_scale".
 */
public final class Skin extends Material {
    /** Jensen et al. 2001, "A Practical Model for Subsurface Light Transport", table: sigma_s' and sigma_a in 1/mm. */
    static final Map<String, double[][]> PRESETS = Map.of(
            "skin1", new double[][] {{0.74, 0.88, 1.01}, {0.032, 0.17, 0.48}},
            "skin2", new double[][] {{1.09, 1.59, 1.79}, {0.013, 0.070, 0.145}});

    /** Tile size of detail maps on the skin, resolved by the loader to a uv multiplier. */
    private double detailTileMm;

    Skin() {
        super(MAT_SUBSURFACE);
        record[M_IOR] = 1.4f;
    }

    public double detailTileMm() {
        return detailTileMm;
    }

    public boolean hasDetailMaps() {
        return record[M_TEX_DETAIL_NORMAL] >= 0 || record[M_TEX_DETAIL_ROUGH] >= 0;
    }

    /** Sets how many detail tiles fit in one unit of texture coordinate. */
    public void setDetailUvScale(double tilesPerUv) {
        record[M_DETAIL_UV] = (float) tilesPerUv;
    }

    /**
     * Densest medium accepted, per mm (a mean free path of 1 nm): far beyond any tissue, and
     * finite in single precision once converted to per metre.
     */
    static final double MAX_SIGMA_T_PER_MM = 1e6;

    static Skin parse(Fields f, Context ctx) {
        Skin k = new Skin();
        k.set(M_BASE, f.color("base_color", 1, 0.8, 0.55, 0.45));
        k.readCommon(f, ctx, true);
        k.record[M_IOR] = (float) f.number("ior", 1.4, 1.0, 3);
        k.record[M_ROUGH] = (float) f.number("roughness", 0.45, 0, 1);
        double[] lobes = f.vector("dual_lobe", 0.75, 1.3);
        if (!(lobes[0] > 0 && lobes[1] > 0 && lobes[0] <= 4 && lobes[1] <= 4)) {
            throw f.error("dual_lobe", "roughness multipliers must be in (0, 4]");
        }
        k.set(M_LOBE1, lobes[0], lobes[1]);
        k.record[M_LOBE_MIX] = (float) f.number("lobe_mix", 0.85, 0, 1);
        k.record[M_SPECULAR] = (float) f.number("specular", 0.5, 0, 1);
        double g = f.number("g", 0, -0.95, 0.95);
        k.record[M_SSS_G] = (float) g;
        k.record[M_TEX_SPEC] = ctx.textures().load(f, "specular_texture", ctx.assets(), false);
        k.record[M_TEX_SCATTER] = ctx.textures().load(f, "scatter_texture", ctx.assets(), false);
        k.record[M_TEX_DETAIL_NORMAL] = ctx.textures().load(f, "detail_normal_texture", ctx.assets(), false);
        k.record[M_DETAIL_NORMAL_Y] = greenUp(f, "detail_normal_texture_convention");
        k.record[M_TEX_DETAIL_ROUGH] = ctx.textures().load(f, "detail_roughness_texture", ctx.assets(), false);
        k.detailTileMm = f.positive("detail_tile_mm", 2, 1000);
        boolean coefficients = f.has("preset") || f.has("sigma_a_per_mm");
        if (coefficients) {
            double[] sigmaSp;
            double[] sigmaA;
            if (f.has("preset")) {
                double[][] p = PRESETS.get(f.string("preset"));
                if (p == null) {
                    throw f.error("preset", "unknown skin preset \"" + f.string("preset") + "\" (expected skin1 or skin2)");
                }
                sigmaSp = p[0];
                sigmaA = p[1];
            } else {
                sigmaA = f.vector("sigma_a_per_mm", 3);
                sigmaSp = f.vector("reduced_sigma_s_per_mm", 3);
            }
            double scale = f.positive("coefficient_scale", 1, 1e6);
            for (int c = 0; c < 3; c++) {
                if (sigmaA[c] < 0 || sigmaSp[c] < 0 || sigmaA[c] + sigmaSp[c] <= 0) {
                    throw f.error("sigma_a_per_mm", "coefficients must be >= 0 and not both 0");
                }
                // sigma_s = sigma_s' / (1 - g); per mm to per metre.
                double sigmaS = sigmaSp[c] / (1 - g);
                double sigmaT = sigmaS + sigmaA[c];
                if (sigmaT * scale > MAX_SIGMA_T_PER_MM) {
                    throw f.error("sigma_a_per_mm", "extinction (times coefficient_scale) must be at most " + MAX_SIGMA_T_PER_MM + " per mm");
                }
                k.record[M_SSS_SIGMA_T + c] = (float) (sigmaT * 1000 * scale);
                k.record[M_SSS_ALPHA + c] = (float) (sigmaS / sigmaT);
            }
            k.record[M_SSS_MODE] = 1;
        } else {
            double[] mfp = f.vector("mean_free_path_mm", 3.0, 1.2, 0.6);
            for (int c = 0; c < 3; c++) {
                if (!(mfp[c] >= 1 / MAX_SIGMA_T_PER_MM) || mfp[c] > 1e6) {
                    throw f.error("mean_free_path_mm", "each channel must be in [" + 1 / MAX_SIGMA_T_PER_MM + ", 1e6] mm");
                }
                k.record[M_SSS_SIGMA_T + c] = (float) (1000 / mfp[c]);
            }
            k.record[M_SSS_MODE] = 0;
        }
        return k;
    }
}
