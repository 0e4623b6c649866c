package dev.carnation.kernel.integrator;

import static dev.carnation.kernel.Layout.*;
import static dev.carnation.kernel.integrator.PathState.*;

import dev.carnation.kernel.geom.Surface;
import dev.carnation.kernel.sampling.DetMath;
import dev.carnation.kernel.sampling.Rng;

/**
 * Random-walk subsurface scattering in a homogeneous medium bounded by the mesh (the approach of
 * Cycles, Arnold and pbrt-v4's volumetric path tracer): enter through the surface with a
 * cosine-weighted (Lambertian) transmission, sample free flights with the extinction of one channel
 * chosen in proportion to throughput x single-scattering albedo and weight all channels by the
 * balance heuristic over channels with those same probabilities (spectral MIS), scatter with
 * Henyey-Greenstein, and leave where a flight crosses the boundary, continuing through a Lambertian
 * exit lobe.
 *
 * <p>Why those channel probabilities (Chiang, Kutz and Burley 2016, as Cycles): with p_c =
 * thr_c a_c / S, S = sum of thr_c a_c and a_c = max(alpha_c, MIN_PDF_ALBEDO), a scattering step
 * multiplies channel k by sigma_s,k T_k / sum_c p_c sigma_t,c T_c, after which the channels'
 * throughputs sum to at most S, no more than they summed to before: no channel's throughput can
 * grow while the walk scatters, however many steps it takes. Leaving multiplies channel k by
 * T_k / sum_c p_c T_c, which keeps it below S / a_k (the floor bounds this for nearly black
 * channels). With uniform probabilities the per-step weights (up to 3 alpha_k) multiplied without
 * bound, and rare walks carried hundreds of times the mean (fireflies; a mean that converged from
 * below for thousands of samples).
 *
 * <p>The walk is driven one step per iteration of the path loop ({@link PathTracer#tracePath}), not
 * by a loop of its own: TornadoVM 5.2 loses the path loop's local updates after an inner loop
 * inlined into it (docs/tornadovm-notes.md). These are the steps.
 */
public final class RandomWalk {
    private RandomWalk() {}

    public static final int MAX_STEPS = 4096;
    /** Random dimensions of walks live far from the path's own. */
    public static final int DIM_BASE = 1 << 20;

    public static int stepDim(int depth, int step) {
        return DIM_BASE + depth * (MAX_STEPS * 4 + 4) + 4 + step * 4;
    }

    /** Below this cosine the first walk ray leaves the entry point at a slant (see {@link #enter}). */
    static final float MIN_ENTRY_COS = 0.05f;

    /**
     * From the hit in S_P / S_NG: the first walk ray, cosine-weighted about -n, into S_RD, and its
     * origin, into S_RO. The walk starts at the surface, but its ray must start below it or it
     * would hit the entry triangle again; an origin eps straight below (along -n) would start
     * every walk eps deep, which darkens a medium by about eps / mean free path (3 % in blue on a
     * head: eps 0.02 mm, mean free path 0.55 mm). So the origin moves eps deep along the walk's own
     * direction, and the distance it moved (P_WALK_LEAD) counts towards the first flight. Below
     * MIN_ENTRY_COS the move along the ray is capped (it would leave a curved surface) and the rest
     * of the depth is taken along -n.
     */
    public static void enter(int pixel, int sample, int depth, int seed, float eps, float[] s) {
        float nx = s[S_NG];
        float ny = s[S_NG + 1];
        float nz = s[S_NG + 2];
        int dim = DIM_BASE + depth * (MAX_STEPS * 4 + 4);
        Surface.basis(-nx, -ny, -nz, s);
        float u1 = Rng.u01(pixel, sample, dim, seed);
        float u2 = Rng.u01(pixel, sample, dim + 1, seed);
        float r = (float) Math.sqrt(u1);
        DetMath.sinCos(2f * DetMath.PI * u2, s, S_WI);
        float lx = r * s[S_WI + 1];
        float ly = r * s[S_WI];
        float lz = (float) Math.sqrt(Math.max(0f, 1f - u1));
        float dx = lx * s[S_TG] + ly * s[S_BT] - lz * nx;
        float dy = lx * s[S_TG + 1] + ly * s[S_BT + 1] - lz * ny;
        float dz = lx * s[S_TG + 2] + ly * s[S_BT + 2] - lz * nz;
        float lead = eps / Math.max(lz, MIN_ENTRY_COS);
        float below = eps - lead * lz;
        s[S_RD] = dx;
        s[S_RD + 1] = dy;
        s[S_RD + 2] = dz;
        s[S_RO] = s[S_P] + dx * lead - nx * below;
        s[S_RO + 1] = s[S_P + 1] + dy * lead - ny * below;
        s[S_RO + 2] = s[S_P + 2] + dz * lead - nz * below;
        s[P_WALK_LEAD] = lead;
    }

