package dev.carnation.kernel.geom;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.kernel.closure.Bsdf;
import dev.carnation.kernel.texture.Texture;

/**
 * Builds the shading context of a hit: position, geometric normal, interpolated and normal-mapped
 * shading frame, texture coordinates, and the material with its textures applied.
 */
public final class Surface {
    private Surface() {}

    /**
     * Fills S_P, S_NG, S_N, S_TG, S_BT, S_UV, S_HIT_EPS and the S_M* material slots (a curve hit
     * also S_HAIR_*, see {@link Curve#setup}); returns the material id.
     */
    public static int setup(int[] sceneI, float[] sceneF, float[] texels, int tri, float[] s) {
        int triRec = sceneI[H_TRI_OFF] + tri * TRI_STRIDE;
        int mat = sceneI[triRec + T_MAT];
        int prim = sceneI[triRec + T_TYPE];
        float tSign = 1f;
        // Written out rather than in a method per primitive type: one more call level below the
        // path loop's stages and TornadoVM stops inlining them (docs/tornadovm-notes.md).
        s[S_UV_FOOT] = 0f;
        if (prim == PRIM_CURVE) {
            Curve.setup(sceneI, sceneF, triRec, s);
        } else {
            int vOff = sceneI[H_VERT_OFF];
            int v0 = vOff + sceneI[triRec] * VERT_STRIDE;
            int v1 = vOff + sceneI[triRec + 1] * VERT_STRIDE;
            int v2 = vOff + sceneI[triRec + 2] * VERT_STRIDE;
            float b1 = s[S_BU];
            float b2 = s[S_BV];
            float b0 = 1f - b1 - b2;
            for (int k = 0; k < 3; k++) {
                s[S_P + k] = b0 * sceneF[v0 + k] + b1 * sceneF[v1 + k] + b2 * sceneF[v2 + k];
                s[S_N + k] = b0 * sceneF[v0 + 3 + k] + b1 * sceneF[v1 + 3 + k] + b2 * sceneF[v2 + 3 + k];
                s[S_TG + k] = b0 * sceneF[v0 + 8 + k] + b1 * sceneF[v1 + 8 + k] + b2 * sceneF[v2 + 8 + k];
            }
            tSign = sceneF[v0 + 11];
            for (int k = 0; k < 2; k++) {
                s[S_UV + k] = b0 * sceneF[v0 + 6 + k] + b1 * sceneF[v1 + 6 + k] + b2 * sceneF[v2 + 6 + k];
            }
            geometricNormal(sceneI, sceneF, tri, s);
            uvFootprint(sceneI, sceneF, tri, v0, v1, v2, s);
            if (normalize(s, S_N) == 0f) {
                for (int k = 0; k < 3; k++) {
                    s[S_N + k] = s[S_NG + k];
                }
            }
            orthonormalize(s, tSign);
            s[S_HIT_EPS] = 0f;
        }

        int m = sceneI[H_MAT_OFF] + mat * MAT_STRIDE;
        float us = s[S_UV] * sceneF[m + M_UV_SCALE];
        float vs = s[S_UV + 1] * sceneF[m + M_UV_SCALE + 1];
        // The footprint in the scaled coordinates the material's maps are read with.
        float foot = s[S_UV_FOOT] * Math.abs(sceneF[m + M_UV_SCALE] * sceneF[m + M_UV_SCALE + 1]);
        s[S_MTYPE] = sceneF[m + M_TYPE];
        for (int k = 0; k < 3; k++) {
            s[S_MBASE + k] = sceneF[m + M_BASE + k];
            s[S_CN + k] = sceneF[m + M_COND_N + k];
            s[S_CK + k] = sceneF[m + M_COND_K + k];
        }
        int texBase = (int) sceneF[m + M_TEX_BASE];
        if (texBase >= 0) {
            Texture.lookupLod(sceneI, texels, texBase, us, vs, foot, s, S_TEX);
            for (int k = 0; k < 3; k++) {
                s[S_MBASE + k] *= s[S_TEX + k];
            }
        }
        float rough = sceneF[m + M_ROUGH];
        int texRough = (int) sceneF[m + M_TEX_ROUGH];
        if (texRough >= 0) {
            Texture.lookupLod(sceneI, texels, texRough, us, vs, foot, s, S_TEX);
            rough *= s[S_TEX];
        }
        // Perceptual roughness to GGX alpha, anisotropy as in Burley 2012.
        float alpha = rough * rough;
        float aniso = sceneF[m + M_ANISO];
        float aspect = (float) Math.sqrt(1f - 0.9f * Math.abs(aniso));
        float ax = alpha / aspect;
        float ay = alpha * aspect;
        if (aniso < 0f) {
            ax = alpha * aspect;
            ay = alpha / aspect;
        }
        s[S_AX] = ax;
        s[S_AY] = ay;
        s[S_ETA] = sceneF[m + M_IOR];
        int texNormal = (int) sceneF[m + M_TEX_NORMAL];
        int texDetail = (int) sceneF[m + M_TEX_DETAIL_NORMAL];
        Bsdf.setup(sceneI, sceneF, texels, m, us, vs, rough, s);
        // Normal maps need a surface's tangent space; a fiber's frame is its tangent and the view.
        if (prim == PRIM_TRIANGLE && (texNormal >= 0 || texDetail >= 0)) {
            float scale = sceneF[m + M_NORMAL_SCALE];
            float nx = 0f;
            float ny = 0f;
            float nz = 1f;
            // Normal variance lost to filtering widens the specular lobes (Toksvig 2005, in GGX
            // terms): alpha^2 += (1 - |n|) / (2 |n|) for the filtered, unnormalised map normal n,
            // faded in over the first level (level 0 is the map itself: 8-bit normals are not unit).
            float toksvig = 0f;
            if (texNormal >= 0) {
                float lod = Texture.lookupLod(sceneI, texels, texNormal, us, vs, foot, s, S_TEX);
                nx = (2f * s[S_TEX] - 1f) * scale;
                ny = (2f * s[S_TEX + 1] - 1f) * scale * sceneF[m + M_NORMAL_Y];
                nz = 2f * s[S_TEX + 2] - 1f;
                toksvig = toksvig + normalVariance(s, lod);
            }
            if (texDetail >= 0) {
                // Whiteout blend (Barre-Brisebois and Hill 2012) of the tiling pore map.
                float k = sceneF[m + M_DETAIL_UV];
                float lod = Texture.lookupLod(sceneI, texels, texDetail, s[S_UV] * k, s[S_UV + 1] * k, s[S_UV_FOOT] * k * k, s, S_TEX);
                nx = nx + (2f * s[S_TEX] - 1f);
                ny = ny + (2f * s[S_TEX + 1] - 1f) * sceneF[m + M_DETAIL_NORMAL_Y];
                nz = nz * (2f * s[S_TEX + 2] - 1f);
                toksvig = toksvig + normalVariance(s, lod);
            }
            if (toksvig > 0f) {
                s[S_AX] = Math.min(1f, (float) Math.sqrt(s[S_AX] * s[S_AX] + toksvig));
                s[S_AY] = Math.min(1f, (float) Math.sqrt(s[S_AY] * s[S_AY] + toksvig));
            }
            float wx = nx * s[S_TG] + ny * s[S_BT] + nz * s[S_N];
            float wy = nx * s[S_TG + 1] + ny * s[S_BT + 1] + nz * s[S_N + 1];
            float wz = nx * s[S_TG + 2] + ny * s[S_BT + 2] + nz * s[S_N + 2];
            float wl = (float) Math.sqrt(wx * wx + wy * wy + wz * wz);
            if (wl > 0f) {
                s[S_N] = wx / wl;
                s[S_N + 1] = wy / wl;
                s[S_N + 2] = wz / wl;
                orthonormalize(s, tSign);
            }
        }
        return mat;
    }

