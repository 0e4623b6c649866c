package dev.carnation.kernel.integrator;

import static dev.carnation.kernel.Layout.*;
import static dev.carnation.kernel.integrator.PathState.*;

/**
 * The stack of dielectric objects a path is inside, for nested dielectrics with priorities
 * (Schmidt and Budge 2002). An interface is real only when no other medium on the stack has a
 * higher priority than the object hit; its relative IOR is the object's index over the index of
 * the highest-priority medium on the other side (the newest one on ties, vacuum when none). So a
 * cornea (1.376) over aqueous humour (1.336) gives 1.336 / 1.376 where they meet, and glass that
 * overlaps water with a higher priority hides the water's surface inside it.
 */
public final class Media {
    private Media() {}

    public static final int MAX_MEDIA = 4;

    /** Index of the highest-priority entry other than object skip (newest on ties), or -1. */
    public static int top(int[] sceneI, float[] sceneF, int[] q, int skip) {
        int matOff = sceneI[H_MAT_OFF];
        int best = -1;
        float bestPrio = -1f;
        for (int i = 0; i < MAX_MEDIA; i++) {
            if (i < q[Q_MEDIA] && q[Q_MEDIUM_OBJECT + i] != skip) {
                float p = sceneF[matOff + q[Q_MEDIUM_MAT + i] * MAT_STRIDE + M_PRIORITY];
                if (p >= bestPrio) {
                    bestPrio = p;
                    best = i;
                }
            }
        }
        return best;
    }

    /** True when entry t (from {@link #top}) outranks material mat: mat's surface is no interface there. */
    public static boolean hides(int[] sceneI, float[] sceneF, int[] q, int t, int mat) {
        int matOff = sceneI[H_MAT_OFF];
        boolean hide = false;
        if (t >= 0) {
            hide = sceneF[matOff + q[Q_MEDIUM_MAT + t] * MAT_STRIDE + M_PRIORITY]
                    > sceneF[matOff + mat * MAT_STRIDE + M_PRIORITY];
        }
        return hide;
    }

    /** Index of refraction of entry t (from {@link #top}), or 1 (vacuum) when t is -1. */
    public static float ior(int[] sceneI, float[] sceneF, int[] q, int t) {
        float n = 1f;
        if (t >= 0) {
            n = sceneF[sceneI[H_MAT_OFF] + q[Q_MEDIUM_MAT + t] * MAT_STRIDE + M_IOR];
        }
        return n;
    }

    /** True when another medium of higher priority than material mat surrounds this hit: not an interface. */
    public static boolean passesThrough(int[] sceneI, float[] sceneF, int[] q, int mat, int object) {
        return hides(sceneI, sceneF, q, top(sceneI, sceneF, q, object), mat);
    }

    /** Index of refraction on the far side of object's surface: the top medium other than itself, or 1. */
    public static float outsideIor(int[] sceneI, float[] sceneF, int[] q, int object) {
        return ior(sceneI, sceneF, q, top(sceneI, sceneF, q, object));
    }

    /** Entering (front) pushes the object, leaving removes it; a full stack ignores the push. */
    public static void cross(int[] q, int mat, int object, int front) {
        if (front != 0) {
            int n = q[Q_MEDIA];
            if (n < MAX_MEDIA) {
                q[Q_MEDIUM_MAT + n] = mat;
                q[Q_MEDIUM_OBJECT + n] = object;
                q[Q_MEDIA] = n + 1;
            }
        } else {
            // Compact the stack over the removed entry, keeping the order of the rest.
            int w = 0;
            int n = q[Q_MEDIA];
            for (int i = 0; i < MAX_MEDIA; i++) {
                if (i < n && q[Q_MEDIUM_OBJECT + i] != object) {
                    q[Q_MEDIUM_MAT + w] = q[Q_MEDIUM_MAT + i];
                    q[Q_MEDIUM_OBJECT + w] = q[Q_MEDIUM_OBJECT + i];
                    w = w + 1;
                }
            }
            q[Q_MEDIA] = w;
        }
    }
}