    /** Albedo floor in the channel probabilities: bounds the exit weight by 1 / MIN_PDF_ALBEDO. */
    public static final float MIN_PDF_ALBEDO = 0.2f;

    /**
     * The probability of each channel for the next flight, into P_WALK_PDF: proportional to the
     * path's throughput times the channel's single-scattering albedo, floored at MIN_PDF_ALBEDO
     * (uniform when the throughput is zero).
     */
    public static void channelPdf(float[] s) {
        float w0 = s[P_THR] * Math.max(s[S_SSS_AL], MIN_PDF_ALBEDO);
        float w1 = s[P_THR + 1] * Math.max(s[S_SSS_AL + 1], MIN_PDF_ALBEDO);
        float w2 = s[P_THR + 2] * Math.max(s[S_SSS_AL + 2], MIN_PDF_ALBEDO);
        float sum = w0 + w1 + w2;
        float p0 = 1f / 3f;
        float p1 = 1f / 3f;
        float p2 = 1f / 3f;
        if (sum > 0f && sum < 3.0e38f) {
            p0 = w0 / sum;
            p1 = w1 / sum;
            p2 = w2 / sum;
        }
        s[P_WALK_PDF] = p0;
        s[P_WALK_PDF + 1] = p1;
        s[P_WALK_PDF + 2] = p2;
    }

    /**
     * Free-flight distance, sampled with the extinction of the channel uc picks from P_WALK_PDF.
     * Chosen by comparisons, not by an index: a private array read at a variable index would live
     * in local memory on the GPU.
     */
    public static float flight(float[] s, float uc, float ud) {
        float sigma = s[S_SSS_ST + 2];
        if (uc < s[P_WALK_PDF]) {
            sigma = s[S_SSS_ST];
        } else if (uc < s[P_WALK_PDF] + s[P_WALK_PDF + 1]) {
            sigma = s[S_SSS_ST + 1];
        }
        return -DetMath.logUnit(1f - ud) / sigma;
    }

    /**
     * The flight reached the boundary (triangle tri, dist from the walk's vertex o): the
     * per-channel weight T_k / sum_c p_c T_c (p from P_WALK_PDF) goes to S_THR; the exit point,
     * outward normal and a Lambertian exit lobe of albedo 1 become the path's vertex, seen from
     * straight above (S_RD = -n).
     */
    public static void exit(int[] sceneI, float[] sceneF, int tri, float ox, float oy, float oz,
                            float dx, float dy, float dz, float dist, float[] s) {
        float e0 = DetMath.expNeg(-s[S_SSS_ST] * dist);
        float e1 = DetMath.expNeg(-s[S_SSS_ST + 1] * dist);
        float e2 = DetMath.expNeg(-s[S_SSS_ST + 2] * dist);
        float pdf = s[P_WALK_PDF] * e0 + s[P_WALK_PDF + 1] * e1 + s[P_WALK_PDF + 2] * e2;
        s[S_THR] = e0 / pdf;
        s[S_THR + 1] = e1 / pdf;
        s[S_THR + 2] = e2 / pdf;
        s[S_P] = ox + dx * dist;
        s[S_P + 1] = oy + dy * dist;
        s[S_P + 2] = oz + dz * dist;
        Surface.geometricNormal(sceneI, sceneF, tri, s);
        float sign = 1f;
        if (s[S_NG] * dx + s[S_NG + 1] * dy + s[S_NG + 2] * dz < 0f) {
            sign = -1f;
        }
        for (int k = 0; k < 3; k++) {
            s[S_NG + k] = sign * s[S_NG + k];
            s[S_N + k] = s[S_NG + k];
            s[S_TG + k] = 0f;
            s[S_RD + k] = -s[S_NG + k];
            s[S_MBASE + k] = 1f;
        }
        Surface.orthonormalize(s, 1f);
        s[S_MTYPE] = MAT_DIFFUSE;
    }

