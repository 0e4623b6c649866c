package dev.carnation.kernel.integrator;

import static dev.carnation.kernel.Layout.*;

/**
 * The declared state of one path between stages: everything a stage of {@link PathTracer} reads
 * or writes lives here, not in locals, so each stage can run on its own over a buffer of states
 * (a wavefront integrator: {@link #load} a record, run a stage, {@link #store} it back).
 *
 * <p>Two records per path. Floats: the shading scratch (the ray, the hit, the vertex frame and
 * its closure, the light sample: Layout's S_* slots) followed by the path's own slots (P_*).
 * Ints: flags, counters, the hit primitive and the medium stack (Q_*).
 */
public final class PathState {
    private PathState() {}

    // ---- floats, after the shading scratch ----
    public static final int P_THR = S_SIZE;            // NUM_CHANNELS: throughput
    public static final int P_L = P_THR + 3;            // NUM_CHANNELS: radiance gathered so far
    public static final int P_PREV_PDF = P_L + 3;       // solid-angle pdf of the last BSDF sample (MIS at emitters)
    public static final int P_ETA_SCALE = P_PREV_PDF + 1; // product of eta^2 over transmissions (Russian roulette)
    public static final int P_WALK_ENTRY = P_ETA_SCALE + 1; // max throughput when the walk began
    public static final int P_WALK_PDF = P_WALK_ENTRY + 1; // NUM_CHANNELS: probability of each channel for the walk's flight
    public static final int P_WALK_LEAD = P_WALK_PDF + 3; // how far the walk ray's origin lies ahead of the walk's vertex
    // Dwivedi guiding of the walk (RandomWalk): per walk,
    public static final int P_WALK_N = P_WALK_LEAD + 1;   // 3: outward normal at the entry point (the guiding axis)
    public static final int P_WALK_DEPTH0 = P_WALK_N + 3; // entry point . normal: depth below the entry plane = DEPTH0 - x . n
    public static final int P_WALK_NU = P_WALK_DEPTH0 + 1; // diffusion length (Dwivedi's nu) of the channel of highest albedo
    public static final int P_WALK_PLOG = P_WALK_NU + 1;  // ln((nu + 1) / (nu - 1))
    public static final int P_WALK_GF = P_WALK_PLOG + 1;  // probability of a guided direction (0: no guiding)
    public static final int P_WALK_OPP = P_WALK_GF + 1;   // depth of an opposite interface seen by the first flight, or -1
    // and per direction: how it was sampled, for the next flight's pdf.
    public static final int P_WALK_COS = P_WALK_OPP + 1;  // direction . normal
    public static final int P_WALK_HG = P_WALK_COS + 1;   // phase function density of the direction
    public static final int P_WALK_BACK = P_WALK_HG + 1;  // probability that guiding aimed at the opposite interface
    public static final int P_WALK_STRETCH = P_WALK_BACK + 1; // extinction scale the next flight is sampled with
    public static final int P_PREV_P = P_WALK_STRETCH + 1;  // 3: position of the last scattering vertex (MIS at emitters)
    public static final int P_PREV_N = P_PREV_P + 3;        // 3: its receiver normal for light selection (zero: none)
    public static final int P_PREV_LSUM = P_PREV_N + 3;   // its light importance sum (LightSampler.select), -1 if none
    // Ray cone (Akenine-Moller et al. 2019/2021, docs/textures.md): the pixel footprint carried
    // along the path, for texture filtering (and any other use that needs a footprint).
    public static final int P_CONE_WIDTH = P_PREV_LSUM + 1;  // cone width at the current ray's origin (scene units)
    public static final int P_CONE_SPREAD = P_CONE_WIDTH + 1; // spread angle (radians): width grows by SPREAD per unit distance
    public static final int FLOATS = P_CONE_SPREAD + 1;

    // ---- ints ----
    public static final int Q_DONE = 0;
    public static final int Q_MODE = 1;             // MODE_SURFACE or MODE_WALK
    public static final int Q_DEPTH = 2;            // scattering events so far
    public static final int Q_RAYS = 3;             // rays traced (statistics)
    public static final int Q_TRI = 4;              // primitive hit by the last intersect, or -1
    public static final int Q_VERTEX = 5;           // 1 when this iteration left a vertex to shade
    public static final int Q_PREV_SPECULAR = 6;    // 1 when the last bounce was a delta lobe (no MIS)
    public static final int Q_WALK_STEP = 7;
    public static final int Q_WALK_OBJECT = 8;      // the object whose medium the walk is in
    public static final int Q_PASSES = 9;           // interfaces passed without scattering (nested media)
    public static final int Q_HIT_MAT = 10;
    public static final int Q_HIT_OBJECT = 11;
    public static final int Q_HIT_FRONT = 12;       // 1 when the ray hit the front (outside) of the surface
    public static final int Q_MEDIA = 13;           // number of entries in the medium stack
    public static final int Q_EYE = 14;             // 1 when the vertex is an iris lit through its cornea (light/Mnee)
    public static final int Q_CHAIN = 15;           // specular transmissions since the last such vertex, -1 after anything else
    public static final int Q_RECEIVER = 16;        // receiver link group bit of the last scattering vertex, 0 before the first (light/LightLinking)
    public static final int Q_MEDIUM_MAT = 17;      // MAX_MEDIA material ids, oldest first
    public static final int Q_MEDIUM_OBJECT = Q_MEDIUM_MAT + Media.MAX_MEDIA;
    public static final int INTS = Q_MEDIUM_OBJECT + Media.MAX_MEDIA;

    public static final int MODE_SURFACE = 0;
    public static final int MODE_WALK = 1;

    /** A fresh path: unit throughput, no radiance, in vacuum, nothing hit yet. */
    public static void reset(float[] s, int[] q) {
        for (int i = 0; i < INTS; i++) {
            q[i] = 0;
        }
        q[Q_TRI] = -1;
        q[Q_PREV_SPECULAR] = 1;
        q[Q_WALK_OBJECT] = -1;
        q[Q_CHAIN] = -1;
        for (int c = 0; c < NUM_CHANNELS; c++) {
            s[P_THR + c] = 1f;
            s[P_L + c] = 0f;
        }
        s[P_PREV_PDF] = 0f;
        s[P_ETA_SCALE] = 1f;
        s[P_WALK_ENTRY] = 1f;
        for (int k = 0; k < 3; k++) {
            s[P_PREV_P + k] = 0f;
            s[P_PREV_N + k] = 0f;
        }
        s[P_PREV_LSUM] = -1f;
        s[P_CONE_WIDTH] = 0f;
        s[P_CONE_SPREAD] = 0f;
        for (int k = 0; k < AOV_VALUES; k++) {
            s[S_AOV + k] = 0f;
        }
    }

    /** Copies path i's records from state buffers into working arrays. */
    public static void load(float[] floats, int[] ints, int i, float[] s, int[] q) {
        System.arraycopy(floats, i * FLOATS, s, 0, FLOATS);
        System.arraycopy(ints, i * INTS, q, 0, INTS);
    }

    /** Copies working arrays back to path i's records. */
    public static void store(float[] s, int[] q, float[] floats, int[] ints, int i) {
        System.arraycopy(s, 0, floats, i * FLOATS, FLOATS);
        System.arraycopy(q, 0, ints, i * INTS, INTS);
    }
}
