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
 * chosen in proportion to throughput x single-scattering albedo, scatter with Henyey-Greenstein or
 * with Dwivedi's guided directions, weight all channels by the balance heuristic over every
 * channel and strategy with the probabilities they were chosen with (spectral MIS), and leave
 * where a flight crosses the boundary, continuing through a Lambertian exit lobe.
 *
 * <p>Why those channel probabilities (Chiang, Kutz and Burley 2016, as Cycles): with p_c =
 * thr_c a_c / S, S = sum of thr_c a_c and a_c = max(alpha_c, MIN_PDF_ALBEDO), a classic scattering
 * step multiplies channel k by sigma_s,k T_k / sum_c p_c sigma_t,c T_c, after which the channels'
 * throughputs sum to at most S, no more than they summed to before: no channel's throughput can
 * grow while the walk scatters, however many steps it takes. Leaving multiplies channel k by
 * T_k / sum_c p_c T_c, which keeps it below S / a_k (the floor bounds this for nearly black
 * channels). Guiding mixes a second density into the denominator, chosen with probability
 * P_WALK_GF, so a step can weigh at most 1 / (1 - P_WALK_GF) times the classic step. With uniform
 * channel probabilities the per-step weights (up to 3 alpha_k) multiplied without bound, and rare
 * walks carried hundreds of times the mean (fireflies; a mean that converged from below for
 * thousands of samples).
 *
 * <p>Guiding (Krivanek and d'Eon 2014, Meng, Hanika and Dachsbacher 2016, as Cycles): after the
 * first flight, a direction is, with probability P_WALK_GF, drawn from Dwivedi's distribution
 * about the entry normal, p(mu) ~ 1 / (nu - mu), and the flight after it with the extinction
 * stretched by (1 - mu / nu), which leads walks back to the surface they entered by instead of
 * letting them wander into the medium to be absorbed or killed; where the first flight saw the
 * far side of a thin part (within 10 mean free paths), guiding aims at that side instead with a
 * probability that grows as the walk nears it. nu, the diffusion length of a semi-infinite medium,
 * is that of the channel of highest albedo: a lower one would guide harder than that channel
 * tolerates.
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
    /** Albedo floor in the channel probabilities: bounds the exit weight by 1 / MIN_PDF_ALBEDO. */
    public static final float MIN_PDF_ALBEDO = 0.2f;
    /** Below this cosine the first walk ray leaves the entry point at a slant (see {@link #enter}). */
    static final float MIN_ENTRY_COS = 0.05f;
    /**
     * Seed variation for the two guiding decisions of a step, whose four dimensions (channel,
     * distance, direction) are taken; Russian roulette varies the seed the same way.
     */
    static final int GUIDE_SEED = 0x2c1b3c6d;
    /**
     * No guiding above this diffusion length (alpha above ~0.99993): Dwivedi's distribution is
     * uniform there to 3 %, and float cannot sample it: mu = nu - (nu + 1) e^(-u ln((nu+1)/(nu-1)))
     * cancels to steps of nu / 2^24, and ln((nu+1)/(nu-1)) loses its digits (at alpha = 1, nu ~ 1e6,
     * both were off by tens of percent and a lossless sphere rendered 5 % bright).
     */
    static final float MAX_NU = 64f;

    public static int stepDim(int depth, int step) {
        return DIM_BASE + depth * (MAX_STEPS * 4 + 4) + 4 + step * 4;
    }

    /**
     * From the hit in S_P / S_NG: the first walk ray, cosine-weighted about -n, into S_RD, its
     * origin, into S_RO, and the walk's guiding frame (its parameters: {@link #guiding}). The walk
     * starts at the surface, but its ray must start below it or it would hit the entry triangle
     * again; an origin eps straight below (along -n) would start every walk eps deep, which darkens
     * a medium by about eps / mean free path (3 % in blue on a head: eps 0.02 mm, mean free path
     * 0.55 mm). So the origin moves eps deep along the walk's own direction, and the distance it
     * moved (P_WALK_LEAD) counts towards the first flight. Below MIN_ENTRY_COS the move along the
     * ray is capped (it would leave a curved surface) and the rest of the depth is taken along -n.
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
        s[P_WALK_N] = nx;
        s[P_WALK_N + 1] = ny;
        s[P_WALK_N + 2] = nz;
        s[P_WALK_DEPTH0] = s[S_P] * nx + s[S_P + 1] * ny + s[S_P + 2] * nz;
        s[P_WALK_OPP] = -1f;
        // The first flight is classic: its direction came from the entry, not from the phase function.
        s[P_WALK_STRETCH] = 1f;
        s[P_WALK_COS] = -lz;
        s[P_WALK_HG] = 1f;
        s[P_WALK_BACK] = 0f;
    }

    /**
     * The walk's guiding parameters, into P_WALK_NU / P_WALK_PLOG / P_WALK_GF: computed by the
     * walk's first step, not by {@link #enter}. These logs and exps are loops, and in enter, deep in
     * the surface branch of the path loop, they made PoCL lose the path state written after them
     * (the head rendered 80 % bright; docs/tornadovm-notes.md, item 5); in the walk step it is
     * bit-identical to the JVM.
     */
    public static void guiding(float[] s) {
        // Diffusion length nu = 1 / sqrt(1 - alpha^(2.44294 - 0.0215813 alpha + 0.578637 / alpha)), a
        // fit by d'Eon and Krivanek (2020) as Cycles uses; guided share 1 - max(0.5, |g|^(1/8)),
        // Cycles' heuristic. The logs and exps run unconditionally on clamped inputs; the branch only selects.
        float a = Math.max(0.01f, Math.max(s[S_SSS_AL], Math.max(s[S_SSS_AL + 1], s[S_SSS_AL + 2])));
        float power = (2.44294f - 0.0215813f * a + 0.578637f / a) * DetMath.logUnit(a);
        float nu = 1f / (float) Math.sqrt(Math.max(1e-12f, 1f - DetMath.expNeg(power)));
        float gf = 1f - Math.max(0.5f, DetMath.expNeg(0.125f * DetMath.logUnit(Math.max(1e-6f, Math.abs(s[S_SSS_G])))));
        if (!(nu > 1.001f && nu < MAX_NU)) {
            // No guiding; a nu that keeps the (unused) guided densities finite.
            gf = 0f;
            nu = 2f;
        }
        float plog = -DetMath.logUnit((nu - 1f) / (nu + 1f));
        s[P_WALK_NU] = nu;
        s[P_WALK_PLOG] = plog;
        s[P_WALK_GF] = gf;
    }

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
     * Free-flight distance, sampled with the extinction of the channel uc picks from P_WALK_PDF,
     * stretched as the direction's strategy asks (P_WALK_STRETCH). Chosen by comparisons, not by
     * an index: a private array read at a variable index would live in local memory on the GPU.
     */
    public static float flight(float[] s, float uc, float ud) {
        float sigma = s[S_SSS_ST + 2];
        if (uc < s[P_WALK_PDF]) {
            sigma = s[S_SSS_ST];
        } else if (uc < s[P_WALK_PDF] + s[P_WALK_PDF + 1]) {
            sigma = s[S_SSS_ST + 1];
        }
        return -DetMath.logUnit(1f - ud) / (sigma * s[P_WALK_STRETCH]);
    }

    /**
     * The first flight reached the boundary toBoundary from the entry: if that is within 10 of the
     * longest mean free paths, it is a thin part's far side, which guiding may aim at.
     */
    public static void findOpposite(float toBoundary, float dx, float dy, float dz, float[] s) {
        float sigmaMin = Math.min(s[S_SSS_ST], Math.min(s[S_SSS_ST + 1], s[S_SSS_ST + 2]));
        if (toBoundary * sigmaMin < 10f) {
            s[P_WALK_OPP] = -toBoundary * (dx * s[P_WALK_N] + dy * s[P_WALK_N + 1] + dz * s[P_WALK_N + 2]);
        }
    }

    /**
     * The density with which the flight just taken was sampled, for a channel of extinction sigma
     * with transmittance t = exp(-sigma dist): of scattering at dist, or (leaving) of flying past
     * it. With guiding (gf &gt; 0) the guided strategies' densities are mixed in as they were chosen,
     * their direction densities divided by the phase function's (which cancels with the same factor
     * in every channel's numerator).
     */
    static float flightPdf(float sigma, float t, float dist, boolean leaving, float gf, float[] s) {
        float nu = s[P_WALK_NU];
        float mu = s[P_WALK_COS];
        float back = s[P_WALK_BACK];
        float sf = sigma * (1f - mu / nu);
        float sb = sigma * (1f + mu / nu);
        float sc = sigma;
        float scf = sf;
        float scb = sb;
        if (leaving) {
            sc = 1f;
            scf = 1f;
            scb = 1f;
        }
        // Evaluated even when gf = 0 (then weighted 0): no loop (expNeg) may sit in a branch whose
        // results are used after it (docs/tornadovm-notes.md, item 5).
        float dirNorm = 1f / (2f * DetMath.PI * s[P_WALK_PLOG] * s[P_WALK_HG]);
        float forward = dirNorm / (nu - mu) * scf * DetMath.expNeg(-sf * dist);
        float backward = dirNorm / (nu + mu) * scb * DetMath.expNeg(-sb * dist);
        return (1f - gf) * sc * t + gf * ((1f - back) * forward + back * backward);
    }

    /**
     * The flight reached the boundary (triangle tri, dist from the walk's vertex o): the
     * per-channel weight T_k / sum_c p_c pdf_c (p from P_WALK_PDF) goes to S_THR; the exit point,
     * outward normal and a Lambertian exit lobe of albedo 1 become the path's vertex, seen from
     * straight above (S_RD = -n). gf: the guided share in effect for this flight.
     */
    public static void exit(int[] sceneI, float[] sceneF, int tri, float ox, float oy, float oz,
                            float dx, float dy, float dz, float dist, float gf, float[] s) {
        float e0 = DetMath.expNeg(-s[S_SSS_ST] * dist);
        float e1 = DetMath.expNeg(-s[S_SSS_ST + 1] * dist);
        float e2 = DetMath.expNeg(-s[S_SSS_ST + 2] * dist);
        float pdf = s[P_WALK_PDF] * flightPdf(s[S_SSS_ST], e0, dist, true, gf, s)
                + s[P_WALK_PDF + 1] * flightPdf(s[S_SSS_ST + 1], e1, dist, true, gf, s)
                + s[P_WALK_PDF + 2] * flightPdf(s[S_SSS_ST + 2], e2, dist, true, gf, s);
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
     * Scattering at the end of a flight from the walk's vertex o: the per-channel weight
     * sigma_s,k T_k / sum_c p_c pdf_c (p from P_WALK_PDF) goes to S_THR, the scattering point to
     * S_RO and the next direction to S_RD (see {@link #scatterDirection}). gf: the guided share in
     * effect for this flight.
     */
    public static void scatter(int pixel, int sample, int dim, int seed, float ox, float oy, float oz,
                               float dx, float dy, float dz, float flight, float gf, float[] s) {
        float st0 = s[S_SSS_ST];
        float st1 = s[S_SSS_ST + 1];
        float st2 = s[S_SSS_ST + 2];
        float e0 = DetMath.expNeg(-st0 * flight);
        float e1 = DetMath.expNeg(-st1 * flight);
        float e2 = DetMath.expNeg(-st2 * flight);
        float pdf = s[P_WALK_PDF] * flightPdf(st0, e0, flight, false, gf, s)
                + s[P_WALK_PDF + 1] * flightPdf(st1, e1, flight, false, gf, s)
                + s[P_WALK_PDF + 2] * flightPdf(st2, e2, flight, false, gf, s);
        s[S_THR] = st0 * s[S_SSS_AL] * e0 / pdf;
        s[S_THR + 1] = st1 * s[S_SSS_AL + 1] * e1 / pdf;
        s[S_THR + 2] = st2 * s[S_SSS_AL + 2] * e2 / pdf;
        s[S_RO] = ox + dx * flight;
        s[S_RO + 1] = oy + dy * flight;
        s[S_RO + 2] = oz + dz * flight;
        scatterDirection(pixel, sample, dim, seed, dx, dy, dz, s);
        s[S_RD] = s[S_WI];
        s[S_RD + 1] = s[S_WI + 1];
        s[S_RD + 2] = s[S_WI + 2];
    }

    /**
     * The next direction from the scattering point S_RO, into S_WI: with probability P_WALK_GF
     * from Dwivedi's distribution about the entry normal (or, with probability P_WALK_BACK, about
     * its opposite, towards a thin part's far side), else from the phase function about the
     * incoming direction d. Records how, for the next flight's sampling and pdf.
     */
    static void scatterDirection(int pixel, int sample, int dim, int seed, float dx, float dy, float dz, float[] s) {
        float nx = s[P_WALK_N];
        float ny = s[P_WALK_N + 1];
        float nz = s[P_WALK_N + 2];
        float nu = s[P_WALK_NU];
        float g = s[S_SSS_G];
        // Chance to aim at the far side: 1 / (1 + e^((opp - 2x) / nu)) at depth x (Cycles, after d'Eon
        // and Krivanek 2020). Exps run unconditionally and branches only select (see guiding).
        float opp = s[P_WALK_OPP];
        float depth = s[P_WALK_DEPTH0] - (s[S_RO] * nx + s[S_RO + 1] * ny + s[S_RO + 2] * nz);
        float a = (opp - 2f * Math.max(0f, Math.min(opp, depth))) / nu;
        float e = DetMath.expNeg(-Math.abs(a));
        float back = 1f / (1f + e);
        if (a > 0f) {
            back = e / (1f + e);
        }
        if (opp <= 0f) {
            back = 0f;
        }
        float u1 = Rng.u01(pixel, sample, dim + 2, seed);
        float u2 = Rng.u01(pixel, sample, dim + 3, seed);
        float guidedMu = nu - (nu + 1f) * DetMath.expNeg(-u1 * s[P_WALK_PLOG]);
        // Classic: the phase function about d.
        float ax = dx;
        float ay = dy;
        float az = dz;
        float cos = sampleHgCos(g, u1);
        float stretch = 1f;
        if (Rng.u01(pixel, sample, dim + 2, seed ^ GUIDE_SEED) < s[P_WALK_GF]) {
            ax = nx;
            ay = ny;
            az = nz;
            cos = guidedMu;
            stretch = 1f - guidedMu / nu;
            if (Rng.u01(pixel, sample, dim + 3, seed ^ GUIDE_SEED) < back) {
                // Mirrored: about -n, the same stretch (1 + mu / nu with mu = -guidedMu).
                cos = -guidedMu;
            }
        }
        around(ax, ay, az, cos, u2, s);
        float wx = s[S_WI];
        float wy = s[S_WI + 1];
        float wz = s[S_WI + 2];
        s[P_WALK_COS] = wx * nx + wy * ny + wz * nz;
        s[P_WALK_HG] = hgPdf(g, wx * dx + wy * dy + wz * dz);
        s[P_WALK_BACK] = back;
        s[P_WALK_STRETCH] = stretch;
    }

    /** Cosine of a Henyey-Greenstein scattering angle. */
    static float sampleHgCos(float g, float u1) {
        float cos = 1f - 2f * u1;
        if (Math.abs(g) > 1e-3f) {
            float k = (1f - g * g) / (1f - g + 2f * g * u1);
            cos = (1f + g * g - k * k) / (2f * g);
        }
        return Math.max(-1f, Math.min(1f, cos));
    }

    /** Henyey-Greenstein density (per steradian) of scattering by an angle of cosine cos. */
    static float hgPdf(float g, float cos) {
        float d = Math.max(1e-12f, 1f + g * g - 2f * g * cos);
        return (1f - g * g) / (4f * DetMath.PI * d * (float) Math.sqrt(d));
    }

    /** The unit direction at angle cos from the axis (ax, ay, az) and azimuth 2 pi u2, into S_WI. */
    static void around(float ax, float ay, float az, float cos, float u2, float[] s) {
        float sin = (float) Math.sqrt(Math.max(0f, 1f - cos * cos));
        Surface.basis(ax, ay, az, s);
        DetMath.sinCos(2f * DetMath.PI * u2, s, S_WI);
        float a = sin * s[S_WI + 1];
        float b = sin * s[S_WI];
        float wx = a * s[S_TG] + b * s[S_BT] + cos * ax;
        float wy = a * s[S_TG + 1] + b * s[S_BT + 1] + cos * ay;
        float wz = a * s[S_TG + 2] + b * s[S_BT + 2] + cos * az;
        float l = (float) Math.sqrt(wx * wx + wy * wy + wz * wz);
        s[S_WI] = wx / l;
        s[S_WI + 1] = wy / l;
        s[S_WI + 2] = wz / l;
    }
}
