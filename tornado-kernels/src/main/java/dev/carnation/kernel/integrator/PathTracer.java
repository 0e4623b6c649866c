package dev.carnation.kernel.integrator;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.kernel.camera.ThinLens;
import dev.carnation.kernel.closure.Bsdf;
import dev.carnation.kernel.closure.Subsurface;
import dev.carnation.kernel.geom.Surface;
import dev.carnation.kernel.geom.Traversal;
import dev.carnation.kernel.light.AreaLight;
import dev.carnation.kernel.light.EnvironmentLight;
import dev.carnation.kernel.light.LightSampler;
import dev.carnation.kernel.sampling.Rng;
import dev.carnation.kernel.sampling.Warp;

/**
 * Unidirectional path tracing with next-event estimation and multiple importance sampling
 * (power heuristic), Russian roulette and a maximum depth.
 *
 * <p>{@link #renderPixel} is the device entry point: the JVM backend calls it from a thread pool,
 * TornadoVM wraps it in a {@code @Parallel} loop. Each pixel owns its slots in every output
 * buffer, so no atomics are needed and results do not depend on scheduling.
 */
public final class PathTracer {
    private PathTracer() {}

    /** Random dimensions: camera 0-3, then DIMS_PER_BOUNCE per bounce. */
    public static final int DIMS_CAMERA = 4;
    public static final int DIMS_PER_BOUNCE = 8;

    public static void renderRange(int first, int last, int[] sceneI, float[] sceneF, float[] texels,
                                   int[] frameI, float[] frameF, float[] accum, float[] aov, int[] stats) {
        for (int p = first; p < last; p++) {
            renderPixel(p, sceneI, sceneF, texels, frameI, frameF, accum, aov, stats);
        }
    }

    /**
     * Adds FI_SAMPLE_COUNT samples of one pixel to accum, aov and stats. Each sample is added to
     * the film as soon as it is done, so the summation order is the sample order whatever the
     * pass sizes, thread count or device.
     */
    public static void renderPixel(int pixel, int[] sceneI, float[] sceneF, float[] texels,
                                   int[] frameI, float[] frameF, float[] accum, float[] aov, int[] stats) {
        int first = frameI[FI_SAMPLE_START];
        int last = first + frameI[FI_SAMPLE_COUNT];
        for (int sample = first; sample < last; sample++) {
            tracePath(pixel, sample, sceneI, sceneF, texels, frameI, frameF, accum, aov, stats);
        }
    }

