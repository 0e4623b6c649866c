package dev.carnation.kernel.geom;

import static dev.carnation.kernel.Layout.*;

/**
 * Ray queries against the flattened BVH: a fixed-size private stack, near child first,
 * Moller-Trumbore triangle tests on precomputed (p0, e1, e2), and hair segments ({@link Curve})
 * where a primitive's T_TYPE says so.
 *
 * <p>Node layout: bounds in sceneF (6 floats), and in sceneI either (rightChild, 0) for an
 * interior node whose left child is the next node, or (firstTriangle, count) for a leaf.
 * Loops end only through their conditions (TornadoVM 5.2 mis-merges values after a break).
 */
public final class Traversal {
    private Traversal() {}

    /**
     * Closest hit in (0, tMax) among the primitives of object onlyObject, or of all objects when it
     * is negative (a random walk sees only its own object, as in Cycles and pbrt-v4). Writes t and
     * barycentrics to s[S_T], s[S_BU], s[S_BV]; returns the primitive index or -1.
     */
    public static int closestHit(int[] sceneI, float[] sceneF, float[] s, int[] stack,
                                 float ox, float oy, float oz, float dx, float dy, float dz,
                                 float tMax, int onlyObject) {
        return trace(sceneI, sceneF, s, stack, ox, oy, oz, dx, dy, dz, tMax, onlyObject, 0, 0);
    }

    /** {@link #trace(int[], float[], float[], int[], float, float, float, float, float, float, float, int, int, int)} that ignores no blockers. */
    public static int trace(int[] sceneI, float[] sceneF, float[] s, int[] stack,
                            float ox, float oy, float oz, float dx, float dy, float dz,
                            float tMax, int onlyObject, int anyHit) {
        return trace(sceneI, sceneF, s, stack, ox, oy, oz, dx, dy, dz, tMax, onlyObject, anyHit, 0);
    }

    /**
     * The traversal behind {@link #closestHit} and {@link #occluded}: with anyHit 1 it stops at the
     * first primitive found in (0, tMax), whichever it is. One function for both queries, so a
     * stage that needs either (a light sample: a shadow segment, or the first hit along a sampled
     * direction) calls it once: TornadoVM 5.2 on PoCL computed wrong results with the two
     * traversals inlined in the two arms of a branch (docs/tornadovm-notes.md, item 10).
     * ignore (shadow linking, light/LightLinking): blocker groups whose primitives the ray passes
     * through; 0 (every ray but a shadow ray to a light with shadow linking) reads no object record.
     */
    public static int trace(int[] sceneI, float[] sceneF, float[] s, int[] stack,
                            float ox, float oy, float oz, float dx, float dy, float dz,
                            float tMax, int onlyObject, int anyHit, int ignore) {
        int triOff = sceneI[H_TRI_OFF];
        int objOff = sceneI[H_OBJECT_OFF];
        // One test per primitive for the common ray, which sees every object: 0 unless a walk's
        // object or a shadow ray's ignored blockers filter the primitives.
        int filter = 0;
        if (onlyObject >= 0 || ignore != 0) {
            filter = 1;
        }
        int nodeI = sceneI[H_NODE_I_OFF];
        int nodeF = sceneI[H_NODE_F_OFF];
        int pre = sceneI[H_TRIPRE_OFF];
        float idx = 1f / nonZero(dx);
        float idy = 1f / nonZero(dy);
        float idz = 1f / nonZero(dz);
        float best = tMax;
        float bu = 0f;
        float bv = 0f;
        int hitTri = -1;
        // An int flag, not a boolean (docs/tornadovm-notes.md, item 2); the loop ends through its condition.
        int done = 0;
        int sp = 0;
        stack[sp] = 0;
        sp = sp + 1;
        if (sceneI[H_NODE_COUNT] == 0) {
            sp = 0;
        }
        while (sp > 0 && done == 0) {
            sp = sp - 1;
            int node = stack[sp];
            float tn = slab(sceneF, nodeF + node * NODE_F_STRIDE, ox, oy, oz, idx, idy, idz, best);
            if (tn >= 0f) {
                int a = sceneI[nodeI + node * NODE_I_STRIDE];
                int count = sceneI[nodeI + node * NODE_I_STRIDE + 1];
                if (count > 0) {
                    for (int i = 0; i < count; i++) {
                        int tri = a + i;
                        int p = pre + tri * TRIPRE_STRIDE;
                        int rec = triOff + tri * TRI_STRIDE;
                        float t = -1f;
                        if (done == 0 && (filter == 0 || ((onlyObject < 0 || sceneI[rec + T_OBJECT] == onlyObject)
                                && (ignore == 0 || (sceneI[objOff + sceneI[rec + T_OBJECT] * OBJ_STRIDE + O_BLOCKER] & ignore) == 0)))) {
                            if (sceneI[rec + T_TYPE] == PRIM_CURVE) {
                                t = Curve.intersect(sceneI, sceneF, rec, ox, oy, oz, dx, dy, dz, best, s);
                            } else {
                                t = intersectTriangle(sceneF, p, ox, oy, oz, dx, dy, dz, best, s);
                            }
                        }
                        if (t > 0f) {
                            best = t;
                            bu = s[S_BU];
                            bv = s[S_BV];
                            hitTri = tri;
                            done = anyHit;
                        }
                    }
                } else {
                    int left = node + 1;
                    int right = a;
                    float tl = slab(sceneF, nodeF + left * NODE_F_STRIDE, ox, oy, oz, idx, idy, idz, best);
                    float tr = slab(sceneF, nodeF + right * NODE_F_STRIDE, ox, oy, oz, idx, idy, idz, best);
                    // Push the farther child first so the nearer one is popped next.
                    if (tl >= 0f && tr >= 0f) {
                        if (tl <= tr) {
                            stack[sp] = right;
                            stack[sp + 1] = left;
                        } else {
                            stack[sp] = left;
                            stack[sp + 1] = right;
                        }
                        sp = sp + 2;
                    } else if (tl >= 0f) {
                        stack[sp] = left;
                        sp = sp + 1;
                    } else if (tr >= 0f) {
                        stack[sp] = right;
                        sp = sp + 1;
                    }
                }
            }
        }
        s[S_T] = best;
        s[S_BU] = bu;
        s[S_BV] = bv;
        return hitTri;
    }