    /**
     * Scattering at the end of a flight from the walk's vertex o: the per-channel weight sigma_s,k T_k / sum_c p_c sigma_t,c T_c
     * (p from P_WALK_PDF) goes to S_THR, and the next walk ray (Henyey-Greenstein) to S_RO / S_RD.
     */
    public static void scatter(int pixel, int sample, int dim, int seed, float ox, float oy, float oz,
                               float dx, float dy, float dz, float flight, float[] s) {
        float st0 = s[S_SSS_ST];
        float st1 = s[S_SSS_ST + 1];
        float st2 = s[S_SSS_ST + 2];
        float e0 = DetMath.expNeg(-st0 * flight);
        float e1 = DetMath.expNeg(-st1 * flight);
        float e2 = DetMath.expNeg(-st2 * flight);
        float pdf = s[P_WALK_PDF] * st0 * e0 + s[P_WALK_PDF + 1] * st1 * e1 + s[P_WALK_PDF + 2] * st2 * e2;
        s[S_THR] = st0 * s[S_SSS_AL] * e0 / pdf;
        s[S_THR + 1] = st1 * s[S_SSS_AL + 1] * e1 / pdf;
        s[S_THR + 2] = st2 * s[S_SSS_AL + 2] * e2 / pdf;
        s[S_RO] = ox + dx * flight;
        s[S_RO + 1] = oy + dy * flight;
        s[S_RO + 2] = oz + dz * flight;
        sampleHg(s[S_SSS_G], Rng.u01(pixel, sample, dim + 2, seed), Rng.u01(pixel, sample, dim + 3, seed), dx, dy, dz, s);
        s[S_RD] = s[S_WI];
        s[S_RD + 1] = s[S_WI + 1];
        s[S_RD + 2] = s[S_WI + 2];
    }

    /** Henyey-Greenstein direction about (dx, dy, dz), written to S_WI. */
    static void sampleHg(float g, float u1, float u2, float dx, float dy, float dz, float[] s) {
        float cos = 1f - 2f * u1;
        if (Math.abs(g) > 1e-3f) {
            float k = (1f - g * g) / (1f - g + 2f * g * u1);
            cos = (1f + g * g - k * k) / (2f * g);
        }
        cos = Math.max(-1f, Math.min(1f, cos));
        float sin = (float) Math.sqrt(Math.max(0f, 1f - cos * cos));
        Surface.basis(dx, dy, dz, s);
        DetMath.sinCos(2f * DetMath.PI * u2, s, S_WI);
        float a = sin * s[S_WI + 1];
        float b = sin * s[S_WI];
        float wx = a * s[S_TG] + b * s[S_BT] + cos * dx;
        float wy = a * s[S_TG + 1] + b * s[S_BT + 1] + cos * dy;
        float wz = a * s[S_TG + 2] + b * s[S_BT + 2] + cos * dz;
        float l = (float) Math.sqrt(wx * wx + wy * wy + wz * wz);
        s[S_WI] = wx / l;
        s[S_WI + 1] = wy / l;
        s[S_WI + 2] = wz / l;
    }
}
