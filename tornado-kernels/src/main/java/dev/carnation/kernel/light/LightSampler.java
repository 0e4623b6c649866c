package dev.carnation.kernel.light;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.kernel.sampling.Warp;

/**
 * Next-event estimation: picks the environment or an area light, then a direction to it.
 *
 * <p>Area lights are picked per shading point, in proportion to an estimate of what each can
 * give there ({@link #importance}: the solid angle of its bounding sphere, times bounds on the
 * cosines at the light and at the receiver, as pbrt-v4's light bounds), so a softbox behind the
 * subject or below a surface's horizon gets no samples where it cannot light. Every estimate is
 * zero only where the light's contribution is: behind a one-sided light, or with the whole light
 * under the horizon of a reflecting (not transmitting) closure. Beyond LOCAL_LIGHTS_MAX lights
 * the loop over them would cost more than it saves and lights are picked by power.
 *
 * <p>A BSDF-sampled ray that hits a light needs the same probability for MIS ({@link #emitterPdf}),
 * so the path keeps the previous vertex's position and receiver normal (PathState P_PREV_P,
 * P_PREV_N) and the importance sum selection found there (P_PREV_LSUM), or recomputes it.
 */
public final class LightSampler {
    private LightSampler() {}

    public static float envSelectProbability(int[] sceneI, float[] sceneF) {
        return envSelectProbability(sceneI, sceneF, 0);
    }

    /**
     * Probability that a light sample at a receiver of link group bit (0: no linking) goes to the
     * environment: 0 where the environment does not light the receiver, 1 where no area light does
     * (light linking: no sample is spent on a light that would give nothing there).
     */
    public static float envSelectProbability(int[] sceneI, float[] sceneF, int bit) {
        float p = 0f;
        if (EnvironmentLight.present(sceneI) && (sceneI[H_ENV_EXCLUDE] & bit) == 0) {
            p = 1f;
            if (sceneI[H_LIGHT_COUNT] > 0 && (sceneI[H_LINK_DARK] & bit) == 0) {
                p = sceneF[F_ENV_SELECT];
            }
        }
        return p;
    }

    /**
     * Fills S_LWI, S_LE, S_LPDF (selection included), S_LDIST and S_LID; for a point on an area
     * light also S_LP, which a shadow ray must aim at from its own (offset) origin. S_LDIST is
     * 1e30 for the environment. (nx, ny, nz) is the receiver's normal on the side it reflects
     * into, or zero for a closure that also transmits.
     */
    public static boolean sample(int[] sceneI, float[] sceneF, float[] texels, float px, float py, float pz,
                                 float nx, float ny, float nz, float uSel, float u1, float u2, float[] s) {
        return sample(sceneI, sceneF, texels, px, py, pz, nx, ny, nz, uSel, u1, u2, 0, s);
    }

    /**
     * {@link #sample} at a receiver of link group bit (LightLinking.receiverBit): lights that do not
     * light it are left out of the selection, so no sample is spent on them.
     */
    public static boolean sample(int[] sceneI, float[] sceneF, float[] texels, float px, float py, float pz,
                                 float nx, float ny, float nz, float uSel, float u1, float u2, int bit, float[] s) {
        float pEnv = envSelectProbability(sceneI, sceneF, bit);
        boolean ok = false;
        s[S_LID] = -1f;
        s[S_LSUM] = -1f;
        if (uSel < pEnv) {
            ok = EnvironmentLight.sample(sceneI, sceneF, texels, u1, u2, s);
            s[S_LPDF] *= pEnv;
        } else if (sceneI[H_LIGHT_COUNT] > 0) {
            float u = Math.min((uSel - pEnv) / (1f - pEnv), 0.99999994f);
            int light = select(sceneI, sceneF, px, py, pz, nx, ny, nz, u, bit, s);
            float pSel = s[S_LPDF] * (1f - pEnv);
            if (light >= 0) {
                ok = AreaLight.sample(sceneI, sceneF, light, px, py, pz, nx, ny, nz, u1, u2, s);
                s[S_LPDF] *= pSel;
            }
        }
        return ok && s[S_LPDF] > 0f;
    }

    /**
     * Density with which {@link #sample} at p (receiver normal n) produces direction d, when d's
     * first hit is emissive primitive tri at h with unit geometric normal ng: MIS at an emitter
     * hit. Selection and the environment's share included. sum: S_LSUM of the sample taken at p, if any (see selectPdf).
     */
    public static float emitterPdf(int[] sceneI, float[] sceneF, int tri, float px, float py, float pz,
                                   float nx, float ny, float nz, float dx, float dy, float dz,
                                   float hx, float hy, float hz, float ngx, float ngy, float ngz, float sum, float[] s) {
        return emitterPdf(sceneI, sceneF, tri, px, py, pz, nx, ny, nz, dx, dy, dz, hx, hy, hz, ngx, ngy, ngz, sum, 0, s);
    }

