package dev.carnation.scene.material;

import static dev.carnation.kernel.Layout.*;

/**
 * The iris of an {@code "eye"} shape: Lambertian (kernel: closure/Lambert) with a generated polar
 * texture, and the analytic form of the cornea in front of it so that the kernel can connect it to
 * lights through the cornea (light/Mnee). Made by the eye, never named in a scene's materials.
 */
public final class Iris extends Material {
    public Iris(int texture, double[] tint) {
        super(MAT_DIFFUSE);
        set(M_BASE, tint[0], tint[1], tint[2]);
        record[M_TEX_BASE] = texture;
    }

    /**
     * The cornea in world space: centre of its two concentric spheres, their radii, the two
     * indices, the optical axis and where the cornea ends along it (measured from the centre).
     * With mnee false the iris is shaded by plain path tracing (the brute-force reference).
     */
    public void cornea(float[] centre, float anterior, float posterior, double corneaIor, double aqueousIor,
                       float[] axis, float limbus, boolean mnee) {
        set(M_EYE_C, centre[0], centre[1], centre[2]);
        record[M_EYE_RA] = anterior;
        record[M_EYE_RP] = posterior;
        record[M_EYE_NC] = (float) corneaIor;
        record[M_EYE_NA] = (float) aqueousIor;
        set(M_EYE_AXIS, axis[0], axis[1], axis[2]);
        record[M_EYE_LIMBUS] = limbus;
        record[M_EYE] = mnee ? 1 : 0;
    }
}
