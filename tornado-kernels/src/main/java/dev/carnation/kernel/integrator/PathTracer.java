package dev.carnation.kernel.integrator;

import static dev.carnation.kernel.Layout.*;
import static dev.carnation.kernel.integrator.PathState.*;

import dev.carnation.kernel.camera.ThinLens;
import dev.carnation.kernel.closure.Bsdf;
import dev.carnation.kernel.closure.Subsurface;
import dev.carnation.kernel.geom.Surface;
import dev.carnation.kernel.geom.Traversal;
import dev.carnation.kernel.light.AreaLight;
import dev.carnation.kernel.light.EnvironmentLight;
import dev.carnation.kernel.light.LightLinking;
import dev.carnation.kernel.light.LightSampler;
import dev.carnation.kernel.light.Mnee;
import dev.carnation.kernel.sampling.Rng;
import dev.carnation.kernel.sampling.Warp;

/**
 * Unidirectional path tracing with next-event estimation and multiple importance sampling
 * (power heuristic), Russian roulette, nested dielectrics and random-walk subsurface scattering.
 *
 * <p>The path loop dispatches stages ({@link #camera}, {@link #intersect}, {@link #walkStep},
 * {@link #background}, {@link #surface}, {@link #lightSample}, {@link #bsdfSample},
 * {@link #russianRoulette}, {@link #finish}) that communicate only through the path's state
 * ({@link PathState}), so a wavefront integrator can run each as its own kernel. Today it is one
 * kernel: {@link #renderPixel} is the device entry point (the JVM backend calls it from a thread
 * pool, TornadoVM wraps it in a {@code @Parallel} loop). Each pixel owns its slots in every output
 * buffer, so no atomics are needed and results do not depend on scheduling.
 *
 * <p>No stage runs a loop of its own around other stages: TornadoVM 5.2 loses updates made after
 * an inner loop inlined into the path loop (docs/tornadovm-notes.md), so a random walk advances
 * one step per iteration of the path loop.
 */
public final class PathTracer {
    private PathTracer() {}

    /**
     * Random dimensions: the camera's four (pixel jitter, lens), then DIMS_PER_BOUNCE per bounce.
     * The sampler stratifies dimensions in pairs (2k, 2k + 1), so each 2D decision owns one pair.
     */
    public static final int DIMS_CAMERA = 4;
    public static final int DIMS_PER_BOUNCE = 8;
    static final int D_LIGHT_POINT = 0;   // pair: the point on the light
    static final int D_BSDF = 2;          // pair: the BSDF direction
    static final int D_LIGHT_SELECT = 4;  // which light
    static final int D_LOBE = 5;          // which BSDF lobe
    static final int D_ROULETTE = 6;
    static final int D_SKIN_SPECULAR = 7; // skin: specular reflection or the walk
    /** Interfaces a path may pass without scattering (nested media) before it is dropped. */
    public static final int MAX_PASSES = 64;

    public static void renderRange(int first, int last, int[] sceneI, float[] sceneF, float[] texels,
                                   int[] frameI, float[] frameF, double[] accum, float[] aov, int[] stats, int[] active) {
        for (int p = first; p < last; p++) {
            renderPixel(p, sceneI, sceneF, texels, frameI, frameF, accum, aov, stats, active);
        }
    }

    /**
     * Adds FI_SAMPLE_COUNT samples of one pixel (output slot; the image's pixel is slot +
     * FI_PIXEL_OFFSET) to accum, aov and stats. Each sample is added to the pixel's open block as
     * soon as it is done, and a complete block to the closed sums (Layout.BLOCK_SPP), so the sums
     * depend only on which samples were taken, not on pass sizes, thread count or device. A pixel
     * whose active flag is 0 (converged under adaptive sampling) takes no samples; the count of
     * samples taken goes to STAT_SAMPLES, the film's divisor.
     */
    public static void renderPixel(int slot, int[] sceneI, float[] sceneF, float[] texels,
                                   int[] frameI, float[] frameF, double[] accum, float[] aov, int[] stats, int[] active) {
        int reset = frameI[FI_RESET];
        if (reset != RESET_NONE) {
            resetSlot(slot, reset, accum, aov, stats);
        }
        // The flag is 0 or 1: a product, not a branch, keeps the loop a plain counted loop on every backend.
        int count = frameI[FI_SAMPLE_COUNT] * active[slot];
        int first = frameI[FI_SAMPLE_START];
        int last = first + count;
        int pixel = slot + frameI[FI_PIXEL_OFFSET];
        for (int sample = first; sample < last; sample++) {
            tracePath(pixel, sample, sceneI, sceneF, texels, frameI, frameF, accum, aov, stats);
            if ((sample + 1) % BLOCK_SPP == 0) {
                closeBlock(slot, accum, aov);
            }
        }
        stats[slot * STAT_STRIDE + STAT_SAMPLES] += count;
    }

