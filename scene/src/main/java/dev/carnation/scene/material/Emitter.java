package dev.carnation.scene.material;

import static dev.carnation.kernel.Layout.*;

/** The surface of a light source: emits, reflects nothing (paths end there). */
public final class Emitter extends Material {
    public Emitter(float r, float g, float b, boolean twoSided) {
        super(MAT_EMISSIVE_ONLY);
        set(M_BASE, 0, 0, 0);
        setEmission(r, g, b, twoSided);
    }
}
