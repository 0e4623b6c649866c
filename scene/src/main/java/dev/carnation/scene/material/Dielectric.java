package dev.carnation.scene.material;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.scene.io.Fields;

/**
 * Glass-like interface (kernel: closure/Dielectric): Fresnel-weighted reflection and refraction,
 * smooth or GGX-rough. base_color tints transmission and reflection (default clear). {@code ior} is
 * the material's own index (against vacuum); where dielectric objects touch or overlap (glass in
 * water, a cornea over aqueous humour) the kernel finds the relative index from the media the path
 * is in, and {@code priority} says which object owns an overlap (Schmidt and Budge 2002).
 */
public final class Dielectric extends Material {
    public Dielectric(double ior, double roughness) {
        super(MAT_DIELECTRIC);
        record[M_IOR] = (float) ior;
        record[M_ROUGH] = (float) roughness;
    }

    /** Nested dielectrics: the higher priority owns overlaps. */
    public void setPriority(int priority) {
        record[M_PRIORITY] = priority;
    }

    static Dielectric parse(Fields f, Context ctx) {
        Dielectric d = new Dielectric(f.number("ior", 1.5, 1.0001, 4), 0);
        d.readRoughness(f, 0);
        d.record[M_PRIORITY] = f.integer("priority", 0, 0, 1000);
        d.set(M_BASE, f.color("base_color", 1, 1, 1, 1));
        d.readCommon(f, ctx, true);
        return d;
    }
}
