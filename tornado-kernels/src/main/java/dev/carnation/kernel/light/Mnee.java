package dev.carnation.kernel.light;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.kernel.closure.Fresnel;

/**
 * Manifold next-event estimation (Hanika, Droske and Fascione 2015) from an iris point through the
 * cornea in front of it: given a point y sampled on a light, find the direction at the iris point x
 * whose ray, refracted by the cornea's inner and outer surfaces, lands on y; then weight the light
 * by the Fresnel transmittances and the generalized geometry term, the solid angle at x per unit
 * area at y through the two refractions.
 *
 * <p>The cornea of an {@code "eye"} shape is a shell between two concentric spheres (the iris's
 * material carries them, Layout M_EYE_*), so the chain is solved on the analytic spheres with both
 * refractions, not as one interface. The unknown is the direction at x (two numbers): Newton's
 * method on the miss distance at the light's tangent plane, with the Jacobian from ray differentials
 * (Igehy 1999) carried through both refractions; at the solution the same Jacobian is the geometry
 * term. This is the shooting form of the half-vector constraint: both vanish on the same paths.
 *
 * <p>Unbiased when the solution found is the only one: from inside two concentric spheres out
 * through both (no total internal reflection), the outgoing ray turns monotonically with the
 * direction at x, so there is at most one chain per (x, y). Newton starts from the straight line x
 * to y (the paper's seed) and takes a fixed number of damped steps; where it has not converged the
 * sample contributes nothing (measured against brute force in docs/eyes.md). The segment from x to
 * the cornea lies in the aqueous humour and is not traced (nothing else is inside the eye's
 * cornea by construction); the segment from the cornea to the light is.
 *
 * <p>Kernel rules: no loop (the steps are written out), no recursion, every division guarded so
 * a path with no solution gives a zero weight, never NaN.
 */
public final class Mnee {
    private Mnee() {}

    /** Interfaces of a chain: the cornea's inner then outer surface (the aqueous front is hidden by priority). */
    public static final int INTERFACES = 2;
    /**
     * Newton steps (written out in {@link #solve}): 3-5 reach float precision from the seed; near
     * the limbus, where the chain leaves the cornea at grazing angles, steps are halved back from
     * total internal reflection and take longer.
     */
    static final int STEPS = 16;

    /** Material record offset when material mat is an iris lit through its cornea by MNEE, else -1. */
    public static int eye(int[] sceneI, float[] sceneF, int mat) {
        int m = sceneI[H_MAT_OFF] + mat * MAT_STRIDE;
        int r = -1;
        if (sceneF[m + M_EYE] > 0f && (int) sceneF[m + M_TYPE] == MAT_DIFFUSE) {
            r = m;
        }
        return r;
    }

