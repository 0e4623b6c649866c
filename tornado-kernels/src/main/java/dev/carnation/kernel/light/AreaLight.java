package dev.carnation.kernel.light;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.kernel.geom.Surface;
import dev.carnation.kernel.sampling.DetMath;
import dev.carnation.kernel.sampling.Warp;

/**
 * Sampling one area light by solid angle as seen from a shading point. Every light is one emitting
 * object whose triangles are what rays hit; the light record (LF_*, LI_*) adds its analytic form:
 * <ul>
 * <li>LIGHT_RECT: a point uniform in the solid angle of the rectangle ({@link SphericalRectangle}),
 * warped towards the receiver's cosine (pbrt-v4): the two uniform numbers are first drawn from the
 * bilinear density whose corner weights are the cosines at the receiver towards the rectangle's
 * corners, which matters where a close light spans a wide range of incidence (a softbox low over
 * a surface). By area when the solid angle is tiny or nearly a hemisphere. The rectangle's two
 * triangles are exactly the rectangle, so the sampled point is on them and a shadow segment tests it.</li>
 * <li>LIGHT_SPHERE: a direction uniform in the cone the sphere subtends (pbrt-v4), uniform by area
 * over the sphere from inside it. The tessellation rays hit is inscribed in the sphere, so the
 * cone covers every direction that can reach it: the shadow ray is a closest hit along the sampled
 * direction, which counts only when it lands on this light ({@link #hitsLight}). The estimate is
 * unbiased for the tessellated light whatever its resolution, at the price of the directions in
 * the cone that pass beside the tessellation (about a part in 10^3 at 24 x 48).</li>
 * <li>LIGHT_MESH: a triangle in proportion to luminance * area, then a point uniform on it
 * (emissive meshes, disks and shapes whose transform skews them).</li>
 * </ul>
 * {@link #pdf} gives the same densities for a BSDF-sampled ray that hits the light, for MIS.
 */
public final class AreaLight {
    private AreaLight() {}

    static final float TWO_PI = 2f * Warp.PI;

    /** Radiance leaving triangle tri towards -d (front face only unless two-sided). */
    public static boolean emits(float[] sceneF, int matRec, float ngx, float ngy, float ngz,
                                float dx, float dy, float dz) {
        float lum = Warp.luminance(sceneF[matRec + M_EMIT], sceneF[matRec + M_EMIT + 1], sceneF[matRec + M_EMIT + 2]);
        float cos = -(ngx * dx + ngy * dy + ngz * dz);
        return Math.min(lum, facing(cos, sceneF[matRec + M_TWO_SIDED])) > 0f;
    }

    /**
     * Positive when a surface whose cosine towards the viewer is cos emits that way: cos itself,
     * or 1 for a two-sided emitter (twoSided 0 or 1). Arithmetic rather than cos &gt; 0 || twoSided &gt; 0:
     * TornadoVM 5.2 on PoCL dropped the false outcome of that expression once inlined into the
     * path loop, and emitters lit the scene from their backs (docs/tornadovm-notes.md, item 11).
     */
    static float facing(float cos, float twoSided) {
        return Math.max(cos, twoSided);
    }

    public static int recordF(int[] sceneI, int light) {
        return sceneI[H_LIGHT_F_OFF] + light * LIGHT_F_STRIDE;
    }

    public static int type(int[] sceneI, int light) {
        return sceneI[sceneI[H_LIGHT_I_OFF] + light * LIGHT_I_STRIDE + LI_TYPE];
    }

    /** True when a sample of this light must be confirmed by a closest hit on it ({@link #hitsLight}). */
    public static boolean needsHitTest(int[] sceneI, int light) {
        return type(sceneI, light) == LIGHT_SPHERE;
    }