    /** {@link #emitterPdf} from a receiver of link group bit, as {@link #sample} there picks lights. */
    public static float emitterPdf(int[] sceneI, float[] sceneF, int tri, float px, float py, float pz,
                                   float nx, float ny, float nz, float dx, float dy, float dz,
                                   float hx, float hy, float hz, float ngx, float ngy, float ngz, float sum, int bit, float[] s) {
        int light = sceneI[sceneI[H_TRI_OFF] + tri * TRI_STRIDE + T_LIGHT];
        float r = 0f;
        if (light >= 0) {
            float pSel = selectPdf(sceneI, sceneF, light, px, py, pz, nx, ny, nz, sum, bit);
            if (pSel > 0f) {
                r = (1f - envSelectProbability(sceneI, sceneF, bit)) * pSel
                        * AreaLight.pdf(sceneI, sceneF, light, tri, px, py, pz, nx, ny, nz, dx, dy, dz, hx, hy, hz, ngx, ngy, ngz, s);
            }
        }
        return r;
    }

    /**
     * Picks an area light for the receiver with u: writes the probability of the pick to S_LPDF
     * and the sum of the importances to S_LSUM, and returns the light, or -1 when none can light
     * the receiver. One pass over the lights, keeping each in turn with probability importance /
     * running sum and rescaling u, so the importances need no array (a private array indexed by
     * the loop counter would spill). u is kept scaled by the running sum, which leaves one
     * division per light: on GPUs correctly rounded division costs tens of instructions.
     */
    static int select(int[] sceneI, float[] sceneF, float px, float py, float pz,
                      float nx, float ny, float nz, float u, float[] s) {
        return select(sceneI, sceneF, px, py, pz, nx, ny, nz, u, 0, s);
    }

    /**
     * {@link #select} at a receiver of link group bit: a light whose LI_EXCLUDE has the bit counts
     * as importance 0. Beyond LOCAL_LIGHTS_MAX lights (picked by power) such a pick gives no sample.
     */
    static int select(int[] sceneI, float[] sceneF, float px, float py, float pz,
                      float nx, float ny, float nz, float u, int bit, float[] s) {
        int n = sceneI[H_LIGHT_COUNT];
        int lightI = sceneI[H_LIGHT_I_OFF];
        int chosen = -1;
        float p = 0f;
        float sum = -1f;
        if (n > LOCAL_LIGHTS_MAX) {
            int cdf = sceneI[H_LIGHT_CDF_OFF];
            chosen = Warp.searchCdf(sceneF, cdf, n, u);
            p = sceneF[cdf + chosen + 1] - sceneF[cdf + chosen];
            if ((sceneI[lightI + chosen * LIGHT_I_STRIDE + LI_EXCLUDE] & bit) != 0) {
                chosen = -1;
                p = 0f;
            }
        } else {
            sum = 0f;
            float kept = 0f;
            float uu = u;
            for (int i = 0; i < n; i++) {
                float w = importance(sceneF, AreaLight.recordF(sceneI, i), px, py, pz, nx, ny, nz);
                if (w > 0f && (bit == 0 || (sceneI[lightI + i * LIGHT_I_STRIDE + LI_EXCLUDE] & bit) == 0)) {
                    float before = sum;
                    sum += w;
                    float t = uu * sum;
                    if (t < w) {
                        chosen = i;
                        kept = w;
                        uu = t / w;
                    } else {
                        uu = (t - w) / before;
                    }
                    uu = Math.min(uu, 0.99999994f);
                }
            }
            if (chosen >= 0) {
                p = kept / sum;
            }
        }
        s[S_LPDF] = p;
        s[S_LSUM] = sum;
        return chosen;
    }

    /**
     * Probability that {@link #select} picks light for the receiver at p with normal n. sum is
     * select's S_LSUM at that receiver when it ran there, else negative: then the importances
     * are summed again, in select's order, so both ways give the same bits.
     */
    public static float selectPdf(int[] sceneI, float[] sceneF, int light, float px, float py, float pz,
                                  float nx, float ny, float nz, float sum) {
        return selectPdf(sceneI, sceneF, light, px, py, pz, nx, ny, nz, sum, 0);
    }