    /**
     * One camera sample, from the lens to the film: traces the path and adds its radiance, AOVs
     * and ray count to the pixel's slots. It owns the path's private scratch and traversal stack:
     * TornadoVM may keep this method as a separate device function, and a private array cannot be
     * passed into one (docs/tornadovm-notes.md), so only global buffers and scalars come in.
     */
    public static void tracePath(int pixel, int sample, int[] sceneI, float[] sceneF, float[] texels,
                                 int[] frameI, float[] frameF, float[] accum, float[] aov, int[] stats) {
        float[] s = new float[S_SIZE];
        int[] stack = new int[STACK_SIZE];
        int width = frameI[FI_WIDTH];
        int height = frameI[FI_HEIGHT];
        int pxl = pixel % width;
        int pyl = pixel / width;
        int seedCam = frameI[FI_SEED];
        float jx = Rng.u01(pixel, sample, 0, seedCam);
        float jy = Rng.u01(pixel, sample, 1, seedCam);
        float fx = 2f * ((pxl + jx) / width) - 1f;
        float fy = 1f - 2f * ((pyl + jy) / height);
        ThinLens.generateRay(frameF, fx, fy, Rng.u01(pixel, sample, 2, seedCam), Rng.u01(pixel, sample, 3, seedCam), s);
        int seed = frameI[FI_SEED];
        int maxDepth = frameI[FI_MAX_DEPTH];
        int rrDepth = frameI[FI_RR_DEPTH];
        float epsScale = frameF[FF_RAY_EPS];
        boolean hasEnv = EnvironmentLight.present(sceneI);
        boolean hasLights = hasEnv || sceneI[H_EMIT_COUNT] > 0;
        float pEnv = LightSampler.envSelectProbability(sceneI, sceneF);
        float tr = 1f;
        float tg = 1f;
        float tb = 1f;
        float lr = 0f;
        float lg = 0f;
        float lb = 0f;
        float prevPdf = 0f;
        boolean prevDelta = true;
        int depth = 0;
        int rays = 0;
        boolean done = false;
        int mode = 0;          // 0: between surfaces, 1: walking inside a subsurface medium
        int walkStep = 0;
        float walkEntry = 1f;  // throughput when the walk began (for its Russian roulette)
        for (int k = 0; k < AOV_STRIDE; k++) {
            s[S_AOV + k] = 0f;
        }
        while (!done) {
            float ox = s[S_RO];
            float oy = s[S_RO + 1];
            float oz = s[S_RO + 2];
            float dx = s[S_RD];
            float dy = s[S_RD + 1];
            float dz = s[S_RD + 2];
            rays = rays + 1;
            int tri = Traversal.closestHit(sceneI, sceneF, s, stack, ox, oy, oz, dx, dy, dz, 1e30f);
            // A vertex to shade this iteration: a surface hit, or the exit point of a walk.
            boolean vertex = false;
            if (mode == 1) {
                // One step of the random walk inside a subsurface medium (RandomWalk).
                int wd = RandomWalk.stepDim(depth, walkStep);
                float flight = RandomWalk.flight(s, Rng.u01(pixel, sample, wd, seed), Rng.u01(pixel, sample, wd + 1, seed));
                if (tri < 0) {
                    done = true; // the walk left an open mesh: lost
                } else if (s[S_T] <= flight) {
                    RandomWalk.exit(sceneI, sceneF, tri, ox, oy, oz, dx, dy, dz, s);
                    tr *= s[S_THR];
                    tg *= s[S_THR + 1];
                    tb *= s[S_THR + 2];
                    mode = 0;
                    vertex = true;
                } else {
                    RandomWalk.scatter(pixel, sample, wd, seed, ox, oy, oz, dx, dy, dz, flight, s);
                    tr *= s[S_THR];
                    tg *= s[S_THR + 1];
                    tb *= s[S_THR + 2];
                    walkStep = walkStep + 1;
                    // Russian roulette once the walk has lost most of the energy it entered with.
                    float m = Math.max(tr, Math.max(tg, tb));
                    if (m < 0.25f * walkEntry) {
                        float q = Math.max(0.05f, m / (0.25f * walkEntry));
                        if (Rng.u01(pixel, sample, wd, seed ^ 0x5bd1e995) >= q) {
                            done = true;
                        } else {
                            tr /= q;
                            tg /= q;
                            tb /= q;
                        }
                    }
                    if (walkStep >= RandomWalk.MAX_STEPS) {
                        done = true;
                    }
                }
            } else if (tri < 0) {
                if (hasEnv) {
                    EnvironmentLight.eval(sceneI, sceneF, texels, dx, dy, dz, s);
                    float w = 1f;
                    if (!prevDelta) {
                        float pl = pEnv * EnvironmentLight.pdf(sceneI, sceneF, dx, dy, dz);
                        w = powerHeuristic(prevPdf, pl);
                    }
                    lr += tr * s[S_LE] * w;
                    lg += tg * s[S_LE + 1] * w;
                    lb += tb * s[S_LE + 2] * w;
                }
                done = true;
            } else {
                float t = s[S_T];
                int mat = Surface.setup(sceneI, sceneF, texels, tri, s);
                int matRec = sceneI[H_MAT_OFF] + mat * MAT_STRIDE;
                float ngx = s[S_NG];
                float ngy = s[S_NG + 1];
                float ngz = s[S_NG + 2];
                if (depth == 0) {
                    recordAov(s, t);
                }
                if (AreaLight.emits(sceneF, matRec, ngx, ngy, ngz, dx, dy, dz)) {
                    float w = 1f;
                    if (!prevDelta) {
                        float cosL = ngx * dx + ngy * dy + ngz * dz;
                        float pl = (1f - pEnv) * AreaLight.pdf(sceneF, matRec, t, cosL);
                        w = powerHeuristic(prevPdf, pl);
                    }
                    lr += tr * sceneF[matRec + M_EMIT] * w;
                    lg += tg * sceneF[matRec + M_EMIT + 1] * w;
                    lb += tb * sceneF[matRec + M_EMIT + 2] * w;
                }
                vertex = true;
                if ((int) s[S_MTYPE] == MAT_SUBSURFACE && depth < maxDepth) {
                    float cosO = -(dx * s[S_N] + dy * s[S_N + 1] + dz * s[S_N + 2]);
                    float cosG = -(dx * ngx + dy * ngy + dz * ngz);
                    if (cosO <= 0f || cosG <= 0f) {
                        // The back of an open shell (or a grazing shading normal): no medium to enter.
                        s[S_MTYPE] = MAT_DIFFUSE;
                    } else {
                        float fr = Subsurface.fresnel(s, cosO);
                        // Specular events at a useful rate even though skin reflects only ~3-8 %.
                        float pSpec = 0f;
                        if (fr > 0f) {
                            pSpec = Math.max(0.1f, Math.min(0.5f, 4f * fr));
                        }
                        int dimS = DIMS_CAMERA + depth * DIMS_PER_BOUNCE + 7;
                        if (Rng.u01(pixel, sample, dimS, seed) < pSpec) {
                            s[S_MTYPE] = MAT_SKIN_SPEC;
                            tr /= pSpec;
                            tg /= pSpec;
                            tb /= pSpec;
                        } else {
                            float w = (1f - fr) / (1f - pSpec);
                            tr *= w;
                            tg *= w;
                            tb *= w;
                            float sx = s[S_P];
                            float eps0 = epsScale * (1f + Math.max(Math.abs(sx), Math.max(Math.abs(s[S_P + 1]), Math.abs(s[S_P + 2]))));
                            RandomWalk.enter(pixel, sample, depth, seed, eps0, s);
                            walkEntry = Math.max(tr, Math.max(tg, tb));
                            walkStep = 0;
                            mode = 1;
                            vertex = false;
                        }
                    }
                }
            }
            if (vertex && !done) {
                // The vertex's frame comes from memory: a walk exit sets it there (S_P, S_NG, S_N, S_RD = -n).
                float vdx = s[S_RD];
                float vdy = s[S_RD + 1];
                float vdz = s[S_RD + 2];
                float vnx = s[S_NG];
                float vny = s[S_NG + 1];
                float vnz = s[S_NG + 2];
                if (depth >= maxDepth || (int) s[S_MTYPE] == MAT_EMISSIVE_ONLY || !(tr + tg + tb > 0f)) {
                    done = true;
                } else {
                float px = s[S_P];
                float py = s[S_P + 1];
                float pz = s[S_P + 2];
                float eps = epsScale * (1f + Math.max(Math.abs(px), Math.max(Math.abs(py), Math.abs(pz))));
                float wox = -(vdx * s[S_TG] + vdy * s[S_TG + 1] + vdz * s[S_TG + 2]);
                float woy = -(vdx * s[S_BT] + vdy * s[S_BT + 1] + vdz * s[S_BT + 2]);
                float woz = -(vdx * s[S_N] + vdy * s[S_N + 1] + vdz * s[S_N + 2]);
                int dim = DIMS_CAMERA + depth * DIMS_PER_BOUNCE;
                if (hasLights && !Bsdf.isDelta(s)) {
                    float u0 = Rng.u01(pixel, sample, dim, seed);
                    float u1 = Rng.u01(pixel, sample, dim + 1, seed);
                    float u2 = Rng.u01(pixel, sample, dim + 2, seed);
                    if (LightSampler.sample(sceneI, sceneF, texels, px, py, pz, u0, u1, u2, s)) {
                        float lx = s[S_LWI];
                        float ly = s[S_LWI + 1];
                        float lz = s[S_LWI + 2];
                        float wix = lx * s[S_TG] + ly * s[S_TG + 1] + lz * s[S_TG + 2];
                        float wiy = lx * s[S_BT] + ly * s[S_BT + 1] + lz * s[S_BT + 2];
                        float wiz = lx * s[S_N] + ly * s[S_N + 1] + lz * s[S_N + 2];
                        float pb = Bsdf.eval(s, wox, woy, woz, wix, wiy, wiz);
                        float fr = s[S_F];
                        float fg = s[S_F + 1];
                        float fb = s[S_F + 2];
                        if (fr + fg + fb > 0f) {
                            float side = sideOf(vnx, vny, vnz, lx, ly, lz);
                            float sx = px + vnx * eps * side;
                            float sy = py + vny * eps * side;
                            float sz = pz + vnz * eps * side;
                            float tMax = s[S_LDIST] * (1f - 1e-4f) - eps;
                            rays = rays + 1;
                            if (!Traversal.occluded(sceneI, sceneF, s, stack, sx, sy, sz, lx, ly, lz, tMax)) {
                                float lpdf = s[S_LPDF];
                                float w = powerHeuristic(lpdf, pb) / lpdf;
                                lr += tr * fr * s[S_LE] * w;
                                lg += tg * fg * s[S_LE + 1] * w;
                                lb += tb * fb * s[S_LE + 2] * w;
                            }
                        }
                    }
                }
                float uLobe = Rng.u01(pixel, sample, dim + 3, seed);
                float ub1 = Rng.u01(pixel, sample, dim + 4, seed);
                float ub2 = Rng.u01(pixel, sample, dim + 5, seed);
                if (!Bsdf.sample(s, wox, woy, woz, uLobe, ub1, ub2)) {
                    done = true;
                } else {
                    tr *= s[S_F];
                    tg *= s[S_F + 1];
                    tb *= s[S_F + 2];
                    prevPdf = s[S_PDF];
                    prevDelta = s[S_DELTA] > 0f;
                    float wx = s[S_WI];
                    float wy = s[S_WI + 1];
                    float wz = s[S_WI + 2];
                    float nx = wx * s[S_TG] + wy * s[S_BT] + wz * s[S_N];
                    float ny = wx * s[S_TG + 1] + wy * s[S_BT + 1] + wz * s[S_N + 1];
                    float nz = wx * s[S_TG + 2] + wy * s[S_BT + 2] + wz * s[S_N + 2];
                    float nl = (float) Math.sqrt(nx * nx + ny * ny + nz * nz);
                    nx /= nl;
                    ny /= nl;
                    nz /= nl;
                    float side = sideOf(vnx, vny, vnz, nx, ny, nz);
                    s[S_RO] = px + vnx * eps * side;
                    s[S_RO + 1] = py + vny * eps * side;
                    s[S_RO + 2] = pz + vnz * eps * side;
                    s[S_RD] = nx;
                    s[S_RD + 1] = ny;
                    s[S_RD + 2] = nz;
                    if (depth + 1 >= rrDepth) {
                        float q = Math.min(0.95f, Math.max(tr, Math.max(tg, tb)));
                        if (Rng.u01(pixel, sample, dim + 6, seed) >= q) {
                            done = true;
                        } else {
                            tr /= q;
                            tg /= q;
                            tb /= q;
                        }
                    }
                    if (!(tr + tg + tb > 0f)) {
                        done = true;
                    }
                    depth = depth + 1;
                }
                }
            }
        }
        stats[pixel * STAT_STRIDE] += rays;
        float clamp = frameF[FF_CLAMP];
        if (Warp.finite(lr) && Warp.finite(lg) && Warp.finite(lb)) {
            float lum = Warp.luminance(lr, lg, lb);
            if (clamp > 0f && lum > clamp) {
                float k = clamp / lum;
                lr *= k;
                lg *= k;
                lb *= k;
            }
            int a = pixel * ACC_STRIDE;
            accum[a] += lr;
            accum[a + 1] += lg;
            accum[a + 2] += lb;
        } else {
            stats[pixel * STAT_STRIDE + 1] += 1;
        }
        int o = pixel * AOV_STRIDE;
        for (int k = 0; k < AOV_STRIDE; k++) {
            aov[o + k] += s[S_AOV + k];
        }
    }