    /**
     * True when primitive tri (a closest hit along d, or -1) belongs to light and emits towards
     * -d. Used for samples of lights whose analytic form differs from their triangles.
     */
    public static boolean hitsLight(int[] sceneI, float[] sceneF, int tri, int light, float dx, float dy, float dz, float[] s) {
        boolean r = false;
        if (tri >= 0 && sceneI[sceneI[H_TRI_OFF] + tri * TRI_STRIDE + T_LIGHT] == light) {
            // The light sample is drawn: its frame slots are free for the normal.
            Surface.unitNormal(sceneF, sceneI[H_TRIPRE_OFF] + tri * TRIPRE_STRIDE, s, S_LFRAME);
            float cos = -(s[S_LFRAME] * dx + s[S_LFRAME + 1] * dy + s[S_LFRAME + 2] * dz);
            r = facing(cos, sceneF[recordF(sceneI, light) + LF_TWO_SIDED]) > 0f;
        }
        return r;
    }

    /**
     * Samples light from (px, py, pz) with receiver normal n (zero: none): the direction S_LWI,
     * radiance S_LE, solid-angle density S_LPDF (of this light alone), S_LID; for a point on the
     * light S_LP and its distance S_LDIST, for a sphere S_LDIST bounds the distance of its first hit.
     */
    public static boolean sample(int[] sceneI, float[] sceneF, int light, float px, float py, float pz,
                                 float nx, float ny, float nz, float u1, float u2, float[] s) {
        int type = type(sceneI, light);
        int f = recordF(sceneI, light);
        s[S_LID] = light;
        s[S_LPDF] = 0f;
        boolean ok = false;
        if (type == LIGHT_SPHERE) {
            ok = sampleSphere(sceneF, f, px, py, pz, u1, u2, s);
        } else {
            if (type == LIGHT_RECT) {
                sampleRectangle(sceneF, f, px, py, pz, nx, ny, nz, u1, u2, s);
            } else {
                sampleTriangle(sceneI, sceneF, light, u1, u2, s);
            }
            ok = connect(sceneF, f, px, py, pz, s);
        }
        return ok;
    }

    /**
     * Solid-angle density with which {@link #sample} picks direction d from p (receiver normal n),
     * when d's first hit is primitive tri of this light at point h with unit geometric normal ng.
     */
    public static float pdf(int[] sceneI, float[] sceneF, int light, int tri, float px, float py, float pz,
                            float nx, float ny, float nz, float dx, float dy, float dz, float hx, float hy, float hz,
                            float ngx, float ngy, float ngz, float[] s) {
        int type = type(sceneI, light);
        int f = recordF(sceneI, light);
        float ex = hx - px;
        float ey = hy - py;
        float ez = hz - pz;
        float d2 = ex * ex + ey * ey + ez * ez;
        float cosL = Math.abs(ngx * dx + ngy * dy + ngz * dz);
        float r = 0f;
        if (type == LIGHT_SPHERE) {
            r = spherePdf(sceneF, f, px, py, pz, dx, dy, dz);
        } else if (type == LIGHT_RECT) {
            float sa = rectangleFrame(sceneF, f, px, py, pz, s);
            if (sa >= SphericalRectangle.MIN_SOLID_ANGLE && sa <= SphericalRectangle.MAX_SOLID_ANGLE) {
                float warp = 1f;
                if (cornerWeights(sceneF, f, nx, ny, nz, s)) {
                    // Where the spherical rectangle mapping took h from: invert it (area-preserving,
                    // so u0 is the share of the solid angle left of h) and read the bilinear density.
                    float x0 = s[S_LFRAME];
                    float y0 = s[S_LFRAME + 1];
                    float z0 = -Math.abs(s[S_LFRAME + 2]);
                    float y1 = y0 + sceneF[f + LF_LY];
                    float xu = ex * sceneF[f + LF_X] + ey * sceneF[f + LF_X + 1] + ez * sceneF[f + LF_X + 2];
                    float yv = ex * sceneF[f + LF_Y] + ey * sceneF[f + LF_Y + 1] + ez * sceneF[f + LF_Y + 2];
                    float a = SphericalRectangle.invertX(x0, y0, y1, z0, sa, xu);
                    float b = SphericalRectangle.invertY(xu, y0, y1, z0, yv);
                    warp = Warp.bilinearPdf(a, b, s[S_LFRAME + 3], s[S_LFRAME + 4], s[S_LFRAME + 5], s[S_LFRAME + 6]);
                }
                r = warp / sa;
            } else if (cosL > 0f) {
                r = d2 / (sceneF[f + LF_AREA] * cosL);
            }
        } else if (cosL > 0f) {
            int mat = sceneI[sceneI[H_TRI_OFF] + tri * TRI_STRIDE + T_MAT];
            int m = sceneI[H_MAT_OFF] + mat * MAT_STRIDE;
            float lum = Warp.luminance(sceneF[m + M_EMIT], sceneF[m + M_EMIT + 1], sceneF[m + M_EMIT + 2]);
            r = lum * d2 / (sceneF[f + LF_POWER] * cosL);
        }
        return r;
    }