    /**
     * Solves the chain from x to the light sample in S_LP / S_LWI (light S_LID, density S_LPDF
     * from x as if in straight line) and returns the factor that turns f|cos| (at x, towards the
     * direction left in S_LWI) times S_LE into the estimate: T n_a^2 / (J p_A(y)). Zero when there
     * is no chain. Leaves the shadow segment in S_MNEE_P2 (start, on the cornea), S_MNEE_D2, S_MNEE_T3.
     * (wx, wy, wz): towards the previous vertex, for the side of the iris the light must reach.
     */
    public static float solve(int[] sceneI, float[] sceneF, int m, float px, float py, float pz,
                              float wx, float wy, float wz, float[] s) {
        int lid = (int) s[S_LID];
        float factor = 0f;
        s[S_MNEE_OK] = 0f;
        if (lid >= 0) {
            int f = AreaLight.recordF(sceneI, lid);
            int type = AreaLight.type(sceneI, lid);
            // The light point y and its normal: a rectangle's axis, a mesh triangle's normal (left in
            // S_LFRAME by the sampler), a sphere's outward normal where the sampled direction meets it.
            float yx = s[S_LP];
            float yy = s[S_LP + 1];
            float yz = s[S_LP + 2];
            float nx = sceneF[f + LF_AXIS];
            float ny = sceneF[f + LF_AXIS + 1];
            float nz = sceneF[f + LF_AXIS + 2];
            if (type == LIGHT_MESH) {
                nx = s[S_LFRAME];
                ny = s[S_LFRAME + 1];
                nz = s[S_LFRAME + 2];
            }
            if (type == LIGHT_SPHERE) {
                float r = sceneF[f + LF_LX];
                float ox = px - sceneF[f + LF_P];
                float oy = py - sceneF[f + LF_P + 1];
                float oz = pz - sceneF[f + LF_P + 2];
                float b = ox * s[S_LWI] + oy * s[S_LWI + 1] + oz * s[S_LWI + 2];
                float c = ox * ox + oy * oy + oz * oz - r * r;
                float t = -b - (float) Math.sqrt(Math.max(0f, b * b - c));
                yx = px + t * s[S_LWI];
                yy = py + t * s[S_LWI + 1];
                yz = pz + t * s[S_LWI + 2];
                nx = (yx - sceneF[f + LF_P]) / r;
                ny = (yy - sceneF[f + LF_P + 1]) / r;
                nz = (yz - sceneF[f + LF_P + 2]) / r;
            }
            float dx = yx - px;
            float dy = yy - py;
            float dz = yz - pz;
            float d2 = dx * dx + dy * dy + dz * dz;
            float d = (float) Math.sqrt(d2);
            float cosY = Math.abs(nx * dx + ny * dy + nz * dz) / Math.max(d, 1e-30f);
            // The sampler's density of y by area: its solid-angle density from x in straight line.
            float pA = s[S_LPDF] * cosY / Math.max(d2, 1e-30f);
            seed(sceneF, m, px, py, pz, yx, yy, yz, s);
            for (int k = 0; k < 3; k++) {
                s[S_MNEE_GOOD + k] = s[S_MNEE + k];
                s[S_MNEE_STEP + k] = 0f;
            }
            step(sceneF, m, px, py, pz, yx, yy, yz, nx, ny, nz, 1f, s);
            step(sceneF, m, px, py, pz, yx, yy, yz, nx, ny, nz, 1f, s);
            step(sceneF, m, px, py, pz, yx, yy, yz, nx, ny, nz, 1f, s);
            step(sceneF, m, px, py, pz, yx, yy, yz, nx, ny, nz, 1f, s);
            step(sceneF, m, px, py, pz, yx, yy, yz, nx, ny, nz, 1f, s);
            step(sceneF, m, px, py, pz, yx, yy, yz, nx, ny, nz, 1f, s);
            step(sceneF, m, px, py, pz, yx, yy, yz, nx, ny, nz, 1f, s);
            step(sceneF, m, px, py, pz, yx, yy, yz, nx, ny, nz, 1f, s);
            step(sceneF, m, px, py, pz, yx, yy, yz, nx, ny, nz, 1f, s);
            step(sceneF, m, px, py, pz, yx, yy, yz, nx, ny, nz, 1f, s);
            step(sceneF, m, px, py, pz, yx, yy, yz, nx, ny, nz, 1f, s);
            step(sceneF, m, px, py, pz, yx, yy, yz, nx, ny, nz, 1f, s);
            step(sceneF, m, px, py, pz, yx, yy, yz, nx, ny, nz, 1f, s);
            step(sceneF, m, px, py, pz, yx, yy, yz, nx, ny, nz, 1f, s);
            step(sceneF, m, px, py, pz, yx, yy, yz, nx, ny, nz, 1f, s);
            step(sceneF, m, px, py, pz, yx, yy, yz, nx, ny, nz, 1f, s);
            step(sceneF, m, px, py, pz, yx, yy, yz, nx, ny, nz, 0f, s);
            float ex = s[S_MNEE];
            float ey = s[S_MNEE + 1];
            float ez = s[S_MNEE + 2];
            // The light must leave x on the side the path arrived from (the iris is opaque), and
            // y must emit towards the cornea.
            float ngx = s[S_NG];
            float ngy = s[S_NG + 1];
            float ngz = s[S_NG + 2];
            float sideIn = (ex * ngx + ey * ngy + ez * ngz) * (wx * ngx + wy * ngy + wz * ngz);
            float cosL = -(nx * s[S_MNEE_D2] + ny * s[S_MNEE_D2 + 1] + nz * s[S_MNEE_D2 + 2]);
            float emitting = Math.max(cosL, sceneF[f + LF_TWO_SIDED]);
            // Converged: the ray out of the cornea points at y within 1e-4 rad.
            float tol = 1e-4f;
            float na = sceneF[m + M_EYE_NA];
            float j = s[S_MNEE_J];
            if (s[S_MNEE_OK] > 0f && s[S_MNEE_R2] <= tol * tol && sideIn > 0f && emitting > 0f
                    && j > 0f && pA > 0f) {
                factor = s[S_MNEE_T] * na * na / (j * pA);
                s[S_LWI] = ex;
                s[S_LWI + 1] = ey;
                s[S_LWI + 2] = ez;
            }
            if (!(factor < 1e30f)) {
                factor = 0f;
            }
        }
        return factor;
    }