    /** Zeroes a slot's closed sums and stats, and with RESET_ALL its open block too. */
    public static void resetSlot(int slot, int reset, double[] accum, float[] aov, int[] stats) {
        int accumValues = ACC_VALUES;
        int aovValues = AOV_VALUES;
        if (reset == RESET_ALL) {
            accumValues = ACC_STRIDE;
            aovValues = AOV_STRIDE;
        }
        for (int k = 0; k < accumValues; k++) {
            accum[slot * ACC_STRIDE + k] = 0.0;
        }
        for (int k = 0; k < aovValues; k++) {
            aov[slot * AOV_STRIDE + k] = 0f;
        }
        for (int k = 0; k < STAT_STRIDE; k++) {
            stats[slot * STAT_STRIDE + k] = 0;
        }
    }

    /** Adds the open block's sums to the closed ones and zeroes them for the next block. */
    public static void closeBlock(int slot, double[] accum, float[] aov) {
        int a = slot * ACC_STRIDE;
        for (int k = 0; k < ACC_VALUES; k++) {
            accum[a + k] += accum[a + ACC_OPEN + k];
            accum[a + ACC_OPEN + k] = 0.0;
        }
        int o = slot * AOV_STRIDE;
        for (int k = 0; k < AOV_VALUES; k++) {
            aov[o + k] += aov[o + AOV_OPEN + k];
            aov[o + AOV_OPEN + k] = 0f;
        }
    }

    /**
     * One camera sample of an image pixel, from the lens to the film. It owns the path's private
     * state and traversal stack: TornadoVM may keep this method as a separate device function, and
     * a private array cannot be passed into one (docs/tornadovm-notes.md), so only global buffers
     * and scalars come in.
     */
    public static void tracePath(int pixel, int sample, int[] sceneI, float[] sceneF, float[] texels,
                                 int[] frameI, float[] frameF, double[] accum, float[] aov, int[] stats) {
        float[] s = new float[FLOATS];
        int[] q = new int[INTS];
        int[] stack = new int[STACK_SIZE];
        camera(pixel, sample, frameI, frameF, s, q);
        // One iteration: a ray, then a walk step, the background or a surface, then the vertex's
        // stages. Written out here rather than in a method of its own: TornadoVM keeps a method
        // this size as a separate device function, and private arrays cannot be passed to one.
        while (q[Q_DONE] == 0) {
            intersect(sceneI, sceneF, s, q, stack);
            if (q[Q_MODE] == MODE_WALK) {
                walkStep(pixel, sample, sceneI, sceneF, frameI, s, q);
            } else if (q[Q_TRI] < 0) {
                background(sceneI, sceneF, texels, frameI, s, q);
            } else {
                surface(pixel, sample, sceneI, sceneF, texels, frameI, frameF, s, q);
            }
            if (q[Q_VERTEX] != 0 && q[Q_DONE] == 0) {
                lightSample(pixel, sample, sceneI, sceneF, texels, frameI, frameF, s, q, stack);
                bsdfSample(pixel, sample, sceneI, frameI, frameF, s, q);
                if (q[Q_DONE] == 0) {
                    russianRoulette(pixel, sample, frameI, s, q);
                }
            }
        }
        finish(pixel - frameI[FI_PIXEL_OFFSET], frameF, s, q, accum, aov, stats);
    }

    /** Stage: a fresh path state and the camera ray through the thin lens. */
    public static void camera(int pixel, int sample, int[] frameI, float[] frameF, float[] s, int[] q) {
        PathState.reset(s, q);
        int width = frameI[FI_WIDTH];
        int height = frameI[FI_HEIGHT];
        int seed = frameI[FI_SEED];
        float jx = Rng.u01(pixel, sample, 0, seed);
        float jy = Rng.u01(pixel, sample, 1, seed);
        float fx = 2f * (((pixel % width) + jx) / width) - 1f;
        float fy = 1f - 2f * (((pixel / width) + jy) / height);
        ThinLens.generateRay(frameF, fx, fy, Rng.u01(pixel, sample, 2, seed), Rng.u01(pixel, sample, 3, seed), s);
        // The ray cone of a pixel: zero width at the eye, spread = the angle one pixel subtends
        // vertically (2 tan(fov/2) / height, small-angle), docs/textures.md.
        s[P_CONE_WIDTH] = 0f;
        s[P_CONE_SPREAD] = 2f * frameF[FF_TAN_HALF_H] / height;
    }

    /** Stage: the closest hit of the current ray; a walking path sees only its own object. */
    public static void intersect(int[] sceneI, float[] sceneF, float[] s, int[] q, int[] stack) {
        int only = -1;
        if (q[Q_MODE] == MODE_WALK) {
            only = q[Q_WALK_OBJECT];
        }
        q[Q_RAYS] = q[Q_RAYS] + 1;
        q[Q_VERTEX] = 0;
        q[Q_TRI] = Traversal.closestHit(sceneI, sceneF, s, stack, s[S_RO], s[S_RO + 1], s[S_RO + 2],
                s[S_RD], s[S_RD + 1], s[S_RD + 2], 1e30f, only);
    }