    /**
     * The rectangle in its own frame seen from p: writes x0 = (corner - p) . x, y0 and the signed
     * depth (corner - p) . axis to S_LFRAME..+2, its left edge's corner terms (for
     * SphericalRectangle.sampleXFrom) to S_LFRAME+7, and returns its solid angle.
     */
    static float rectangleFrame(float[] sceneF, int f, float px, float py, float pz, float[] s) {
        float cx = sceneF[f + LF_P] - px;
        float cy = sceneF[f + LF_P + 1] - py;
        float cz = sceneF[f + LF_P + 2] - pz;
        float x0 = cx * sceneF[f + LF_X] + cy * sceneF[f + LF_X + 1] + cz * sceneF[f + LF_X + 2];
        float y0 = cx * sceneF[f + LF_Y] + cy * sceneF[f + LF_Y + 1] + cz * sceneF[f + LF_Y + 2];
        float zd = cx * sceneF[f + LF_AXIS] + cy * sceneF[f + LF_AXIS + 1] + cz * sceneF[f + LF_AXIS + 2];
        s[S_LFRAME] = x0;
        s[S_LFRAME + 1] = y0;
        s[S_LFRAME + 2] = zd;
        // SphericalRectangle.solidAngle term by term, keeping the left edge's terms for sampling.
        float z0 = -Math.abs(zd);
        float x1 = x0 + sceneF[f + LF_LX];
        float y1 = y0 + sceneF[f + LF_LY];
        float c01 = SphericalRectangle.corner(x0, y1, z0);
        float c00 = SphericalRectangle.corner(x0, y0, z0);
        s[S_LFRAME + 7] = c01 - c00;
        return SphericalRectangle.corner(x1, y1, z0) - c01 - SphericalRectangle.corner(x1, y0, z0) + c00;
    }

    /**
     * Weights of the rectangle's corners for the receiver normal n, after {@link #rectangleFrame}:
     * the cosines towards corners (x0, y0), (x1, y0), (x0, y1), (x1, y1) into S_LFRAME+3..+6, at
     * least 0.01 so no part of the light goes unsampled. False (no warp) without a normal.
     */
    static boolean cornerWeights(float[] sceneF, int f, float nx, float ny, float nz, float[] s) {
        boolean has = nx != 0f || ny != 0f || nz != 0f;
        if (has) {
            float x0 = s[S_LFRAME];
            float y0 = s[S_LFRAME + 1];
            float zd = s[S_LFRAME + 2];
            // The receiver normal in the rectangle's frame: then each corner's cosine is one dot product.
            float cx = nx * sceneF[f + LF_X] + ny * sceneF[f + LF_X + 1] + nz * sceneF[f + LF_X + 2];
            float cy = nx * sceneF[f + LF_Y] + ny * sceneF[f + LF_Y + 1] + nz * sceneF[f + LF_Y + 2];
            float cz = (nx * sceneF[f + LF_AXIS] + ny * sceneF[f + LF_AXIS + 1] + nz * sceneF[f + LF_AXIS + 2]) * zd;
            float x1 = x0 + sceneF[f + LF_LX];
            float y1 = y0 + sceneF[f + LF_LY];
            float z2 = zd * zd;
            s[S_LFRAME + 3] = Math.max(0.01f, (cx * x0 + cy * y0 + cz) / (float) Math.sqrt(x0 * x0 + y0 * y0 + z2));
            s[S_LFRAME + 4] = Math.max(0.01f, (cx * x1 + cy * y0 + cz) / (float) Math.sqrt(x1 * x1 + y0 * y0 + z2));
            s[S_LFRAME + 5] = Math.max(0.01f, (cx * x0 + cy * y1 + cz) / (float) Math.sqrt(x0 * x0 + y1 * y1 + z2));
            s[S_LFRAME + 6] = Math.max(0.01f, (cx * x1 + cy * y1 + cz) / (float) Math.sqrt(x1 * x1 + y1 * y1 + z2));
        }
        return has;
    }