    /**
     * Newton's first direction into S_MNEE: the light's ray towards x, refracted into the cornea
     * and on into the aqueous humour, aims at a point there; the direction from x to that point
     * leaves the cornea close to the light (exactly when x lies on that ray). The straight line to y
     * (the paper's seed) often meets the cornea beyond its critical angle for points near the
     * iris root; where the reversed ray misses the inner sphere the straight line is kept.
     */
    static void seed(float[] sceneF, int m, float px, float py, float pz, float yx, float yy, float yz, float[] s) {
        float cx = sceneF[m + M_EYE_C];
        float cy = sceneF[m + M_EYE_C + 1];
        float cz = sceneF[m + M_EYE_C + 2];
        float ra = sceneF[m + M_EYE_RA];
        float rp = sceneF[m + M_EYE_RP];
        float nc = sceneF[m + M_EYE_NC];
        float na = sceneF[m + M_EYE_NA];
        float dx = px - yx;
        float dy = py - yy;
        float dz = pz - yz;
        float d = safe((float) Math.sqrt(dx * dx + dy * dy + dz * dz));
        dx /= d;
        dy /= d;
        dz /= d;
        // The straight line, reversed: the fallback.
        s[S_MNEE] = -dx;
        s[S_MNEE + 1] = -dy;
        s[S_MNEE + 2] = -dz;
        // Into the outer sphere (near root), refracted with the normal on the inside.
        float ox = yx - cx;
        float oy = yy - cy;
        float oz = yz - cz;
        float b = ox * dx + oy * dy + oz * dz;
        float c = ox * ox + oy * oy + oz * oz - ra * ra;
        float disc = b * b - c;
        float t = -b - (float) Math.sqrt(Math.max(0f, disc));
        float qx = yx + t * dx;
        float qy = yy + t * dy;
        float qz = yz + t * dz;
        float nx = -(qx - cx) / ra;
        float ny = -(qy - cy) / ra;
        float nz = -(qz - cz) / ra;
        float ci = dx * nx + dy * ny + dz * nz;
        float eta = 1f / nc;
        float ct = (float) Math.sqrt(Math.max(0f, 1f - eta * eta * Math.max(0f, 1f - ci * ci)));
        float mu = ct - eta * ci;
        float ex = eta * dx + mu * nx;
        float ey = eta * dy + mu * ny;
        float ez = eta * dz + mu * nz;
        // Into the inner sphere (near root), refracted again.
        ox = qx - cx;
        oy = qy - cy;
        oz = qz - cz;
        b = ox * ex + oy * ey + oz * ez;
        c = ox * ox + oy * oy + oz * oz - rp * rp;
        float disc2 = b * b - c;
        float t2 = -b - (float) Math.sqrt(Math.max(0f, disc2));
        float rx = qx + t2 * ex;
        float ry = qy + t2 * ey;
        float rz = qz + t2 * ez;
        float kx = rx - px;
        float ky = ry - py;
        float kz = rz - pz;
        float kl = (float) Math.sqrt(kx * kx + ky * ky + kz * kz);
        if (disc > 0f && t > 0f && disc2 > 0f && t2 > 0f && kl > 0f) {
            s[S_MNEE] = kx / kl;
            s[S_MNEE + 1] = ky / kl;
            s[S_MNEE + 2] = kz / kl;
        }
    }

