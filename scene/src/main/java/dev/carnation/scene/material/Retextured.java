package dev.carnation.scene.material;

import static dev.carnation.kernel.Layout.*;

/**
 * A copy of a scene material whose base colour is multiplied by a texture the scene builds itself,
 * in the mesh's own texture coordinates (uv_scale 1): the sclera of an {@code "eye"} shape, whose
 * vein map lies in the eye's spherical coordinates. The copy's own base_color_texture, if it had
 * one, is replaced; everything else (type, colour, roughness, subsurface) is the original's.
 */
public final class Retextured extends Material {
    private final Material original;

    public Retextured(Material original, int texture) {
        super(original.kernelType());
        this.original = original;
        float[] r = original.record();
        System.arraycopy(r, 0, record, 0, r.length);
        record[M_TEX_BASE] = texture;
        record[M_UV_SCALE] = 1;
        record[M_UV_SCALE + 1] = 1;
    }

    public Material original() {
        return original;
    }
}
