package dev.carnation.scene.material;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.scene.io.Fields;

/**
 * Glass-like interface (kernel: closure/Dielectric): Fresnel-weighted reflection and refraction,
 * smooth or GGX-rough. base_color tints transmission and reflection (default clear).
 */
public final class Dielectric extends Material {
    public Dielectric(double ior, double roughness) {
        super(MAT_DIELECTRIC);
        record[M_IOR] = (float) ior;
        record[M_ROUGH] = (float) roughness;
    }

    static Dielectric parse(Fields f, Context ctx) {
        Dielectric d = new Dielectric(f.number("ior", 1.5, 1.0001, 4), 0);
        d.readRoughness(f, 0);
        d.set(M_BASE, f.color("base_color", 1, 1, 1, 1));
        d.readCommon(f, ctx, true);
        return d;
    }
}