    static float sideOf(float ngx, float ngy, float ngz, float dx, float dy, float dz) {
        float r = 1f;
        if (ngx * dx + ngy * dy + ngz * dz < 0f) {
            r = -1f;
        }
        return r;
    }

    /** Power heuristic with beta = 2 for the strategy whose density is a. */
    public static float powerHeuristic(float a, float b) {
        float a2 = a * a;
        float b2 = b * b;
        float r = 1f;
        if (a2 + b2 > 0f && Warp.finite(a2)) {
            r = a2 / (a2 + b2);
        }
        return r;
    }

    /** First-hit albedo (base colour, or normal-incidence Fresnel for conductors), normal, distance, alpha. */
    static void recordAov(float[] s, float t) {
        int type = (int) s[S_MTYPE];
        for (int k = 0; k < 3; k++) {
            float a = s[S_MBASE + k];
            if (type == MAT_CONDUCTOR) {
                float n = s[S_CN + k];
                float kk = s[S_CK + k];
                a *= ((n - 1f) * (n - 1f) + kk * kk) / ((n + 1f) * (n + 1f) + kk * kk);
            }
            s[S_AOV + k] = a;
            s[S_AOV + 3 + k] = s[S_N + k];
        }
        s[S_AOV + 6] = t;
        s[S_AOV + 7] = 1f;
    }
}
