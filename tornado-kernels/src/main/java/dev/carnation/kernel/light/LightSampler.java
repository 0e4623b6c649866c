package dev.carnation.kernel.light;

import static dev.carnation.kernel.Layout.*;

/** Next-event estimation: picks the environment or an area light, then a point on it. */
public final class LightSampler {
    private LightSampler() {}

    public static float envSelectProbability(int[] sceneI, float[] sceneF) {
        float p = 0f;
        if (EnvironmentLight.present(sceneI)) {
            p = 1f;
            if (sceneI[H_EMIT_COUNT] > 0) {
                p = sceneF[F_ENV_SELECT];
            }
        }
        return p;
    }

    /**
     * Fills S_LWI, S_LE, S_LPDF (selection included) and S_LDIST; for an area light also the point
     * S_LP, which a shadow ray must aim at from its own (offset) origin. S_LDIST is 1e30 for the environment.
     */
    public static boolean sample(int[] sceneI, float[] sceneF, float[] texels, float px, float py, float pz,
                                 float uSel, float u1, float u2, float[] s) {
        float pEnv = envSelectProbability(sceneI, sceneF);
        boolean ok = false;
        if (uSel < pEnv) {
            ok = EnvironmentLight.sample(sceneI, sceneF, texels, u1, u2, s);
            s[S_LPDF] *= pEnv;
        } else if (sceneI[H_EMIT_COUNT] > 0) {
            float u = Math.min((uSel - pEnv) / (1f - pEnv), 0.99999994f);
            ok = AreaLight.sample(sceneI, sceneF, px, py, pz, u, u1, u2, s);
            s[S_LPDF] *= 1f - pEnv;
        }
        return ok && s[S_LPDF] > 0f;
    }
}