    /** True when anything blocks the segment (0, tMax). */
    public static boolean occluded(int[] sceneI, float[] sceneF, float[] s, int[] stack,
                                   float ox, float oy, float oz, float dx, float dy, float dz,
                                   float tMax) {
        return trace(sceneI, sceneF, s, stack, ox, oy, oz, dx, dy, dz, tMax, -1, 1, 0) >= 0;
    }

    /** Keeps 1/d finite so the slab test never computes 0 * inf = NaN. */
    public static float nonZero(float d) {
        float r = d;
        if (Math.abs(d) < 1e-30f) {
            r = 1e-30f;
        }
        return r;
    }

    /** Entry distance of the ray into the box, clamped at 0, or -1 when it misses within tMax. */
    public static float slab(float[] f, int b, float ox, float oy, float oz,
                             float idx, float idy, float idz, float tMax) {
        float t0x = (f[b] - ox) * idx;
        float t1x = (f[b + 3] - ox) * idx;
        float t0y = (f[b + 1] - oy) * idy;
        float t1y = (f[b + 4] - oy) * idy;
        float t0z = (f[b + 2] - oz) * idz;
        float t1z = (f[b + 5] - oz) * idz;
        float tmin = Math.max(Math.max(Math.min(t0x, t1x), Math.min(t0y, t1y)), Math.max(Math.min(t0z, t1z), 0f));
        float tmax = Math.min(Math.min(Math.max(t0x, t1x), Math.max(t0y, t1y)), Math.min(Math.max(t0z, t1z), tMax));
        // 1 ulp-ish slack so rays grazing a flat box (zero thickness) are not lost.
        float r = -1f;
        if (tmin <= tmax * 1.00000024f) {
            r = tmin;
        }
        return r;
    }

    /**
     * Moller-Trumbore. Returns t in (0, tMax) and writes barycentrics, or returns -1.
     * Triangle record at p: p0 (3), e1 = p1 - p0 (3), e2 = p2 - p0 (3).
     */
    public static float intersectTriangle(float[] f, int p, float ox, float oy, float oz,
                                          float dx, float dy, float dz, float tMax, float[] s) {
        float e1x = f[p + 3];
        float e1y = f[p + 4];
        float e1z = f[p + 5];
        float e2x = f[p + 6];
        float e2y = f[p + 7];
        float e2z = f[p + 8];
        float px = dy * e2z - dz * e2y;
        float py = dz * e2x - dx * e2z;
        float pz = dx * e2y - dy * e2x;
        float det = e1x * px + e1y * py + e1z * pz;
        float result = -1f;
        if (det != 0f) {
            float inv = 1f / det;
            float tx = ox - f[p];
            float ty = oy - f[p + 1];
            float tz = oz - f[p + 2];
            float u = (tx * px + ty * py + tz * pz) * inv;
            if (u >= 0f && u <= 1f) {
                float qx = ty * e1z - tz * e1y;
                float qy = tz * e1x - tx * e1z;
                float qz = tx * e1y - ty * e1x;
                float v = (dx * qx + dy * qy + dz * qz) * inv;
                if (v >= 0f && u + v <= 1f) {
                    float t = (e2x * qx + e2y * qy + e2z * qz) * inv;
                    if (t > 0f && t < tMax) {
                        s[S_BU] = u;
                        s[S_BV] = v;
                        result = t;
                    }
                }
            }
        }
        return result;
    }
}
