package dev.carnation.kernel.geom;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.kernel.sampling.Rng;

/**
 * Hair strands as chains of round segments: each segment is a cone frustum around the line between
 * two curve vertices (radius linear between theirs), cut at each end by the plane that bisects the
 * bend there (stored per vertex, CV_PLANE). Neighbouring segments share that plane, so a strand is
 * one tube with neither gaps nor overlaps at its joints, and no caps: roots sit in skin, tips taper.
 *
 * <p>Why straight round segments and not cubic curves: the intersection is a closed-form quadratic
 * (no iteration, no recursion, nothing that TornadoVM could mis-merge after a loop), it is exact
 * for the surface it defines, so tests compare it with an analytic cylinder, and the host refines
 * strands into short segments anyway, which is what keeps their BVH boxes tight.
 *
 * <p>Precision: a 30 µm fiber seen from 0.5 m is 2e-4 of the ray's length, and the textbook
 * quadratic (|o - p|^2 - r^2) loses r^2 entirely in single precision. The ray is first moved to its
 * closest approach to the axis (a well-conditioned 2x2 solve), and the quadratic is solved there,
 * where every term is of the order of the radius: distance and h stay accurate to a few 1e-3 of
 * the radius at portrait distance.
 *
 * <p>Only the entering root counts: a ray that starts inside a fiber leaves it without a hit. That
 * is how continuation rays avoid their own fiber: a direction into the fiber starts just inside it
 * (transmission), one away from it just outside, where a convex tube cannot be met again.
 */
public final class Curve {
    private Curve() {}

    /** Continuation rays start this fraction of the local radius off the fiber's surface. */
    public static final float OFFSET_FRACTION = 0.05f;

    /**
     * The entering hit of the ray with the segment of primitive record rec (an offset into sceneI)
     * in (0, tMax), or -1. Writes the axial fraction of the hit to s[S_BU] and 0 to s[S_BV].
     */
    public static float intersect(int[] sceneI, float[] f, int rec, float ox, float oy, float oz,
                                  float dx, float dy, float dz, float tMax, float[] s) {
        int v = sceneI[H_CURVE_VERT_OFF] + sceneI[rec + C_VERT] * CURVE_VERT_STRIDE;
        int v1 = v + CURVE_VERT_STRIDE;
        float p0x = f[v];
        float p0y = f[v + 1];
        float p0z = f[v + 2];
        float r0 = f[v + CV_RADIUS];
        float ex = f[v1] - p0x;
        float ey = f[v1 + 1] - p0y;
        float ez = f[v1 + 2] - p0z;
        float r1 = f[v1 + CV_RADIUS];
        float len = (float) Math.sqrt(ex * ex + ey * ey + ez * ez);
        float ax = ex / len;
        float ay = ey / len;
        float az = ez / len;
        float k = (r1 - r0) / len;
        // Origin relative to the segment's start, then moved to the closest approach to the axis.
        float wx = ox - p0x;
        float wy = oy - p0y;
        float wz = oz - p0z;
        float dd = dx * dx + dy * dy + dz * dz;
        float b = dx * ax + dy * ay + dz * az;
        float dw = dx * wx + dy * wy + dz * wz;
        float aw = ax * wx + ay * wy + az * wz;
        float denom = dd - b * b;
        float tc = 0f;
        if (denom > 1e-8f * dd) {
            tc = (b * aw - dw) / denom;
        }
        wx = wx + tc * dx;
        wy = wy + tc * dy;
        wz = wz + tc * dz;
        float zc = ax * wx + ay * wy + az * wz;
        float qx = wx - zc * ax;
        float qy = wy - zc * ay;
        float qz = wz - zc * az;
        float ux = dx - b * ax;
        float uy = dy - b * ay;
        float uz = dz - b * az;
        float rc = r0 + k * zc;
        // f(s) = A s^2 + 2 B s + C: squared distance to the axis minus squared radius along the ray.
        float qa = ux * ux + uy * uy + uz * uz - k * k * b * b;
        float qb = qx * ux + qy * uy + qz * uz - rc * k * b;
        float qc = qx * qx + qy * qy + qz * qz - rc * rc;
        float disc = qb * qb - qa * qc;
        float result = -1f;
        if (disc >= 0f && qa != 0f) {
            float sq = (float) Math.sqrt(disc);
            // The root where f decreases (the ray enters), in the form that does not cancel.
            float se = 0f;
            if (qb >= 0f) {
                se = -(qb + sq) / qa;
            } else {
                se = qc / (sq - qb);
            }
            float t = tc + se;
            float hx = wx + se * dx;
            float hy = wy + se * dy;
            float hz = wz + se * dz;
            float z = hx * ax + hy * ay + hz * az;
            // Between the joint planes, and on the nappe of positive radius.
            float c0 = hx * f[v + CV_PLANE] + hy * f[v + CV_PLANE + 1] + hz * f[v + CV_PLANE + 2];
            float c1 = (hx - ex) * f[v1 + CV_PLANE] + (hy - ey) * f[v1 + CV_PLANE + 1] + (hz - ez) * f[v1 + CV_PLANE + 2];
            float rz = r0 + k * z;
            if (t > 0f && t < tMax && c0 >= 0f && c1 < 0f && rz > 0f) {
                s[S_BU] = z / len;
                s[S_BV] = 0f;
                result = t;
            }
        }
        return result;
    }