    /** {@link #selectPdf} at a receiver of link group bit: 0 for a light that does not light it. */
    public static float selectPdf(int[] sceneI, float[] sceneF, int light, float px, float py, float pz,
                                  float nx, float ny, float nz, float sum, int bit) {
        int n = sceneI[H_LIGHT_COUNT];
        int lightI = sceneI[H_LIGHT_I_OFF];
        float p = 0f;
        if (n > LOCAL_LIGHTS_MAX) {
            int cdf = sceneI[H_LIGHT_CDF_OFF];
            p = sceneF[cdf + light + 1] - sceneF[cdf + light];
        } else {
            float total = sum;
            if (total < 0f) {
                total = 0f;
                for (int i = 0; i < n; i++) {
                    float w = importance(sceneF, AreaLight.recordF(sceneI, i), px, py, pz, nx, ny, nz);
                    if (w > 0f && (bit == 0 || (sceneI[lightI + i * LIGHT_I_STRIDE + LI_EXCLUDE] & bit) == 0)) {
                        total += w;
                    }
                }
            }
            float mine = importance(sceneF, AreaLight.recordF(sceneI, light), px, py, pz, nx, ny, nz);
            if (mine > 0f) {
                p = mine / total;
            }
        }
        if ((sceneI[lightI + light * LIGHT_I_STRIDE + LI_EXCLUDE] & bit) != 0) {
            p = 0f;
        }
        return p;
    }

    /**
     * What the light at record f can give a receiver at p with normal n (zero: no horizon): its
     * selection weight (luminance, scaled by how much of its bounding disc it fills) times the
     * solid angle of its bounding sphere, times the cosine at the light and at the receiver, each
     * for the most favourable direction within the bounding cone (pbrt-v4's LightBounds::Importance,
     * with the solid angle in place of power / distance^2 so a light close by stays finite).
     * It runs for every light at every vertex, so square roots and divisions are kept few (each
     * is a long instruction sequence when correctly rounded on a GPU): one reciprocal distance
     * serves the direction and the cone's sine, the normal cone's sine is in the record, and a
     * sine is taken only where the cosine bound needs it.
     */
    public static float importance(float[] sceneF, int f, float px, float py, float pz, float nx, float ny, float nz) {
        float cx = sceneF[f + LF_CENTRE] - px;
        float cy = sceneF[f + LF_CENTRE + 1] - py;
        float cz = sceneF[f + LF_CENTRE + 2] - pz;
        float d2 = cx * cx + cy * cy + cz * cz;
        float rb = sceneF[f + LF_BOUND];
        // Bounding cone of the light seen from p, half-angle b: every direction when p is inside.
        float cosB = -1f;
        float sinB = 0f;
        float solid = AreaLight.TWO_PI;
        float invD = 0f;
        if (d2 > 0f) {
            invD = 1f / (float) Math.sqrt(d2);
        }
        if (d2 > rb * rb) {
            sinB = rb * invD;
            float sin2 = sinB * sinB;
            cosB = (float) Math.sqrt(Math.max(0f, 1f - sin2));
            solid = AreaLight.TWO_PI * sin2 / (1f + cosB);
        }
        float wx = cx * invD;
        float wy = cy * invD;
        float wz = cz * invD;
        // At the light: the angle from its axis to p, less the normal cone's half-angle and b.
        float cosW = -(sceneF[f + LF_AXIS] * wx + sceneF[f + LF_AXIS + 1] * wy + sceneF[f + LF_AXIS + 2] * wz);
        if (sceneF[f + LF_TWO_SIDED] > 0f) {
            cosW = Math.abs(cosW);
        }
        float cosO = sceneF[f + LF_COS_CONE];
        float sinO = sceneF[f + LF_SIN_CONE];
        float cosX = 1f;
        float sinX = 0f;
        if (cosW < cosO) {
            float sinW = (float) Math.sqrt(Math.max(0f, 1f - cosW * cosW));
            cosX = cosW * cosO + sinW * sinO;
            sinX = sinW * cosO - cosW * sinO;
        }
        float cosL = cosSubClamped(cosX, sinX, cosB, sinB);
        float r = 0f;
        if (cosL > 0f) {
            r = sceneF[f + LF_WEIGHT] * solid * cosL;
            if (nx != 0f || ny != 0f || nz != 0f) {
                float cosI = nx * wx + ny * wy + nz * wz;
                float cosR = 1f;
                if (cosI < cosB) {
                    float sinI = (float) Math.sqrt(Math.max(0f, 1f - cosI * cosI));
                    cosR = cosI * cosB + sinI * sinB;
                }
                r *= Math.max(0f, cosR);
            }
        }
        return r;
    }

    /** cos(max(0, a - b)) from the cosines and sines of angles a, b in [0, pi]. */
    static float cosSubClamped(float cosA, float sinA, float cosB, float sinB) {
        float r = 1f;
        if (cosA < cosB) {
            r = cosA * cosB + sinA * sinB;
        }
        return r;
    }

    /** sin(max(0, a - b)) from the cosines and sines of angles a, b in [0, pi]. */
    static float sinSubClamped(float cosA, float sinA, float cosB, float sinB) {
        float r = 0f;
        if (cosA < cosB) {
            r = sinA * cosB - cosA * sinB;
        }
        return r;
    }
}