    /**
     * Traces the direction in S_MNEE from x through the cornea's inner and outer spheres to the
     * plane through y with normal n, with the ray differentials of two orthonormal directions
     * perpendicular to it. Fills the chain's slots (S_MNEE_P2 ... S_MNEE_OK); then, scaled by
     * update (1 or 0), moves the direction by a Newton step towards landing on y, at most 0.3 rad,
     * or where the ray does not get out, halfway back towards the optical axis.
     */
    static void step(float[] sceneF, int m, float px, float py, float pz, float yx, float yy, float yz,
                     float nx, float ny, float nz, float update, float[] s) {
        float cx = sceneF[m + M_EYE_C];
        float cy = sceneF[m + M_EYE_C + 1];
        float cz = sceneF[m + M_EYE_C + 2];
        float ra = sceneF[m + M_EYE_RA];
        float rp = sceneF[m + M_EYE_RP];
        float nc = sceneF[m + M_EYE_NC];
        float na = sceneF[m + M_EYE_NA];
        float ax = sceneF[m + M_EYE_AXIS];
        float ay = sceneF[m + M_EYE_AXIS + 1];
        float az = sceneF[m + M_EYE_AXIS + 2];
        float limbus = sceneF[m + M_EYE_LIMBUS];
        float wx = s[S_MNEE];
        float wy = s[S_MNEE + 1];
        float wz = s[S_MNEE + 2];
        // Two unit directions perpendicular to w (Duff et al. 2017), the differentials' seeds.
        float sg = 1f;
        if (wz < 0f) {
            sg = -1f;
        }
        float q = -1f / (sg + wz);
        float bb = wx * wy * q;
        float e1x = 1f + sg * wx * wx * q;
        float e1y = sg * bb;
        float e1z = -sg * wx;
        float e2x = bb;
        float e2y = sg + wy * wy * q;
        float e2z = -wy;

        // x to the inner sphere (x is inside it: the far root).
        float ox = px - cx;
        float oy = py - cy;
        float oz = pz - cz;
        float b = ox * wx + oy * wy + oz * wz;
        float c = ox * ox + oy * oy + oz * oz - rp * rp;
        float disc1 = b * b - c;
        float t1 = -b + (float) Math.sqrt(Math.max(0f, disc1));
        float p1x = px + t1 * wx;
        float p1y = py + t1 * wy;
        float p1z = pz + t1 * wz;
        float n1x = (p1x - cx) / rp;
        float n1y = (p1y - cy) / rp;
        float n1z = (p1z - cz) / rp;
        float dn1 = wx * n1x + wy * n1y + wz * n1z;
        float dn1s = safe(dn1);
        // Transfer: dP = t dD + dt D, dt = -(t dD . N) / (D . N).
        float k1a = -(t1 * (e1x * n1x + e1y * n1y + e1z * n1z)) / dn1s;
        float k1b = -(t1 * (e2x * n1x + e2y * n1y + e2z * n1z)) / dn1s;
        float pax = t1 * e1x + k1a * wx;
        float pay = t1 * e1y + k1a * wy;
        float paz = t1 * e1z + k1a * wz;
        float pbx = t1 * e2x + k1b * wx;
        float pby = t1 * e2y + k1b * wy;
        float pbz = t1 * e2z + k1b * wz;
        // Refraction into the cornea: D' = eta D + mu N with N on the transmitted side.
        float eta1 = na / nc;
        float sin2t1 = eta1 * eta1 * Math.max(0f, 1f - dn1 * dn1);
        float cost1 = (float) Math.sqrt(Math.max(0f, 1f - sin2t1));
        float mu1 = cost1 - eta1 * dn1;
        float v1x = eta1 * wx + mu1 * n1x;
        float v1y = eta1 * wy + mu1 * n1y;
        float v1z = eta1 * wz + mu1 * n1z;
        float dmu1 = (eta1 * eta1 * dn1 / safe(cost1) - eta1);
        // Normal differential on a sphere: dN = dP / r.
        float dca = e1x * n1x + e1y * n1y + e1z * n1z + (wx * pax + wy * pay + wz * paz) / rp;
        float dcb = e2x * n1x + e2y * n1y + e2z * n1z + (wx * pbx + wy * pby + wz * pbz) / rp;
        float vax = eta1 * e1x + dmu1 * dca * n1x + mu1 * pax / rp;
        float vay = eta1 * e1y + dmu1 * dca * n1y + mu1 * pay / rp;
        float vaz = eta1 * e1z + dmu1 * dca * n1z + mu1 * paz / rp;
        float vbx = eta1 * e2x + dmu1 * dcb * n1x + mu1 * pbx / rp;
        float vby = eta1 * e2y + dmu1 * dcb * n1y + mu1 * pby / rp;
        float vbz = eta1 * e2z + dmu1 * dcb * n1z + mu1 * pbz / rp;

        // On to the outer sphere (the far root again: p1 is inside it).
        ox = p1x - cx;
        oy = p1y - cy;
        oz = p1z - cz;
        b = ox * v1x + oy * v1y + oz * v1z;
        c = ox * ox + oy * oy + oz * oz - ra * ra;
        float t2 = -b + (float) Math.sqrt(Math.max(0f, b * b - c));
        float p2x = p1x + t2 * v1x;
        float p2y = p1y + t2 * v1y;
        float p2z = p1z + t2 * v1z;
        float n2x = (p2x - cx) / ra;
        float n2y = (p2y - cy) / ra;
        float n2z = (p2z - cz) / ra;
        float dn2 = v1x * n2x + v1y * n2y + v1z * n2z;
        float dn2s = safe(dn2);
        float qax = pax + t2 * vax;
        float qay = pay + t2 * vay;
        float qaz = paz + t2 * vaz;
        float qbx = pbx + t2 * vbx;
        float qby = pby + t2 * vby;
        float qbz = pbz + t2 * vbz;
        float k2a = -(qax * n2x + qay * n2y + qaz * n2z) / dn2s;
        float k2b = -(qbx * n2x + qby * n2y + qbz * n2z) / dn2s;
        qax += k2a * v1x;
        qay += k2a * v1y;
        qaz += k2a * v1z;
        qbx += k2b * v1x;
        qby += k2b * v1y;
        qbz += k2b * v1z;
        // Refraction out into the air.
        float eta2 = nc;
        float sin2t2 = eta2 * eta2 * Math.max(0f, 1f - dn2 * dn2);
        float cost2 = (float) Math.sqrt(Math.max(0f, 1f - sin2t2));
        float mu2 = cost2 - eta2 * dn2;
        float v2x = eta2 * v1x + mu2 * n2x;
        float v2y = eta2 * v1y + mu2 * n2y;
        float v2z = eta2 * v1z + mu2 * n2z;
        float dmu2 = (eta2 * eta2 * dn2 / safe(cost2) - eta2);
        float dda = vax * n2x + vay * n2y + vaz * n2z + (v1x * qax + v1y * qay + v1z * qaz) / ra;
        float ddb = vbx * n2x + vby * n2y + vbz * n2z + (v1x * qbx + v1y * qby + v1z * qbz) / ra;
        float uax = eta2 * vax + dmu2 * dda * n2x + mu2 * qax / ra;
        float uay = eta2 * vay + dmu2 * dda * n2y + mu2 * qay / ra;
        float uaz = eta2 * vaz + dmu2 * dda * n2z + mu2 * qaz / ra;
        float ubx = eta2 * vbx + dmu2 * ddb * n2x + mu2 * qbx / ra;
        float uby = eta2 * vby + dmu2 * ddb * n2y + mu2 * qby / ra;
        float ubz = eta2 * vbz + dmu2 * ddb * n2z + mu2 * qbz / ra;

        // Where the ray should go: towards y. The miss is measured as an angle (the outgoing
        // direction minus the unit vector to y), defined whatever the ray does, and bounded.
        float lx = yx - p2x;
        float ly = yy - p2y;
        float lz = yz - p2z;
        float dist = (float) Math.sqrt(lx * lx + ly * ly + lz * lz);
        float dists = safe(dist);
        float ux = lx / dists;
        float uy = ly / dists;
        float uz = lz / dists;
        float gx = v2x - ux;
        float gy = v2y - uy;
        float gz = v2z - uz;
        // d(unit vector to y) = -(I - u u^T) dP2 / dist.
        float qau = qax * ux + qay * uy + qaz * uz;
        float qbu = qbx * ux + qby * uy + qbz * uz;
        float gax = uax + (qax - qau * ux) / dists;
        float gay = uay + (qay - qau * uy) / dists;
        float gaz = uaz + (qaz - qau * uz) / dists;
        float gbx = ubx + (qbx - qbu * ux) / dists;
        float gby = uby + (qby - qbu * uy) / dists;
        float gbz = ubz + (qbz - qbu * uz) / dists;

        // The light's tangent plane through y: the distance along the ray, and the area the two
        // differentials span there: the light's area per unit solid angle at x.
        float dl = v2x * nx + v2y * ny + v2z * nz;
        float dls = safe(dl);
        float t3 = ((yx - p2x) * nx + (yy - p2y) * ny + (yz - p2z) * nz) / dls;
        float hax = qax + t3 * uax;
        float hay = qay + t3 * uay;
        float haz = qaz + t3 * uaz;
        float hbx = qbx + t3 * ubx;
        float hby = qby + t3 * uby;
        float hbz = qbz + t3 * ubz;
        float k3a = -(hax * nx + hay * ny + haz * nz) / dls;
        float k3b = -(hbx * nx + hby * ny + hbz * nz) / dls;
        hax += k3a * v2x;
        hay += k3a * v2y;
        haz += k3a * v2z;
        hbx += k3b * v2x;
        hby += k3b * v2y;
        hbz += k3b * v2z;
        float cabx = hay * hbz - haz * hby;
        float caby = haz * hbx - hax * hbz;
        float cabz = hax * hby - hay * hbx;
        float det = cabx * nx + caby * ny + cabz * nz;

        float fr1 = Fresnel.dielectric(dn1, nc / na);
        float fr2 = Fresnel.dielectric(dn2, 1f / nc);
        float onCap = Math.min((p1x - cx) * ax + (p1y - cy) * ay + (p1z - cz) * az,
                (p2x - cx) * ax + (p2y - cy) * ay + (p2z - cz) * az) - limbus;
        // traced: the ray got through both spheres to the plane (Newton may move on from there);
        // ok: and through the cornea itself, not the spheres beyond the limbus.
        float traced = 0f;
        if (disc1 > 0f && dn1 > 0f && dn2 > 0f && sin2t1 < 1f && sin2t2 < 1f && dist > 0f) {
            traced = 1f;
        }
        float ok = 0f;
        if (onCap > 0f) {
            ok = traced;
        }
        s[S_MNEE_P2] = p2x;
        s[S_MNEE_P2 + 1] = p2y;
        s[S_MNEE_P2 + 2] = p2z;
        s[S_MNEE_D2] = v2x;
        s[S_MNEE_D2 + 1] = v2y;
        s[S_MNEE_D2 + 2] = v2z;
        s[S_MNEE_T3] = dist;
        s[S_MNEE_R2] = gx * gx + gy * gy + gz * gz;
        s[S_MNEE_T] = (1f - fr1) * (1f - fr2);
        s[S_MNEE_J] = Math.abs(det);
        s[S_MNEE_OK] = ok;

        // Newton: the step (a, b) with a g_a + b g_b = -g, in the plane across u (Cramer's rule).
        float detG = (gay * gbz - gaz * gby) * ux + (gaz * gbx - gax * gbz) * uy + (gax * gby - gay * gbx) * uz;
        if (Math.abs(detG) < 1e-30f) {
            detG = 1e-30f;
        }
        float sa = -((gy * gbz - gz * gby) * ux + (gz * gbx - gx * gbz) * uy + (gx * gby - gy * gbx) * uz) / detG;
        float sb = -((gay * gz - gaz * gy) * ux + (gaz * gx - gax * gz) * uy + (gax * gy - gay * gx) * uz) / detG;
        float len = (float) Math.sqrt(sa * sa + sb * sb);
        float damp = 1f;
        if (len > 0.3f) {
            damp = 0.3f / len;
        }
        // From a direction whose ray gets out: a Newton step (remembered). From one that does not
        // (total internal reflection, common near the limbus where solutions leave the cornea at
        // grazing angles): back to the last good direction with half the step, or, before any,
        // halfway towards the optical axis, along which every iris point sees out.
        float stx = damp * (sa * e1x + sb * e2x);
        float sty = damp * (sa * e1y + sb * e2y);
        float stz = damp * (sa * e1z + sb * e2z);
        float bx = wx;
        float by = wy;
        float bz = wz;
        // What to remember: the step from the last good direction (0: none yet).
        float kx = stx;
        float ky = sty;
        float kz = stz;
        if (!(traced > 0f) || !(len < 1e30f)) {
            kx = 0.5f * s[S_MNEE_STEP];
            ky = 0.5f * s[S_MNEE_STEP + 1];
            kz = 0.5f * s[S_MNEE_STEP + 2];
            bx = s[S_MNEE_GOOD];
            by = s[S_MNEE_GOOD + 1];
            bz = s[S_MNEE_GOOD + 2];
            stx = kx;
            sty = ky;
            stz = kz;
            if (kx * kx + ky * ky + kz * kz == 0f) {
                stx = 0.5f * (ax - wx);
                sty = 0.5f * (ay - wy);
                stz = 0.5f * (az - wz);
                bx = wx;
                by = wy;
                bz = wz;
            }
        }
        if (update > 0f) {
            if (traced > 0f && len < 1e30f) {
                s[S_MNEE_GOOD] = wx;
                s[S_MNEE_GOOD + 1] = wy;
                s[S_MNEE_GOOD + 2] = wz;
            }
            s[S_MNEE_STEP] = kx;
            s[S_MNEE_STEP + 1] = ky;
            s[S_MNEE_STEP + 2] = kz;
        }
        float nwx = wx + update * (bx + stx - wx);
        float nwy = wy + update * (by + sty - wy);
        float nwz = wz + update * (bz + stz - wz);
        float nl = (float) Math.sqrt(nwx * nwx + nwy * nwy + nwz * nwz);
        s[S_MNEE] = nwx / nl;
        s[S_MNEE + 1] = nwy / nl;
        s[S_MNEE + 2] = nwz / nl;
    }

    /** x, kept at least 1e-20 from zero with its sign: a divisor that cannot make NaN or infinity. */
    static float safe(float x) {
        float r = x;
        if (Math.abs(x) < 1e-20f) {
            r = 1e-20f;
            if (x < 0f) {
                r = -1e-20f;
            }
        }
        return r;
    }
}
