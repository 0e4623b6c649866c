package dev.carnation.kernel.light;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.kernel.sampling.Warp;

/**
 * Emissive triangles (softboxes, disks, spheres and emissive meshes are all tessellated to
 * these), chosen in proportion to luminance(Le) * area and sampled uniformly by area.
 */
public final class AreaLight {
    private AreaLight() {}

    /** Radiance leaving triangle tri towards -d (front face only unless two-sided). */
    public static boolean emits(float[] sceneF, int matRec, float ngx, float ngy, float ngz,
                                float dx, float dy, float dz) {
        float lum = Warp.luminance(sceneF[matRec + M_EMIT], sceneF[matRec + M_EMIT + 1], sceneF[matRec + M_EMIT + 2]);
        float cos = -(ngx * dx + ngy * dy + ngz * dz);
        return lum > 0f && (cos > 0f || sceneF[matRec + M_TWO_SIDED] > 0f);
    }

    /**
     * Solid-angle density of choosing and sampling the point at distance t on triangle tri
     * (selection by power): lum(Le) t^2 / (totalPower |cos|). Excludes the env/area split.
     */
    public static float pdf(float[] sceneF, int matRec, float t, float cosL) {
        float lum = Warp.luminance(sceneF[matRec + M_EMIT], sceneF[matRec + M_EMIT + 1], sceneF[matRec + M_EMIT + 2]);
        float r = 0f;
        if (Math.abs(cosL) > 0f) {
            r = lum * t * t / (sceneF[F_EMIT_POWER] * Math.abs(cosL));
        }
        return r;
    }

    /** Samples a point on an emitter as seen from (px, py, pz); fills S_LWI, S_LE, S_LPDF, S_LDIST and S_LP. */
    public static boolean sample(int[] sceneI, float[] sceneF, float px, float py, float pz,
                                 float uSel, float u1, float u2, float[] s) {
        int n = sceneI[H_EMIT_COUNT];
        int cdf = sceneI[H_EMIT_CDF_OFF];
        int i = Warp.searchCdf(sceneF, cdf, n, uSel);
        float pSel = sceneF[cdf + i + 1] - sceneF[cdf + i];
        int tri = sceneI[sceneI[H_EMIT_TRI_OFF] + i];
        int pre = sceneI[H_TRIPRE_OFF] + tri * TRIPRE_STRIDE;
        int mat = sceneI[sceneI[H_TRI_OFF] + tri * TRI_STRIDE + T_MAT];
        int matRec = sceneI[H_MAT_OFF] + mat * MAT_STRIDE;
        float su = (float) Math.sqrt(u1);
        float b1 = 1f - su;
        float b2 = u2 * su;
        float e1x = sceneF[pre + 3];
        float e1y = sceneF[pre + 4];
        float e1z = sceneF[pre + 5];
        float e2x = sceneF[pre + 6];
        float e2y = sceneF[pre + 7];
        float e2z = sceneF[pre + 8];
        float qx = sceneF[pre] + b1 * e1x + b2 * e2x;
        float qy = sceneF[pre + 1] + b1 * e1y + b2 * e2y;
        float qz = sceneF[pre + 2] + b1 * e1z + b2 * e2z;
        float nx = e1y * e2z - e1z * e2y;
        float ny = e1z * e2x - e1x * e2z;
        float nz = e1x * e2y - e1y * e2x;
        float nl = (float) Math.sqrt(nx * nx + ny * ny + nz * nz);
        float area = 0.5f * nl;
        nx /= nl;
        ny /= nl;
        nz /= nl;
        float dx = qx - px;
        float dy = qy - py;
        float dz = qz - pz;
        float dist = (float) Math.sqrt(dx * dx + dy * dy + dz * dz);
        dx /= dist;
        dy /= dist;
        dz /= dist;
        float cosL = -(nx * dx + ny * dy + nz * dz);
        boolean ok = false;
        s[S_LPDF] = 0f;
        if (emits(sceneF, matRec, nx, ny, nz, dx, dy, dz) && area > 0f && Math.abs(cosL) > 1e-7f) {
            s[S_LWI] = dx;
            s[S_LWI + 1] = dy;
            s[S_LWI + 2] = dz;
            s[S_LDIST] = dist;
            s[S_LP] = qx;
            s[S_LP + 1] = qy;
            s[S_LP + 2] = qz;
            for (int k = 0; k < 3; k++) {
                s[S_LE + k] = sceneF[matRec + M_EMIT + k];
            }
            s[S_LPDF] = pSel * dist * dist / (area * Math.abs(cosL));
            ok = true;
        }
        return ok;
    }
}