    /**
     * A point on the rectangle into S_LP: by solid angle, warped by the receiver's cosine (density
     * in S_LPDF), or by area (S_LPDF 0).
     */
    static void sampleRectangle(float[] sceneF, int f, float px, float py, float pz, float nx, float ny, float nz,
                                float u1, float u2, float[] s) {
        float sa = rectangleFrame(sceneF, f, px, py, pz, s);
        float lx = sceneF[f + LF_LX];
        float ly = sceneF[f + LF_LY];
        float a = u1 * lx;
        float b = u2 * ly;
        float c = 0f;
        float ox = sceneF[f + LF_P];
        float oy = sceneF[f + LF_P + 1];
        float oz = sceneF[f + LF_P + 2];
        if (sa >= SphericalRectangle.MIN_SOLID_ANGLE && sa <= SphericalRectangle.MAX_SOLID_ANGLE) {
            float x0 = s[S_LFRAME];
            float y0 = s[S_LFRAME + 1];
            float zd = s[S_LFRAME + 2];
            float z0 = -Math.abs(zd);
            float v1 = u1;
            float v2 = u2;
            float warp = 1f;
            if (cornerWeights(sceneF, f, nx, ny, nz, s)) {
                float w00 = s[S_LFRAME + 3];
                float w10 = s[S_LFRAME + 4];
                float w01 = s[S_LFRAME + 5];
                float w11 = s[S_LFRAME + 6];
                v2 = Warp.sampleLinear(u2, w00 + w10, w01 + w11);
                v1 = Warp.sampleLinear(u1, w00 + v2 * (w01 - w00), w10 + v2 * (w11 - w10));
                warp = Warp.bilinearPdf(v1, v2, w00, w10, w01, w11);
            }
            a = SphericalRectangle.sampleXFrom(s[S_LFRAME + 7], x0, x0 + lx, y0, y0 + ly, z0, sa, v1, s, S_LWI);
            b = SphericalRectangle.sampleY(a, y0, y0 + ly, z0, v2);
            c = zd;
            ox = px;
            oy = py;
            oz = pz;
            s[S_LPDF] = warp / sa;
        }
        s[S_LP] = ox + a * sceneF[f + LF_X] + b * sceneF[f + LF_Y] + c * sceneF[f + LF_AXIS];
        s[S_LP + 1] = oy + a * sceneF[f + LF_X + 1] + b * sceneF[f + LF_Y + 1] + c * sceneF[f + LF_AXIS + 1];
        s[S_LP + 2] = oz + a * sceneF[f + LF_X + 2] + b * sceneF[f + LF_Y + 2] + c * sceneF[f + LF_AXIS + 2];
        for (int k = 0; k < 3; k++) {
            s[S_LE + k] = sceneF[f + LF_EMIT + k];
        }
    }

