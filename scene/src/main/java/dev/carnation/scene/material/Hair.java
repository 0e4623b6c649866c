package dev.carnation.scene.material;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.scene.io.Fields;

/**
 * Hair fibres (kernel: closure/Hair, Chiang et al. 2016): for curve primitives, whose hits give
 * the closure the fibre's frame, the offset across it and the strand's random value and position.
 *
 * <p>The pigment is given one of three ways: melanin concentrations ({@code melanin}: eumelanin,
 * {@code pheomelanin}; d'Eon et al. 2011), the {@code base_color} a mass of such hair shows under
 * white light (inverted to absorption by Chiang et al.'s fit, which depends on beta_n), or
 * {@code sigma_a} per unit fibre radius. An optional {@code tip} object gives the same kind of
 * values at the tip, blended linearly along the strand; {@code variation} spreads absorption,
 * roughness and tilt per strand by a relative amount.
 */
public final class Hair extends Material {
    /** pbrt-v4's default pigment when none is given: brown hair. */
    static final double DEFAULT_EUMELANIN = 1.3;
    /** Concentrations far past black hair (about 8): beyond it every fibre is opaque anyway. */
    static final double MAX_MELANIN = 100;
    static final double MAX_SIGMA_A = 1e4;
    /** Field names of the pigment kinds, indexed by HAIR_*. */
    static final String[] KINDS = {"melanin", "base_color", "sigma_a"};

    Hair() {
        super(MAT_HAIR);
        record[M_IOR] = 1.55f;
    }

    static Hair parse(Fields f, Context ctx) {
        Hair h = new Hair();
        int mode = pigmentKind(f, -1);
        if (mode < 0) {
            mode = HAIR_MELANIN;
        }
        h.record[M_HAIR_MODE] = mode;
        double[] root = pigment(f, mode, null);
        h.set(M_HAIR_ROOT, root);
        double[] tip = root;
        if (f.has("tip")) {
            Fields t = f.object("tip");
            int tipMode = pigmentKind(t, mode);
            if (tipMode >= 0 && tipMode != mode) {
                throw t.error(KINDS[tipMode], "the tip must give the same kind of pigment as the root (" + KINDS[mode] + ")");
            }
            tip = pigment(t, mode, root);
            t.done();
        }
        h.set(M_HAIR_TIP, tip);
        h.record[M_HAIR_BETA_M] = (float) f.number("beta_m", 0.3, 0.01, 1);
        h.record[M_HAIR_BETA_N] = (float) f.number("beta_n", 0.3, 0.01, 1);
        h.record[M_HAIR_ALPHA] = (float) Math.toRadians(f.number("alpha_deg", 2, 0, 10));
        h.record[M_IOR] = (float) f.number("ior", 1.55, 1.0001, 3);
        if (f.has("variation")) {
            Fields v = f.object("variation");
            h.record[M_HAIR_VAR_MELANIN] = (float) v.number("melanin", 0, 0, 1);
            h.record[M_HAIR_VAR_ROUGH] = (float) v.number("roughness", 0, 0, 1);
            h.record[M_HAIR_VAR_TILT] = (float) v.number("tilt", 0, 0, 1);
            v.done();
        }
        return h;
    }

    /**
     * Which kind of pigment the object gives (HAIR_*), or fallback when it gives none; two kinds
     * at once are refused at the second one's key.
     */
    static int pigmentKind(Fields f, int fallback) {
        boolean melanin = f.has("melanin") || f.has("pheomelanin");
        boolean color = f.has("base_color");
        boolean sigma = f.has("sigma_a");
        if ((melanin ? 1 : 0) + (color ? 1 : 0) + (sigma ? 1 : 0) > 1) {
            throw f.error(sigma ? "sigma_a" : "base_color", "give one of melanin/pheomelanin, base_color or sigma_a");
        }
        int kind = fallback;
        if (melanin) {
            kind = HAIR_MELANIN;
        } else if (color) {
            kind = HAIR_COLOR;
        } else if (sigma) {
            kind = HAIR_ABSORPTION;
        }
        return kind;
    }

    /** The three record values of one end of the strand; missing fields fall back to the root's. */
    static double[] pigment(Fields f, int mode, double[] root) {
        return switch (mode) {
            case HAIR_COLOR -> f.color("base_color", 1, root == null ? new double[] {0.3, 0.2, 0.12} : root);
            case HAIR_ABSORPTION -> sigmaA(f, root == null ? new double[] {0.5, 0.8, 1.5} : root);
            default -> new double[] {
                f.number("melanin", root == null ? DEFAULT_EUMELANIN : root[0], 0, MAX_MELANIN),
                f.number("pheomelanin", root == null ? 0 : root[1], 0, MAX_MELANIN),
                0};
        };
    }

    static double[] sigmaA(Fields f, double[] fallback) {
        double[] s = f.vector("sigma_a", fallback);
        for (double x : s) {
            if (x < 0 || x > MAX_SIGMA_A) {
                throw f.error("sigma_a", "absorption per unit radius must be in [0, " + MAX_SIGMA_A + "]");
            }
        }
        return s;
    }
}