    /**
     * Half Toksvig's variance, (1 - |n|) / (2 |n|), of the map normal decoded from S_TEX (|n|
     * clamped to [0.05, 1]), times min(1, lod): nothing at level 0, all of it from level 1 on. The
     * half keeps a bumpy mirror's highlight energy under GGX's long tails (integrator
     * NormalMapFilterTest: -0.6 % and -1.1 % against the resolved bumps; the full variance: -27 %).
     */
    static float normalVariance(float[] s, float lod) {
        float x = 2f * s[S_TEX] - 1f;
        float y = 2f * s[S_TEX + 1] - 1f;
        float z = 2f * s[S_TEX + 2] - 1f;
        float len = Math.max(0.05f, Math.min(1f, (float) Math.sqrt(x * x + y * y + z * z)));
        return 0.5f * (1f - len) / len * Math.min(1f, lod);
    }

    /**
     * The squared width of the hit's ray-cone footprint in base texture coordinates into S_UV_FOOT
     * (Akenine-Moller et al. 2019): (uv area / world area of the triangle) * (W / |cos|)^2 for the
     * cone width W at the hit (S_CONE_W) and the cosine between the ray and the geometric normal.
     */
    static void uvFootprint(int[] sceneI, float[] sceneF, int tri, int v0, int v1, int v2, float[] s) {
        int pre = sceneI[H_TRIPRE_OFF] + tri * TRIPRE_STRIDE;
        float e1x = sceneF[pre + 3];
        float e1y = sceneF[pre + 4];
        float e1z = sceneF[pre + 5];
        float e2x = sceneF[pre + 6];
        float e2y = sceneF[pre + 7];
        float e2z = sceneF[pre + 8];
        float gx = e1y * e2z - e1z * e2y;
        float gy = e1z * e2x - e1x * e2z;
        float gz = e1x * e2y - e1y * e2x;
        float area = (float) Math.sqrt(gx * gx + gy * gy + gz * gz);
        float du1 = sceneF[v1 + 6] - sceneF[v0 + 6];
        float dv1 = sceneF[v1 + 7] - sceneF[v0 + 7];
        float du2 = sceneF[v2 + 6] - sceneF[v0 + 6];
        float dv2 = sceneF[v2 + 7] - sceneF[v0 + 7];
        float uvArea = Math.abs(du1 * dv2 - du2 * dv1);
        float cos = s[S_RD] * s[S_NG] + s[S_RD + 1] * s[S_NG + 1] + s[S_RD + 2] * s[S_NG + 2];
        float cos2 = Math.max(cos * cos, 1e-8f);
        float w = s[S_CONE_W];
        float foot = 0f;
        if (area > 0f && w > 0f) {
            foot = uvArea / area * (w * w / cos2);
        }
        s[S_UV_FOOT] = foot;
    }

