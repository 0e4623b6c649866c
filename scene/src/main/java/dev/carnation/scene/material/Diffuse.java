package dev.carnation.scene.material;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.scene.io.Fields;

/** Lambertian reflector (kernel: closure/Lambert). Fields: base_color, textures, emission. */
public final class Diffuse extends Material {
    public Diffuse(double r, double g, double b) {
        super(MAT_DIFFUSE);
        set(M_BASE, r, g, b);
    }

    static Diffuse parse(Fields f, Context ctx) {
        // Albedo 1 would be a lossless white; real materials stay below ~0.95 but tests need 1.
        double[] c = f.color("base_color", 1, 0.8, 0.8, 0.8);
        Diffuse d = new Diffuse(c[0], c[1], c[2]);
        d.readCommon(f, ctx, true);
        return d;
    }
}
