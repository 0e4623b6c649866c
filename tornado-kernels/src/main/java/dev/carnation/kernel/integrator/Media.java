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
 *
 * <p>Every slot is touched with a constant index (the four slots are written out, not looped
 * over): a private array indexed by a variable is spilled to local memory by NVIDIA's OpenCL
 * compiler, and the medium slots share their array with the rest of the path's int state.
 */
public final class Media {
    private Media() {}

    /** Slots in the stack. The code below names each slot; changing this means adding one. */
    public static final int MAX_MEDIA = 4;

    /** Material of the highest-priority entry other than object skip (newest on ties), or -1. */
    public static int top(int[] sceneI, float[] sceneF, int[] q, int skip) {
        int best = -1;
        best = consider(sceneI, sceneF, q, 0, skip, best);
        best = consider(sceneI, sceneF, q, 1, skip, best);
        best = consider(sceneI, sceneF, q, 2, skip, best);
        best = consider(sceneI, sceneF, q, 3, skip, best);
        return best;
    }

    /** best, or slot's material when the slot is in use, not object skip, and at least as high. */
    private static int consider(int[] sceneI, float[] sceneF, int[] q, int slot, int skip, int best) {
        int result = best;
        if (slot < q[Q_MEDIA] && q[Q_MEDIUM_OBJECT + slot] != skip) {
            int mat = q[Q_MEDIUM_MAT + slot];
            if (best < 0 || priority(sceneI, sceneF, mat) >= priority(sceneI, sceneF, best)) {
                result = mat;
            }
        }
        return result;
    }

    private static float priority(int[] sceneI, float[] sceneF, int mat) {
        return sceneF[sceneI[H_MAT_OFF] + mat * MAT_STRIDE + M_PRIORITY];
    }

    /** True when medium outside (from {@link #top}) outranks material mat: mat's surface is no interface there. */
    public static boolean hides(int[] sceneI, float[] sceneF, int outside, int mat) {
        boolean hide = false;
        if (outside >= 0) {
            hide = priority(sceneI, sceneF, outside) > priority(sceneI, sceneF, mat);
        }
        return hide;
    }

    /**
     * Greater than 0 exactly when material mat's surface is no interface for a path whose medium
     * beyond it is outside (from {@link #top}): {@link #hides} it, or the relative index eta is
     * within 1e-5 of 1 (index-matched media). Arithmetic rather than {@code hides(...) || ...}: see
     * docs/tornadovm-notes.md item 14. For finite floats {@code a - b > 0} exactly when {@code a > b}
     * (subnormals keep the difference of two unequal floats from rounding to 0).
     */
    public static float passMargin(int[] sceneI, float[] sceneF, int outside, int mat, float eta) {
        float outrank = Float.NEGATIVE_INFINITY;
        if (outside >= 0) {
            outrank = priority(sceneI, sceneF, outside) - priority(sceneI, sceneF, mat);
        }
        float matched = -1f;
        if (Math.abs(eta - 1f) < 1e-5f) {
            matched = 1f;
        }
        return Math.max(outrank, matched);
    }

    /** Index of refraction of medium material m (from {@link #top}), or 1 (vacuum) when m is -1. */
    public static float ior(int[] sceneI, float[] sceneF, int m) {
        float n = 1f;
        if (m >= 0) {
            n = sceneF[sceneI[H_MAT_OFF] + m * MAT_STRIDE + M_IOR];
        }
        return n;
    }

    /** True when another medium of higher priority than material mat surrounds this hit: not an interface. */
    public static boolean passesThrough(int[] sceneI, float[] sceneF, int[] q, int mat, int object) {
        return hides(sceneI, sceneF, top(sceneI, sceneF, q, object), mat);
    }

    /** Index of refraction on the far side of object's surface: the top medium other than itself, or 1. */
    public static float outsideIor(int[] sceneI, float[] sceneF, int[] q, int object) {
        return ior(sceneI, sceneF, top(sceneI, sceneF, q, object));
    }

    /** Entering (front) pushes the object, leaving removes every entry of it; a full stack ignores the push. */
    public static void cross(int[] q, int mat, int object, int front) {
        int n = q[Q_MEDIA];
        if (front != 0) {
            if (n < MAX_MEDIA) {
                pushAt(q, 0, n, mat, object);
                pushAt(q, 1, n, mat, object);
                pushAt(q, 2, n, mat, object);
                pushAt(q, 3, n, mat, object);
                q[Q_MEDIA] = n + 1;
            }
        } else {
            // From the top down, so that closing a gap only moves entries already looked at.
            removeIf(q, 3, object);
            removeIf(q, 2, object);
            removeIf(q, 1, object);
            removeIf(q, 0, object);
        }
    }

    private static void pushAt(int[] q, int slot, int n, int mat, int object) {
        if (slot == n) {
            q[Q_MEDIUM_MAT + slot] = mat;
            q[Q_MEDIUM_OBJECT + slot] = object;
        }
    }

    /** Removes slot's entry when it is object's, moving the entries above it down one (oldest first stays). */
    private static void removeIf(int[] q, int slot, int object) {
        if (slot < q[Q_MEDIA] && q[Q_MEDIUM_OBJECT + slot] == object) {
            if (slot <= 0) {
                copySlot(q, 1, 0);
            }
            if (slot <= 1) {
                copySlot(q, 2, 1);
            }
            if (slot <= 2) {
                copySlot(q, 3, 2);
            }
            q[Q_MEDIA] = q[Q_MEDIA] - 1;
        }
    }

    private static void copySlot(int[] q, int from, int to) {
        q[Q_MEDIUM_MAT + to] = q[Q_MEDIUM_MAT + from];
        q[Q_MEDIUM_OBJECT + to] = q[Q_MEDIUM_OBJECT + from];
    }
}