    /** Orthonormal tangents of unit n into S_TG and S_BT: the branchless basis of Duff et al. 2017. */
    public static void basis(float nx, float ny, float nz, float[] s) {
        basis(nx, ny, nz, s, S_TG);
    }

    /** The same basis into s[o..o+2] (tangent) and s[o+3..o+5] (bitangent); S_BT follows S_TG. */
    public static void basis(float nx, float ny, float nz, float[] s, int o) {
        float sg = 1f;
        if (nz < 0f) {
            sg = -1f;
        }
        float a = -1f / (sg + nz);
        float b = nx * ny * a;
        s[o] = 1f + sg * nx * nx * a;
        s[o + 1] = sg * b;
        s[o + 2] = -sg * nx;
        s[o + 3] = b;
        s[o + 4] = sg + ny * ny * a;
        s[o + 5] = -ny;
    }

    /** Unit geometric normal of triangle tri (e1 x e2, the winding's front) into S_NG. */
    public static void geometricNormal(int[] sceneI, float[] sceneF, int tri, float[] s) {
        unitNormal(sceneF, sceneI[H_TRIPRE_OFF] + tri * TRIPRE_STRIDE, s, S_NG);
    }

    /** Unit normal e1 x e2 of the triangle whose precomputed record starts at pre, into s[o..o+2]. */
    public static void unitNormal(float[] sceneF, int pre, float[] s, int o) {
        float e1x = sceneF[pre + 3];
        float e1y = sceneF[pre + 4];
        float e1z = sceneF[pre + 5];
        float e2x = sceneF[pre + 6];
        float e2y = sceneF[pre + 7];
        float e2z = sceneF[pre + 8];
        float gx = e1y * e2z - e1z * e2y;
        float gy = e1z * e2x - e1x * e2z;
        float gz = e1x * e2y - e1y * e2x;
        float gl = (float) Math.sqrt(gx * gx + gy * gy + gz * gz);
        s[o] = gx / gl;
        s[o + 1] = gy / gl;
        s[o + 2] = gz / gl;
    }

    /** Normalises the 3-vector at o in place; returns its former length. */
    static float normalize(float[] s, int o) {
        float l = (float) Math.sqrt(s[o] * s[o] + s[o + 1] * s[o + 1] + s[o + 2] * s[o + 2]);
        if (l > 0f) {
            s[o] /= l;
            s[o + 1] /= l;
            s[o + 2] /= l;
        }
        return l;
    }

    /**
     * Makes S_TG orthogonal to S_N (Gram-Schmidt) and sets S_BT = sign * N x T; falls back to the
     * branchless basis of Duff et al. 2017 when the tangent is missing or parallel to N.
     */
    public static void orthonormalize(float[] s, float sign) {
        float d = s[S_TG] * s[S_N] + s[S_TG + 1] * s[S_N + 1] + s[S_TG + 2] * s[S_N + 2];
        for (int k = 0; k < 3; k++) {
            s[S_TG + k] -= d * s[S_N + k];
        }
        if (normalize(s, S_TG) < 1e-6f) {
            basis(s[S_N], s[S_N + 1], s[S_N + 2], s);
        }
        float sgn = 1f;
        if (sign < 0f) {
            sgn = -1f;
        }
        s[S_BT] = sgn * (s[S_N + 1] * s[S_TG + 2] - s[S_N + 2] * s[S_TG + 1]);
        s[S_BT + 1] = sgn * (s[S_N + 2] * s[S_TG] - s[S_N] * s[S_TG + 2]);
        s[S_BT + 2] = sgn * (s[S_N] * s[S_TG + 1] - s[S_N + 1] * s[S_TG]);
    }
}