    /** Stage: one flight of a random walk, ending at the boundary (a vertex to shade) or in a scattering event. */
    public static void walkStep(int pixel, int sample, int[] sceneI, float[] sceneF, int[] frameI, float[] s, int[] q) {
        int seed = frameI[FI_SEED];
        float dx = s[S_RD];
        float dy = s[S_RD + 1];
        float dz = s[S_RD + 2];
        // Distances count from the walk's vertex, which the first ray's origin lies ahead of (RandomWalk.enter).
        float lead = s[P_WALK_LEAD];
        s[P_WALK_LEAD] = 0f;
        float ox = s[S_RO] - dx * lead;
        float oy = s[S_RO + 1] - dy * lead;
        float oz = s[S_RO + 2] - dz * lead;
        float toBoundary = s[S_T] + lead;
        int wd = RandomWalk.stepDim(q[Q_DEPTH], q[Q_WALK_STEP]);
        if (q[Q_WALK_STEP] == 0) {
            RandomWalk.guiding(s);
        }
        RandomWalk.channelPdf(s);
        float flight = RandomWalk.flight(s, Rng.u01(pixel, sample, wd, seed), Rng.u01(pixel, sample, wd + 1, seed));
        // The first flight's direction came from the entry: no guided strategy to mix in.
        float guided = s[P_WALK_GF];
        if (q[Q_WALK_STEP] == 0) {
            guided = 0f;
        }
        int tri = q[Q_TRI];
        if (tri < 0) {
            q[Q_DONE] = 1; // the walk left an open mesh: lost
        } else if (toBoundary <= flight) {
            RandomWalk.exit(sceneI, sceneF, tri, ox, oy, oz, dx, dy, dz, toBoundary, guided, s);
            scaleThroughput(s);
            q[Q_MODE] = MODE_SURFACE;
            q[Q_WALK_OBJECT] = -1;
            q[Q_VERTEX] = 1;
        } else {
            if (q[Q_WALK_STEP] == 0) {
                RandomWalk.findOpposite(toBoundary, dx, dy, dz, s);
            }
            RandomWalk.scatter(pixel, sample, wd, seed, ox, oy, oz, dx, dy, dz, flight, guided, s);
            scaleThroughput(s);
            q[Q_WALK_STEP] = q[Q_WALK_STEP] + 1;
            // Russian roulette once the walk has lost most of the energy it entered with.
            float m = maxThroughput(s);
            float entry = s[P_WALK_ENTRY];
            if (m < 0.25f * entry) {
                float keep = Math.max(0.05f, m / (0.25f * entry));
                if (Rng.u01(pixel, sample, wd, seed ^ 0x5bd1e995) >= keep) {
                    q[Q_DONE] = 1;
                } else {
                    divideThroughput(s, keep);
                }
            }
            if (q[Q_WALK_STEP] >= RandomWalk.MAX_STEPS) {
                q[Q_DONE] = 1;
            }
        }
    }

    /** Stage: the ray left the scene; the environment, MIS-weighted against its light sampling. */
    public static void background(int[] sceneI, float[] sceneF, float[] texels, int[] frameI, float[] s, int[] q) {
        if (EnvironmentLight.present(sceneI)) {
            float dx = s[S_RD];
            float dy = s[S_RD + 1];
            float dz = s[S_RD + 2];
            EnvironmentLight.eval(sceneI, sceneF, texels, dx, dy, dz, s);
            float w = 1f;
            int bit = q[Q_RECEIVER];
            if (q[Q_PREV_SPECULAR] == 0 && q[Q_CHAIN] < 0) {
                float pl = LightSampler.envSelectProbability(sceneI, sceneF, bit) * EnvironmentLight.pdf(sceneI, sceneF, dx, dy, dz);
                w = misWeight(frameI, NEE_BSDF_ONLY, s[P_PREV_PDF], pl) * LightLinking.bsdfShare(sceneI, -1);
            }
            // Light linking: not from a vertex on a receiver the environment does not light.
            w = w * LightLinking.lit(sceneI, -1, bit);
            addRadiance(s, S_LE, w);
        }
        q[Q_DONE] = 1;
    }

