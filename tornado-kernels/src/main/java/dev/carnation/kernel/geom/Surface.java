package dev.carnation.kernel.geom;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.kernel.closure.Bsdf;
import dev.carnation.kernel.sampling.DetMath;
import dev.carnation.kernel.texture.Hammered;
import dev.carnation.kernel.texture.Scratches;
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
        // Hammered facets and micro-scratches (conductors only: the host sets M_MICRO), after the
        // normal map. A material without them skips this entirely, so it renders as before.
        if (prim == PRIM_TRIANGLE && sceneF[m + M_MICRO] > 0f) {
            micro(sceneF, m, s, tSign);
        }
        return mat;
    }

    /**
     * Perturbs the shading normal by hammered facets and micro-scratches at the hit point (world
     * metres, docs/metals.md), each slope scaled by {@link Hammered#filterWeight} at the ray cone's
     * footprint on the surface (cone width / |cos|, as the texture footprint), and moves the slope
     * variance the filter removed into the GGX alphas (alpha^2 += it, Toksvig-like): the facets'
     * isotropically, the scratches' across their direction only (the shading tangent is turned to
     * the scratch direction when the lobe is isotropic; an anisotropic lobe keeps its tangent and
     * takes the variance projected on its axes). Both generators run whenever either is on (the
     * one that is off with harmless parameters and zero weight), so the only branch is the
     * caller's.
     */
    static void micro(float[] sceneF, int m, float[] s, float tSign) {
        float nx = s[S_N];
        float ny = s[S_N + 1];
        float nz = s[S_N + 2];
        float px = s[S_P];
        float py = s[S_P + 1];
        float pz = s[S_P + 2];
        float cos = s[S_RD] * s[S_NG] + s[S_RD + 1] * s[S_NG + 1] + s[S_RD + 2] * s[S_NG + 2];
        float foot = s[S_CONE_W] / (float) Math.sqrt(Math.max(cos * cos, 1e-8f));

        // The scratch frame: t along the scratches (a direction, or tangent to circles around a
        // centre), b = n x t across them, both in the tangent plane of the unperturbed normal.
        float mode = sceneF[m + M_SCR_MODE];
        float circ = 0f;
        if (mode > 1.5f) {
            circ = 1f;
        }
        float spin = 0f;
        if (mode > 0.5f && mode < 1.5f) {
            spin = 1f;
        }
        float vx = sceneF[m + M_SCR_VEC];
        float vy = sceneF[m + M_SCR_VEC + 1];
        float vz = sceneF[m + M_SCR_VEC + 2];
        float rx = px - vx;
        float ry = py - vy;
        float rz = pz - vz;
        float rn = rx * nx + ry * ny + rz * nz;
        rx = rx - rn * nx;
        ry = ry - rn * ny;
        rz = rz - rn * nz;
        float dx = vx + circ * ((ny * rz - nz * ry) - vx);
        float dy = vy + circ * ((nz * rx - nx * rz) - vy);
        float dz = vz + circ * ((nx * ry - ny * rx) - vz);
        float dn = dx * nx + dy * ny + dz * nz;
        float tx = dx - dn * nx;
        float ty = dy - dn * ny;
        float tz = dz - dn * nz;
        float tl2 = tx * tx + ty * ty + tz * tz;
        if (tl2 > 1e-20f) {
            float il = (float) (1.0 / Math.sqrt(tl2));
            tx = tx * il;
            ty = ty * il;
            tz = tz * il;
        } else {
            tx = s[S_TG];
            ty = s[S_TG + 1];
            tz = s[S_TG + 2];
        }
        float bx = ny * tz - nz * ty;
        float by = nz * tx - nx * tz;
        float bz = nx * ty - ny * tx;
        // Surface coordinates: along t and b for straight scratches; arc length and radius around
        // the centre for circular ones (the angle in a basis of n, Duff et al. 2017).
        float su = px * tx + py * ty + pz * tz;
        float sv = px * bx + py * by + pz * bz;
        float sg = 1f;
        if (nz < 0f) {
            sg = -1f;
        }
        float ba = -1f / (sg + nz);
        float bb = nx * ny * ba;
        float e1x = 1f + sg * nx * nx * ba;
        float e1y = sg * bb;
        float e1z = -sg * nx;
        float e2x = bb;
        float e2y = sg + ny * ny * ba;
        float e2z = -ny;
        float radius = (float) Math.sqrt(rx * rx + ry * ry + rz * rz);
        float phi = DetMath.atan2(rx * e2x + ry * e2y + rz * e2z, rx * e1x + ry * e1y + rz * e1z);
        su = su + circ * (radius * phi - su);
        sv = sv + circ * (radius - sv);

        // Facets.
        float size = sceneF[m + M_HAM_SIZE];
        float hOn = 0f;
        float hSize = 1f;
        if (size > 0f) {
            hOn = 1f;
            hSize = size;
        }
        float depth = sceneF[m + M_HAM_DEPTH];
        Hammered.gradient(px, py, pz, hSize, depth, (int) sceneF[m + M_HAM_SEED], s, S_TEX);
        Hammered.perturb(s, S_N, s, S_TEX, hOn * Hammered.filterWeight(foot, hSize));
        float lostH = hOn * Hammered.lostSlopeVariance(foot, hSize, depth);

        // Scratches.
        float density = sceneF[m + M_SCR_DENSITY];
        float length = sceneF[m + M_SCR_LENGTH];
        float width = sceneF[m + M_SCR_WIDTH];
        if (!(density > 0f)) {
            length = 1f;
            width = 1f;
            density = 0f;
        }
        Scratches.slope(su, sv, density, length, width, (int) sceneF[m + M_SCR_SEED], spin, s, S_TEX);
        float gu = s[S_TEX];
        float gv = s[S_TEX + 1];
        s[S_TEX] = gu * tx + gv * bx;
        s[S_TEX + 1] = gu * ty + gv * by;
        s[S_TEX + 2] = gu * tz + gv * bz;
        float ws = Hammered.filterWeight(foot, width);
        Hammered.perturb(s, S_N, s, S_TEX, ws);
        float lostS = (1f - ws * ws) * sceneF[m + M_SCR_VAR];

        // The frame follows the new normal; an isotropic lobe turns its tangent to the scratches.
        float ax = s[S_AX];
        float ay = s[S_AY];
        if (ax == ay) {
            s[S_TG] = tx;
            s[S_TG + 1] = ty;
            s[S_TG + 2] = tz;
        }
        orthonormalize(s, tSign);
        float cx = bx * s[S_TG] + by * s[S_TG + 1] + bz * s[S_TG + 2];
        float cy = bx * s[S_BT] + by * s[S_BT + 1] + bz * s[S_BT + 2];
        // A random orientation spreads the across-slope variance evenly (half per axis, alpha^2 =
        // 2 sigma^2 per axis); one direction puts all of it across: alpha_across^2 += 2 sigma^2.
        float dir = 2f * (1f - spin);
        float addX = lostH + lostS * (spin + dir * cx * cx);
        float addY = lostH + lostS * (spin + dir * cy * cy);
        s[S_AX] = Math.min(1f, (float) Math.sqrt(ax * ax + addX));
        s[S_AY] = Math.min(1f, (float) Math.sqrt(ay * ay + addY));
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