    /**
     * Geometry of a curve hit (primitive record rec, the ray in S_RO / S_RD, its distance in S_T):
     * S_P, S_NG (outward normal of the fiber surface), the hair frame (S_TG fiber tangent, S_N
     * towards the ray origin, S_BT = S_N x S_TG), S_HAIR_H, S_HAIR_STRAND, S_HAIR_V, S_UV
     * (v along the strand, the strand's random value) and S_HIT_EPS.
     */
    public static void setup(int[] sceneI, float[] f, int rec, float[] s) {
        int v = sceneI[H_CURVE_VERT_OFF] + sceneI[rec + C_VERT] * CURVE_VERT_STRIDE;
        int v1 = v + CURVE_VERT_STRIDE;
        float p0x = f[v];
        float p0y = f[v + 1];
        float p0z = f[v + 2];
        float r0 = f[v + CV_RADIUS];
        float ex = f[v1] - p0x;
        float ey = f[v1 + 1] - p0y;
        float ez = f[v1 + 2] - p0z;
        float len = (float) Math.sqrt(ex * ex + ey * ey + ez * ez);
        float ax = ex / len;
        float ay = ey / len;
        float az = ez / len;
        float k = (f[v1 + CV_RADIUS] - r0) / len;
        float dx = s[S_RD];
        float dy = s[S_RD + 1];
        float dz = s[S_RD + 2];
        float t = s[S_T];
        // The hit relative to the segment's start (as the intersection computed it), then in the world.
        float hx = (s[S_RO] - p0x) + t * dx;
        float hy = (s[S_RO + 1] - p0y) + t * dy;
        float hz = (s[S_RO + 2] - p0z) + t * dz;
        s[S_P] = p0x + hx;
        s[S_P + 1] = p0y + hy;
        s[S_P + 2] = p0z + hz;
        float z = hx * ax + hy * ay + hz * az;
        float radius = Math.max(r0 + k * z, 1e-12f);
        float nx = hx - z * ax;
        float ny = hy - z * ay;
        float nz = hz - z * az;
        float nl = (float) Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (nl > 0f) {
            nx = nx / nl;
            ny = ny / nl;
            nz = nz / nl;
        } else {
            Surface.basis(ax, ay, az, s, S_TG);
            nx = s[S_TG];
            ny = s[S_TG + 1];
            nz = s[S_TG + 2];
        }
        // The cone's outward normal leans against the axis by its slope.
        float gx = nx - k * ax;
        float gy = ny - k * ay;
        float gz = nz - k * az;
        float gl = (float) Math.sqrt(gx * gx + gy * gy + gz * gz);
        s[S_NG] = gx / gl;
        s[S_NG + 1] = gy / gl;
        s[S_NG + 2] = gz / gl;
        // Shading tangent: the joint planes' normals blended along the segment, so highlights do
        // not break at joints.
        float u = Math.min(1f, Math.max(0f, z / len));
        float tx = (1f - u) * f[v + CV_PLANE] + u * f[v1 + CV_PLANE];
        float ty = (1f - u) * f[v + CV_PLANE + 1] + u * f[v1 + CV_PLANE + 1];
        float tz = (1f - u) * f[v + CV_PLANE + 2] + u * f[v1 + CV_PLANE + 2];
        float tl = (float) Math.sqrt(tx * tx + ty * ty + tz * tz);
        tx = tx / tl;
        ty = ty / tl;
        tz = tz / tl;
        // z: towards the ray origin, perpendicular to the tangent; along the view the surface normal.
        float wdt = -(dx * tx + dy * ty + dz * tz);
        float zx = -dx - wdt * tx;
        float zy = -dy - wdt * ty;
        float zz = -dz - wdt * tz;
        float zl = (float) Math.sqrt(zx * zx + zy * zy + zz * zz);
        if (zl > 1e-6f * (float) Math.sqrt(dx * dx + dy * dy + dz * dz)) {
            zx = zx / zl;
            zy = zy / zl;
            zz = zz / zl;
        } else {
            float nd = nx * tx + ny * ty + nz * tz;
            zx = nx - nd * tx;
            zy = ny - nd * ty;
            zz = nz - nd * tz;
            float l2 = (float) Math.sqrt(zx * zx + zy * zy + zz * zz);
            zx = zx / l2;
            zy = zy / l2;
            zz = zz / l2;
        }
        s[S_TG] = tx;
        s[S_TG + 1] = ty;
        s[S_TG + 2] = tz;
        s[S_N] = zx;
        s[S_N + 1] = zy;
        s[S_N + 2] = zz;
        float yx = zy * tz - zz * ty;
        float yy = zz * tx - zx * tz;
        float yz = zx * ty - zy * tx;
        s[S_BT] = yx;
        s[S_BT + 1] = yy;
        s[S_BT + 2] = yz;
        s[S_HAIR_H] = Math.min(1f, Math.max(-1f, nx * yx + ny * yy + nz * yz));
        float fv = Math.min(1f, Math.max(0f, z / len));
        float hv = (1f - fv) * f[v + CV_V] + fv * f[v1 + CV_V];
        s[S_HAIR_V] = hv;
        // strandRandom written out: one call level less below the path loop's stages.
        float hs = Rng.lsr(Rng.pcg(sceneI[rec + C_STRAND] ^ STRAND_SALT), 8) * 5.9604645e-8f;
        s[S_HAIR_STRAND] = hs;
        s[S_UV] = hv;
        s[S_UV + 1] = hs;
        // A fraction of the radius, so that a ray into the fiber starts inside it, but never less
        // than a few ulps of the position, nor more than half the radius.
        float pm = Math.max(Math.abs(s[S_P]), Math.max(Math.abs(s[S_P + 1]), Math.abs(s[S_P + 2])));
        s[S_HIT_EPS] = Math.min(0.5f * radius, Math.max(OFFSET_FRACTION * radius, 1e-6f * (1f + pm)));
    }

    /** A value in [0, 1) per strand, the same on every backend. */
    public static float strandRandom(int strand) {
        return Rng.lsr(Rng.pcg(strand ^ STRAND_SALT), 8) * 5.9604645e-8f;
    }

    static final int STRAND_SALT = 0x68a1f7c3;
}