    /**
     * Stage: the ray hit a surface. Sets up the shading frame and closure, adds emission
     * (MIS-weighted), resolves nested dielectrics (an interface hidden by a higher-priority medium
     * is passed straight through), and decides between skin's specular event and entering its
     * medium. Leaves Q_VERTEX = 1 when there is a scattering vertex to shade.
     */
    public static void surface(int pixel, int sample, int[] sceneI, float[] sceneF, float[] texels,
                               int[] frameI, float[] frameF, float[] s, int[] q) {
        int tri = q[Q_TRI];
        int triRec = sceneI[H_TRI_OFF] + tri * TRI_STRIDE;
        float dx = s[S_RD];
        float dy = s[S_RD + 1];
        float dz = s[S_RD + 2];
        float t = s[S_T];
        // The cone reaches the hit: its width there sizes the texture footprint (Surface.setup).
        float coneW = s[P_CONE_WIDTH] + s[P_CONE_SPREAD] * t;
        s[P_CONE_WIDTH] = coneW;
        s[S_CONE_W] = coneW;
        int mat = Surface.setup(sceneI, sceneF, texels, tri, s);
        int matRec = sceneI[H_MAT_OFF] + mat * MAT_STRIDE;
        int object = sceneI[triRec + T_OBJECT];
        float ngx = s[S_NG];
        float ngy = s[S_NG + 1];
        float ngz = s[S_NG + 2];
        int front = 0;
        if (ngx * dx + ngy * dy + ngz * dz < 0f) {
            front = 1;
        }
        q[Q_HIT_MAT] = mat;
        q[Q_HIT_OBJECT] = object;
        q[Q_HIT_FRONT] = front;
        int type = (int) s[S_MTYPE];
        // The pass decision is computed for every hit and tested once, with no boolean set in a branch
        // before the test: TornadoVM's OpenCL emitter let the pass branch run into the rest of the
        // stage when it was `pass = false; if (dielectric) pass = ...; if (pass) ... else ...`
        // (docs/tornadovm-notes.md item 14).
        int outside = Media.top(sceneI, sceneF, q, object);
        float eta = sceneF[matRec + M_IOR] / Media.ior(sceneI, sceneF, outside);
        float dielectric = -1f;
        if (type == MAT_DIELECTRIC) {
            s[S_ETA] = eta;
            dielectric = 1f;
        }
        // A dielectric hidden by a higher-priority medium, or index-matched media, which meet
        // without an interface (and a rough interface of eta 1 is singular).
        float pass = Math.min(dielectric, Media.passMargin(sceneI, sceneF, outside, mat, eta));
        if (pass > 0f) {
            // Not an interface: continue the same ray on the far side, inside or outside this object.
            Media.cross(q, mat, object, front);
            float eps = rayEps(frameF, s);
            float side = sideOf(ngx, ngy, ngz, dx, dy, dz);
            for (int k = 0; k < 3; k++) {
                s[S_RO + k] = s[S_P + k] + s[S_NG + k] * eps * side;
            }
            q[Q_PASSES] = q[Q_PASSES] + 1;
            if (q[Q_PASSES] > MAX_PASSES) {
                q[Q_DONE] = 1;
            }
        } else {
            if (q[Q_DEPTH] == 0) {
                recordAov(s, t);
            }
            if (AreaLight.emits(sceneF, matRec, ngx, ngy, ngz, dx, dy, dz)) {
                float w = 1f;
                int light = sceneI[triRec + T_LIGHT];
                int bit = q[Q_RECEIVER];
                if (q[Q_PREV_SPECULAR] == 0 && q[Q_CHAIN] < 0) {
                    // Light sampling's density for this direction from the previous vertex.
                    float pl = LightSampler.emitterPdf(sceneI, sceneF, tri, s[P_PREV_P], s[P_PREV_P + 1], s[P_PREV_P + 2],
                            s[P_PREV_N], s[P_PREV_N + 1], s[P_PREV_N + 2], dx, dy, dz,
                            s[S_P], s[S_P + 1], s[S_P + 2], ngx, ngy, ngz, s[P_PREV_LSUM], bit, s);
                    w = misWeight(frameI, NEE_BSDF_ONLY, s[P_PREV_PDF], pl) * LightLinking.bsdfShare(sceneI, light);
                }
                // Light linking: not from a vertex on a receiver this light does not light (the
                // camera's bit is 0: lights stay visible to it).
                w = w * chainWeight(q) * LightLinking.lit(sceneI, light, bit);
                for (int c = 0; c < NUM_CHANNELS; c++) {
                    s[S_LE + c] = sceneF[matRec + M_EMIT + c];
                }
                addRadiance(s, S_LE, w);
            }
            q[Q_VERTEX] = 1;
            q[Q_EYE] = 0;
            if (Mnee.eye(sceneI, sceneF, mat) >= 0) {
                q[Q_EYE] = 1;
            }
            if (type == MAT_SUBSURFACE && q[Q_DEPTH] < frameI[FI_MAX_DEPTH]) {
                enterSkin(pixel, sample, frameI, frameF, s, q, object);
            }
        }
    }

