package dev.carnation.scene.material;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.scene.io.Assets;
import dev.carnation.scene.io.Fields;
import dev.carnation.scene.texture.TextureTable;

/**
 * A material as the kernel sees it: one MAT_STRIDE record. Subclasses read their own fields and
 * fill their part of the record; this class reads what every material shares (textures,
 * emission). Adding a material means one kernel closure file and one subclass here, registered
 * in {@link Materials}.
 */
public abstract class Material {
    /**
     * Largest texture-coordinate magnitude, for uv_scale and for mesh coordinates alike: their
     * product stays below 1e8, where the kernel's float-to-int texel arithmetic is still exact in range.
     */
    public static final double MAX_UV = 1e4;

    protected final float[] record = new float[MAT_STRIDE];

    protected Material(int kernelType) {
        record[M_TYPE] = kernelType;
        record[M_IOR] = 1.5f;
        record[M_TEX_BASE] = -1;
        record[M_TEX_ROUGH] = -1;
        record[M_TEX_NORMAL] = -1;
        record[M_TEX_SPEC] = -1;
        record[M_TEX_SCATTER] = -1;
        record[M_TEX_DETAIL_NORMAL] = -1;
        record[M_TEX_DETAIL_ROUGH] = -1;
        record[M_DETAIL_UV] = 1;
        record[M_NORMAL_SCALE] = 1;
        record[M_NORMAL_Y] = 1;
        record[M_DETAIL_NORMAL_Y] = 1;
        record[M_UV_SCALE] = 1;
        record[M_UV_SCALE + 1] = 1;
        set(M_BASE, 1, 1, 1);
    }

    /** Context for parsing: where files come from and where textures go. */
    public record Context(Assets assets, TextureTable textures) {}

    protected final void set(int at, double... v) {
        for (int i = 0; i < v.length; i++) {
            record[at + i] = (float) v[i];
        }
    }

    /** Reads the fields every material accepts. Call once from each subclass's parser. */
    protected final void readCommon(Fields f, Context ctx, boolean textured) {
        set(M_EMIT, f.color("emission", 1e7, 0, 0, 0));
        record[M_TWO_SIDED] = f.bool("two_sided", false) ? 1 : 0;
        if (textured) {
            record[M_TEX_BASE] = ctx.textures().load(f, "base_color_texture", ctx.assets(), true);
            record[M_TEX_ROUGH] = ctx.textures().load(f, "roughness_texture", ctx.assets(), false);
            record[M_TEX_NORMAL] = ctx.textures().load(f, "normal_texture", ctx.assets(), false);
            record[M_NORMAL_SCALE] = (float) f.number("normal_scale", 1, 0, 10);
            record[M_NORMAL_Y] = greenUp(f, "normal_texture_convention");
            // Bounded so that scaled texture coordinates stay well inside the int range of the kernel's texel lookup.
            set(M_UV_SCALE, f.bounded("uv_scale", f.vector("uv_scale", 1, 1), MAX_UV, "must be within ±" + (int) MAX_UV));
        }
    }

    /**
     * +1 for tangent-space normal maps whose green channel points up the image (OpenGL, glTF, Blender:
     * the default), -1 for the DirectX convention (Unreal, 3ds Max, Substance's DirectX export).
     */
    protected static float greenUp(Fields f, String key) {
        return "directx".equals(f.choice(key, "opengl", "opengl", "directx")) ? -1f : 1f;
    }

    protected final void readRoughness(Fields f, double fallback) {
        record[M_ROUGH] = (float) f.number("roughness", fallback, 0, 1);
        record[M_ANISO] = (float) f.number("anisotropy", 0, -1, 1);
    }

    public float[] record() {
        return record.clone();
    }

    public float[] emission() {
        return new float[] {record[M_EMIT], record[M_EMIT + 1], record[M_EMIT + 2]};
    }

    public void setEmission(float r, float g, float b, boolean twoSided) {
        record[M_EMIT] = r;
        record[M_EMIT + 1] = g;
        record[M_EMIT + 2] = b;
        record[M_TWO_SIDED] = twoSided ? 1 : 0;
    }

    public int kernelType() {
        return (int) record[M_TYPE];
    }
}