    /**
     * A triangle of a mesh light by luminance * area (u1, then rescaled within the chosen
     * interval), a point uniform on it into S_LP; its area density in luminance / power goes to
     * S_LPDF as a negative number for {@link #connect} to convert.
     */
    static void sampleTriangle(int[] sceneI, float[] sceneF, int light, float u1, float u2, float[] s) {
        int rec = sceneI[H_LIGHT_I_OFF] + light * LIGHT_I_STRIDE;
        int n = sceneI[rec + LI_EMIT_COUNT];
        int cdf = sceneI[rec + LI_CDF];
        int i = Warp.searchCdf(sceneF, cdf, n, u1);
        float c0 = sceneF[cdf + i];
        float c1 = sceneF[cdf + i + 1];
        float uu = Math.min((u1 - c0) / Math.max(1e-30f, c1 - c0), 0.99999994f);
        int tri = sceneI[sceneI[H_EMIT_TRI_OFF] + sceneI[rec + LI_EMIT_FIRST] + i];
        int pre = sceneI[H_TRIPRE_OFF] + tri * TRIPRE_STRIDE;
        int mat = sceneI[sceneI[H_TRI_OFF] + tri * TRI_STRIDE + T_MAT];
        int m = sceneI[H_MAT_OFF] + mat * MAT_STRIDE;
        float su = (float) Math.sqrt(uu);
        float b1 = 1f - su;
        float b2 = u2 * su;
        for (int k = 0; k < 3; k++) {
            s[S_LP + k] = sceneF[pre + k] + b1 * sceneF[pre + 3 + k] + b2 * sceneF[pre + 6 + k];
            s[S_LE + k] = sceneF[m + M_EMIT + k];
        }
        // The triangle's unit normal, kept in the frame slots for connect().
        Surface.unitNormal(sceneF, pre, s, S_LFRAME);
        float lum = Warp.luminance(sceneF[m + M_EMIT], sceneF[m + M_EMIT + 1], sceneF[m + M_EMIT + 2]);
        s[S_LPDF] = -lum / sceneF[recordF(sceneI, light) + LF_POWER];
    }

    /**
     * Direction and distance from p to the sampled point S_LP, and the emitting-side test. A
     * positive S_LPDF is already a solid-angle density; a negative one is minus an area density,
     * converted here with the distance and the cosine at the light.
     */
    static boolean connect(float[] sceneF, int f, float px, float py, float pz, float[] s) {
        float dx = s[S_LP] - px;
        float dy = s[S_LP + 1] - py;
        float dz = s[S_LP + 2] - pz;
        float dist = (float) Math.sqrt(dx * dx + dy * dy + dz * dz);
        boolean ok = false;
        if (dist > 0f) {
            dx /= dist;
            dy /= dist;
            dz /= dist;
            float nx = sceneF[f + LF_AXIS];
            float ny = sceneF[f + LF_AXIS + 1];
            float nz = sceneF[f + LF_AXIS + 2];
            float area = sceneF[f + LF_AREA];
            float pArea = 1f / area;
            if (s[S_LPDF] < 0f) {
                nx = s[S_LFRAME];
                ny = s[S_LFRAME + 1];
                nz = s[S_LFRAME + 2];
                pArea = -s[S_LPDF];
            }
            float cosL = -(nx * dx + ny * dy + nz * dz);
            float ac = Math.abs(cosL);
            // Emits towards p, and not edge-on.
            if (Math.min(facing(cosL, sceneF[f + LF_TWO_SIDED]), ac - 1e-7f) > 0f) {
                if (!(s[S_LPDF] > 0f)) {
                    s[S_LPDF] = pArea * dist * dist / ac;
                }
                s[S_LWI] = dx;
                s[S_LWI + 1] = dy;
                s[S_LWI + 2] = dz;
                s[S_LDIST] = dist;
                ok = true;
            }
        }
        return ok;
    }