    /** Skin: either its specular lobes reflect (Fresnel-weighted choice) or the path enters the medium. */
    static void enterSkin(int pixel, int sample, int[] frameI, float[] frameF, float[] s, int[] q, int object) {
        float dx = s[S_RD];
        float dy = s[S_RD + 1];
        float dz = s[S_RD + 2];
        float cosO = -(dx * s[S_N] + dy * s[S_N + 1] + dz * s[S_N + 2]);
        float cosG = -(dx * s[S_NG] + dy * s[S_NG + 1] + dz * s[S_NG + 2]);
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
            int seed = frameI[FI_SEED];
            int dimS = DIMS_CAMERA + q[Q_DEPTH] * DIMS_PER_BOUNCE + D_SKIN_SPECULAR;
            if (Rng.u01(pixel, sample, dimS, seed) < pSpec) {
                s[S_MTYPE] = MAT_SKIN_SPEC;
                divideThroughput(s, pSpec);
            } else {
                multiplyThroughput(s, (1f - fr) / (1f - pSpec));
                RandomWalk.enter(pixel, sample, q[Q_DEPTH], seed, rayEps(frameF, s), s);
                s[P_WALK_ENTRY] = maxThroughput(s);
                q[Q_WALK_STEP] = 0;
                q[Q_WALK_OBJECT] = object;
                q[Q_MODE] = MODE_WALK;
                q[Q_VERTEX] = 0;
            }
        }
    }

    /**
     * Stage: next-event estimation at the vertex, MIS-weighted against BSDF sampling. The shadow
     * ray starts at the vertex offset off the surface and aims at the sampled light point from
     * there, so its direction and length are those of the segment it tests.
     */
    public static void lightSample(int pixel, int sample, int[] sceneI, float[] sceneF, float[] texels,
                                   int[] frameI, float[] frameF, float[] s, int[] q, int[] stack) {
        rememberVertex(s, q);
        // The receiver of light linking: the object hit (a walk's exit lies on the object it entered).
        int bit = LightLinking.receiverBit(sceneI, q[Q_HIT_OBJECT]);
        q[Q_RECEIVER] = bit;
        boolean hasLights = EnvironmentLight.present(sceneI) || sceneI[H_LIGHT_COUNT] > 0;
        if (q[Q_DEPTH] < frameI[FI_MAX_DEPTH] && hasLights && !Bsdf.isDelta(s) && (int) s[S_MTYPE] != MAT_EMISSIVE_ONLY) {
            int seed = frameI[FI_SEED];
            int dim = DIMS_CAMERA + q[Q_DEPTH] * DIMS_PER_BOUNCE;
            float px = s[S_P];
            float py = s[S_P + 1];
            float pz = s[S_P + 2];
            float u0 = Rng.u01(pixel, sample, dim + D_LIGHT_SELECT, seed);
            float u1 = Rng.u01(pixel, sample, dim + D_LIGHT_POINT, seed);
            float u2 = Rng.u01(pixel, sample, dim + D_LIGHT_POINT + 1, seed);
            boolean sampled = LightSampler.sample(sceneI, sceneF, texels, px, py, pz, s[P_PREV_N], s[P_PREV_N + 1], s[P_PREV_N + 2],
                    u0, u1, u2, bit, s);
            // What selection summed here, for the MIS weight if the BSDF's ray hits a light.
            s[P_PREV_LSUM] = s[S_LSUM];
            if (sampled) {
                // An iris behind a cornea: the light is reached through it (S_LWI becomes the
                // direction at the iris), or not at all; no MIS, see chainWeight.
                float through = 1f;
                if (q[Q_EYE] != 0) {
                    through = Mnee.solve(sceneI, sceneF, sceneI[H_MAT_OFF] + q[Q_HIT_MAT] * MAT_STRIDE, px, py, pz,
                            -s[S_RD], -s[S_RD + 1], -s[S_RD + 2], s);
                }
                float lx = s[S_LWI];
                float ly = s[S_LWI + 1];
                float lz = s[S_LWI + 2];
                float pb = evalToWorld(s, lx, ly, lz);
                if (s[S_F] + s[S_F + 1] + s[S_F + 2] > 0f && through > 0f) {
                    float eps = rayEps(frameF, s);
                    float side = sideOf(s[S_NG], s[S_NG + 1], s[S_NG + 2], lx, ly, lz);
                    float sx = px + s[S_NG] * eps * side;
                    float sy = py + s[S_NG + 1] * eps * side;
                    float sz = pz + s[S_NG + 2] * eps * side;
                    int lid = (int) s[S_LID];
                    // A sphere's sample lies on the analytic sphere, not on the triangles that stand
                    // for it: the light counts only if the first hit along the direction is its own.
                    boolean hitTest = lid >= 0 && AreaLight.needsHitTest(sceneI, lid);
                    float tMax = 1e30f;
                    if (hitTest) {
                        tMax = s[S_LDIST];
                    } else if (s[S_LDIST] < 1e29f) {
                        float ax = s[S_LP] - sx;
                        float ay = s[S_LP + 1] - sy;
                        float az = s[S_LP + 2] - sz;
                        float len = (float) Math.sqrt(ax * ax + ay * ay + az * az);
                        lx = ax / len;
                        ly = ay / len;
                        lz = az / len;
                        tMax = len * (1f - 1e-4f);
                    }
                    if (q[Q_EYE] != 0) {
                        // From the cornea's outer surface to the light point and a little beyond:
                        // the first hit must be the light itself, or nothing.
                        float ceps = frameF[FF_RAY_EPS];
                        sx = s[S_MNEE_P2] + s[S_MNEE_D2] * ceps;
                        sy = s[S_MNEE_P2 + 1] + s[S_MNEE_D2 + 1] * ceps;
                        sz = s[S_MNEE_P2 + 2] + s[S_MNEE_D2 + 2] * ceps;
                        lx = s[S_MNEE_D2];
                        ly = s[S_MNEE_D2 + 1];
                        lz = s[S_MNEE_D2 + 2];
                        tMax = s[S_MNEE_T3] * (1f + 1e-3f);
                        hitTest = true;
                    }
                    q[Q_RAYS] = q[Q_RAYS] + 1;
                    // One traversal for both tests: any hit blocks a shadow segment; a sphere needs the first hit.
                    int anyHit = 1;
                    if (hitTest) {
                        anyHit = 0;
                    }
                    // Shadow linking: the light's shadow rays pass through the blockers it ignores.
                    int ignore = LightLinking.ignored(sceneI, lid);
                    int hit = Traversal.trace(sceneI, sceneF, s, stack, sx, sy, sz, lx, ly, lz, tMax, -1, anyHit, ignore);
                    boolean visible = hit < 0;
                    if (hitTest) {
                        visible = AreaLight.hitsLight(sceneI, sceneF, hit, lid, lx, ly, lz, s);
                    }
                    if (q[Q_EYE] != 0 && hit < 0) {
                        visible = true;
                    }
                    if (visible) {
                        float lpdf = s[S_LPDF];
                        float w = misWeight(frameI, NEE_LIGHTS_ONLY, lpdf, pb) / lpdf;
                        if (ignore != 0) {
                            // Shadow linking: light samples alone carry this light (LightLinking.bsdfShare).
                            w = 1f / lpdf;
                        }
                        if (q[Q_EYE] != 0) {
                            w = through;
                        }
                        for (int c = 0; c < NUM_CHANNELS; c++) {
                            s[P_L + c] += s[P_THR + c] * s[S_F + c] * s[S_LE + c] * w;
                        }
                    }
                }
            }
        }
    }

    /**
     * The vertex's position and receiver normal into P_PREV_P and P_PREV_N, for light selection
     * here and for MIS at the next emitter hit: the shading normal turned to the side the path
     * came from (opaque closures reflect on that side, see Bsdf), or zero for a dielectric or a
     * hair fibre, which also transmit (a fibre lit from behind shows its TT lobe).
     */
    static void rememberVertex(float[] s, int[] q) {
        float side = sideOf(s[S_N], s[S_N + 1], s[S_N + 2], -s[S_RD], -s[S_RD + 1], -s[S_RD + 2]);
        // Through a cornea, light bends in from beyond the iris's horizon: no horizon for light selection.
        int type = (int) s[S_MTYPE];
        if (type == MAT_DIELECTRIC || type == MAT_HAIR || q[Q_EYE] != 0) {
            side = 0f;
        }
        for (int k = 0; k < 3; k++) {
            s[P_PREV_P + k] = s[S_P + k];
            s[P_PREV_N + k] = s[S_N + k] * side;
        }
        s[P_PREV_LSUM] = -1f;
    }

    /** Evaluates the vertex's BSDF towards world direction l: f |cos| into S_F; returns its pdf. */
    static float evalToWorld(float[] s, float lx, float ly, float lz) {
        localOutgoing(s);
        float wox = s[S_WO];
        float woy = s[S_WO + 1];
        float woz = s[S_WO + 2];
        float wix = lx * s[S_TG] + ly * s[S_TG + 1] + lz * s[S_TG + 2];
        float wiy = lx * s[S_BT] + ly * s[S_BT + 1] + lz * s[S_BT + 2];
        float wiz = lx * s[S_N] + ly * s[S_N + 1] + lz * s[S_N + 2];
        return Bsdf.eval(s, wox, woy, woz, wix, wiy, wiz);
    }

    /**
     * Stage: samples the closure for the next direction, updates throughput, MIS state and the
     * medium stack (a transmission through a dielectric enters or leaves its object), and spawns
     * the next ray. Ends the path at the maximum depth, at pure emitters and when sampling fails.
     */
    public static void bsdfSample(int pixel, int sample, int[] sceneI, int[] frameI, float[] frameF, float[] s, int[] q) {
        if (q[Q_DEPTH] >= frameI[FI_MAX_DEPTH] || (int) s[S_MTYPE] == MAT_EMISSIVE_ONLY || !(maxThroughput(s) > 0f)) {
            q[Q_DONE] = 1;
        } else {
            int seed = frameI[FI_SEED];
            int dim = DIMS_CAMERA + q[Q_DEPTH] * DIMS_PER_BOUNCE;
            localOutgoing(s);
            float wox = s[S_WO];
            float woy = s[S_WO + 1];
            float woz = s[S_WO + 2];
            float uLobe = Rng.u01(pixel, sample, dim + D_LOBE, seed);
            float ub1 = Rng.u01(pixel, sample, dim + D_BSDF, seed);
            float ub2 = Rng.u01(pixel, sample, dim + D_BSDF + 1, seed);
            if (!Bsdf.sample(s, wox, woy, woz, uLobe, ub1, ub2)) {
                q[Q_DONE] = 1;
            } else {
                for (int c = 0; c < NUM_CHANNELS; c++) {
                    s[P_THR + c] *= s[S_F + c];
                }
                s[P_PREV_PDF] = s[S_PDF];
                q[Q_PREV_SPECULAR] = 0;
                if (Bsdf.has(s, BSDF_SPECULAR)) {
                    q[Q_PREV_SPECULAR] = 1;
                }
                q[Q_CHAIN] = nextChain(s, q);
                widenCone(s);
                if (Bsdf.has(s, BSDF_TRANSMIT)) {
                    float eta = s[S_SAMPLE_ETA];
                    s[P_ETA_SCALE] *= eta * eta;
                    if ((int) s[S_MTYPE] == MAT_DIELECTRIC) {
                        Media.cross(q, q[Q_HIT_MAT], q[Q_HIT_OBJECT], q[Q_HIT_FRONT]);
                    }
                }
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
                float eps = rayEps(frameF, s);
                float side = sideOf(s[S_NG], s[S_NG + 1], s[S_NG + 2], nx, ny, nz);
                for (int k = 0; k < 3; k++) {
                    s[S_RO + k] = s[S_P + k] + s[S_NG + k] * eps * side;
                }
                s[S_RD] = nx;
                s[S_RD + 1] = ny;
                s[S_RD + 2] = nz;
                q[Q_DEPTH] = q[Q_DEPTH] + 1;
            }
        }
    }

    /**
     * The ray cone after a sampled bounce (docs/textures.md). A delta lobe keeps the spread (a flat
     * mirror or window; the curvature term of Akenine-Moller et al. 2019 is left out), a glossy lobe
     * adds twice its GGX alpha (the lobe's angular width), a diffuse lobe adds one radian (any
     * texture it reaches is then read at a coarse level, where the filtering hardly matters).
     */
    static void widenCone(float[] s) {
        float add = 0f;
        if (Bsdf.has(s, BSDF_DIFFUSE)) {
            add = 1f;
        } else if (Bsdf.has(s, BSDF_GLOSSY)) {
            add = Math.min(1f, 2f * (float) Math.sqrt(s[S_AX] * s[S_AY]));
        }
        s[P_CONE_SPREAD] = s[P_CONE_SPREAD] + add;
    }

    /**
     * Stage: Russian roulette after FI_RR_DEPTH bounces, on the throughput with the radiance scaling
     * of refraction taken out (eta^2 per transmission, as pbrt-v4), so paths inside glass are not
     * killed for a factor the way out gives back.
     */
    public static void russianRoulette(int pixel, int sample, int[] frameI, float[] s, int[] q) {
        if (q[Q_DEPTH] >= frameI[FI_RR_DEPTH]) {
            int dim = DIMS_CAMERA + (q[Q_DEPTH] - 1) * DIMS_PER_BOUNCE;
            float keep = Math.min(0.95f, maxThroughput(s) * s[P_ETA_SCALE]);
            if (Rng.u01(pixel, sample, dim + D_ROULETTE, frameI[FI_SEED]) >= keep) {
                q[Q_DONE] = 1;
            } else {
                divideThroughput(s, keep);
            }
        }
        if (!(maxThroughput(s) > 0f)) {
            q[Q_DONE] = 1;
        }
    }

    /**
     * Stage: adds the path's radiance (and its square, for the film's variance) and AOVs to the
     * open block of its output slot. A non-finite sample is dropped and counted instead.
     */
    public static void finish(int slot, float[] frameF, float[] s, int[] q, double[] accum, float[] aov, int[] stats) {
        stats[slot * STAT_STRIDE] += q[Q_RAYS];
        float lr = s[P_L];
        float lg = s[P_L + 1];
        float lb = s[P_L + 2];
        float clamp = frameF[FF_CLAMP];
        if (Warp.finite(lr) && Warp.finite(lg) && Warp.finite(lb)) {
            float lum = Warp.luminance(lr, lg, lb);
            float k = 1f;
            if (clamp > 0f && lum > clamp) {
                k = clamp / lum;
            }
            int a = slot * ACC_STRIDE + ACC_OPEN;
            for (int c = 0; c < NUM_CHANNELS; c++) {
                double v = s[P_L + c] * k;
                accum[a + c] += v;
                accum[a + NUM_CHANNELS + c] += v * v;
            }
        } else {
            stats[slot * STAT_STRIDE + 1] += 1;
        }
        int o = slot * AOV_STRIDE + AOV_OPEN;
        for (int k = 0; k < AOV_VALUES; k++) {
            aov[o + k] += s[S_AOV + k];
        }
    }

    // ---- small helpers on the path state ----

    /** The direction towards the previous vertex (-S_RD) in the vertex's shading frame, into S_WO. */
    static void localOutgoing(float[] s) {
        float dx = s[S_RD];
        float dy = s[S_RD + 1];
        float dz = s[S_RD + 2];
        s[S_WO] = -(dx * s[S_TG] + dy * s[S_TG + 1] + dz * s[S_TG + 2]);
        s[S_WO + 1] = -(dx * s[S_BT] + dy * s[S_BT + 1] + dz * s[S_BT + 2]);
        s[S_WO + 2] = -(dx * s[S_N] + dy * s[S_N + 1] + dz * s[S_N + 2]);
    }

    /**
     * Ray offset at the vertex S_P: relative to the magnitude of its coordinates, or the hit's own
     * (S_HIT_EPS: a fiber's is a fraction of its radius, far below the scene's offset).
     */
    static float rayEps(float[] frameF, float[] s) {
        float e = frameF[FF_RAY_EPS] * (1f + Math.max(Math.abs(s[S_P]), Math.max(Math.abs(s[S_P + 1]), Math.abs(s[S_P + 2]))));
        float own = s[S_HIT_EPS];
        if (own > 0f) {
            e = own;
        }
        return e;
    }

    static float maxThroughput(float[] s) {
        return Math.max(s[P_THR], Math.max(s[P_THR + 1], s[P_THR + 2]));
    }

    static void scaleThroughput(float[] s) {
        for (int c = 0; c < NUM_CHANNELS; c++) {
            s[P_THR + c] *= s[S_THR + c];
        }
    }

    static void multiplyThroughput(float[] s, float w) {
        for (int c = 0; c < NUM_CHANNELS; c++) {
            s[P_THR + c] *= w;
        }
    }

    static void divideThroughput(float[] s, float w) {
        for (int c = 0; c < NUM_CHANNELS; c++) {
            s[P_THR + c] /= w;
        }
    }

    /** L += throughput * s[from..] * w. */
    static void addRadiance(float[] s, int from, float w) {
        for (int c = 0; c < NUM_CHANNELS; c++) {
            s[P_L + c] += s[P_THR + c] * s[from + c] * w;
        }
    }

    static float sideOf(float ngx, float ngy, float ngz, float dx, float dy, float dz) {
        float r = 1f;
        if (ngx * dx + ngy * dy + ngz * dz < 0f) {
            r = -1f;
        }
        return r;
    }

    /**
     * Weight of a sample of emitted light from strategy (NEE_LIGHTS_ONLY: a light sample,
     * NEE_BSDF_ONLY: a BSDF-sampled hit) of density a, against the other strategy's density b:
     * the power heuristic, or 1 / 0 when FI_NEE keeps only one strategy.
     */
    static float misWeight(int[] frameI, int strategy, float a, float b) {
        int mode = frameI[FI_NEE];
        float w = powerHeuristic(a, b);
        if (mode != NEE_MIS) {
            w = 0f;
            if (mode == strategy) {
                w = 1f;
            }
        }
        return w;
    }

    /**
     * The path's manifold chain after this vertex's BSDF sample: 0 leaving an iris lit by MNEE,
     * one more after each specular transmission that follows, -1 after anything else.
     */
    static int nextChain(float[] s, int[] q) {
        int chain = -1;
        if (q[Q_EYE] != 0) {
            chain = 0;
        } else if (q[Q_CHAIN] >= 0 && Bsdf.has(s, BSDF_SPECULAR) && Bsdf.has(s, BSDF_TRANSMIT)) {
            chain = q[Q_CHAIN] + 1;
        }
        return chain;
    }

    /**
     * Weight of emission found by BSDF sampling after an iris lit by MNEE: 0 for the paths MNEE
     * estimates (straight through the cornea's two surfaces to an area light), 1 for the rest, which
     * no light sample covers there (MNEE replaces the straight shadow ray, which the cornea blocks).
     */
    static float chainWeight(int[] q) {
        float w = 1f;
        if (q[Q_CHAIN] == Mnee.INTERFACES) {
            w = 0f;
        }
        return w;
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