    /** Direction uniform in the cone of the sphere (or by area over it from inside) into S_LWI. */
    static boolean sampleSphere(float[] sceneF, int f, float px, float py, float pz, float u1, float u2, float[] s) {
        float cx = sceneF[f + LF_P] - px;
        float cy = sceneF[f + LF_P + 1] - py;
        float cz = sceneF[f + LF_P + 2] - pz;
        float r = sceneF[f + LF_LX];
        float dc2 = cx * cx + cy * cy + cz * cz;
        float r2 = r * r;
        DetMath.sinCos(TWO_PI * u2, s, S_LWI);
        float sinPhi = s[S_LWI];
        float cosPhi = s[S_LWI + 1];
        float dx = 0f;
        float dy = 0f;
        float dz = 0f;
        float pdf = 0f;
        float tMax = 0f;
        if (dc2 > r2) {
            float dc = (float) Math.sqrt(dc2);
            float wx = cx / dc;
            float wy = cy / dc;
            float wz = cz / dc;
            float omc = coneOneMinusCos(r2, dc2);
            float v = u1 * omc;
            float cosT = 1f - v;
            float sinT = (float) Math.sqrt(Math.max(0f, v * (2f - v)));
            Surface.basis(wx, wy, wz, s, S_LFRAME);
            float a = sinT * cosPhi;
            float b = sinT * sinPhi;
            dx = a * s[S_LFRAME] + b * s[S_LFRAME + 3] + cosT * wx;
            dy = a * s[S_LFRAME + 1] + b * s[S_LFRAME + 4] + cosT * wy;
            dz = a * s[S_LFRAME + 2] + b * s[S_LFRAME + 5] + cosT * wz;
            pdf = 1f / (TWO_PI * omc);
            tMax = dc + r;
        } else {
            // From inside: a point uniform over the sphere; each direction meets it once.
            float nz = 1f - 2f * u1;
            float rr = (float) Math.sqrt(Math.max(0f, (1f - nz) * (1f + nz)));
            float nx = rr * cosPhi;
            float ny = rr * sinPhi;
            float qx = cx + r * nx;
            float qy = cy + r * ny;
            float qz = cz + r * nz;
            float dist = (float) Math.sqrt(qx * qx + qy * qy + qz * qz);
            if (dist > 0f) {
                dx = qx / dist;
                dy = qy / dist;
                dz = qz / dist;
                float cos = Math.abs(nx * dx + ny * dy + nz * dz);
                if (cos > 1e-7f) {
                    pdf = dist * dist / (4f * Warp.PI * r2 * cos);
                }
            }
            tMax = dist * 1.001f;
        }
        float dl = (float) Math.sqrt(dx * dx + dy * dy + dz * dz);
        boolean ok = pdf > 0f && dl > 0f;
        if (ok) {
            s[S_LWI] = dx / dl;
            s[S_LWI + 1] = dy / dl;
            s[S_LWI + 2] = dz / dl;
            s[S_LDIST] = tMax;
            s[S_LPDF] = pdf;
            for (int k = 0; k < 3; k++) {
                s[S_LE + k] = sceneF[f + LF_EMIT + k];
            }
        }
        return ok;
    }

    /**
     * 1 - cos(theta_max) of the cone a sphere of squared radius r2 subtends at squared distance
     * dc2 &gt; r2, as sin^2 / (1 + cos): no cancellation for distant spheres.
     */
    static float coneOneMinusCos(float r2, float dc2) {
        float sin2 = r2 / dc2;
        return sin2 / (1f + (float) Math.sqrt(Math.max(0f, 1f - sin2)));
    }

    /** Density of sampleSphere's direction d from p. */
    static float spherePdf(float[] sceneF, int f, float px, float py, float pz, float dx, float dy, float dz) {
        float ox = px - sceneF[f + LF_P];
        float oy = py - sceneF[f + LF_P + 1];
        float oz = pz - sceneF[f + LF_P + 2];
        float r = sceneF[f + LF_LX];
        float dc2 = ox * ox + oy * oy + oz * oz;
        float r2 = r * r;
        float pdf = 0f;
        if (dc2 > r2) {
            pdf = 1f / (TWO_PI * coneOneMinusCos(r2, dc2));
        } else {
            // Inside: the far root of |o + t d| = r, and the cosine at that point of the sphere.
            float b = ox * dx + oy * dy + oz * dz;
            float t = -b + (float) Math.sqrt(Math.max(0f, b * b - (dc2 - r2)));
            float cos = Math.abs(b + t) / r;
            if (cos > 1e-7f) {
                pdf = t * t / (4f * Warp.PI * r2 * cos);
            }
        }
        return pdf;
    }
}
