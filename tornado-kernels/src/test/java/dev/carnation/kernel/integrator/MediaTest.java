package dev.carnation.kernel.integrator;

import static dev.carnation.kernel.Layout.*;
import static dev.carnation.kernel.integrator.PathState.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The medium stack's rules: which interfaces are real and what index lies beyond them. */
class MediaTest {
    /** Materials 0: water 1.333 priority 0; 1: cornea 1.376 priority 2; 2: aqueous 1.336 priority 1. */
    static final int[] SCENE_I = new int[HEADER_I];
    static final float[] SCENE_F = new float[3 * MAT_STRIDE];

    static {
        SCENE_I[H_MAT_OFF] = 0;
        material(0, 1.333f, 0);
        material(1, 1.376f, 2);
        material(2, 1.336f, 1);
    }

    static void material(int m, float ior, int priority) {
        SCENE_F[m * MAT_STRIDE + M_IOR] = ior;
        SCENE_F[m * MAT_STRIDE + M_PRIORITY] = priority;
    }

    static int[] empty() {
        int[] q = new int[INTS];
        PathState.reset(new float[FLOATS], q);
        return q;
    }

    @Test
    void corneaOverAqueous() {
        int[] q = empty();
        // Entering the cornea (object 10) from air: 1.376 / 1.
        assertFalse(Media.passesThrough(SCENE_I, SCENE_F, q, 1, 10));
        assertEquals(1f, Media.outsideIor(SCENE_I, SCENE_F, q, 10));
        Media.cross(q, 1, 10, 1);
        // The aqueous (object 11, lower priority) overlaps the cornea: its front is not an interface.
        assertTrue(Media.passesThrough(SCENE_I, SCENE_F, q, 2, 11));
        Media.cross(q, 2, 11, 1);
        assertEquals(2, q[Q_MEDIA]);
        // Leaving the cornea into the aqueous: the far side is aqueous, relative IOR 1.376 / 1.336.
        assertFalse(Media.passesThrough(SCENE_I, SCENE_F, q, 1, 10));
        assertEquals(1.336f, Media.outsideIor(SCENE_I, SCENE_F, q, 10));
        Media.cross(q, 1, 10, 0);
        assertEquals(1, q[Q_MEDIA]);
        assertEquals(11, q[Q_MEDIUM_OBJECT]);
        // Now inside the aqueous alone: its back is real, towards air.
        assertFalse(Media.passesThrough(SCENE_I, SCENE_F, q, 2, 11));
        assertEquals(1f, Media.outsideIor(SCENE_I, SCENE_F, q, 11));
    }

    @Test
    void equalPrioritiesNestByOrderOfEntry() {
        int[] q = empty();
        Media.cross(q, 0, 1, 1); // into water
        assertFalse(Media.passesThrough(SCENE_I, SCENE_F, q, 0, 2));
        assertEquals(1.333f, Media.outsideIor(SCENE_I, SCENE_F, q, 2));
        Media.cross(q, 0, 2, 1); // a second water object inside the first
        Media.cross(q, 0, 1, 0); // leaving the first removes it, keeps the second
        assertEquals(1, q[Q_MEDIA]);
        assertEquals(2, q[Q_MEDIUM_OBJECT]);
    }

    @Test
    void aFullStackIgnoresFurtherEntries() {
        int[] q = empty();
        for (int i = 0; i < Media.MAX_MEDIA + 2; i++) {
            Media.cross(q, 0, i, 1);
        }
        assertEquals(Media.MAX_MEDIA, q[Q_MEDIA]);
    }

    /**
     * The written-out slots against a plain list model: random entries and exits of a few objects
     * (repeats included), comparing the whole stack and the top medium after every step.
     */
    @Test
    void matchesAListModel() {
        Random rnd = new Random(7);
        for (int run = 0; run < 2000; run++) {
            int[] q = empty();
            List<int[]> model = new ArrayList<>(); // {material, object}, oldest first
            for (int step = 0; step < 12; step++) {
                int object = rnd.nextInt(5);
                int mat = object % 3;
                int front = rnd.nextInt(2);
                Media.cross(q, mat, object, front);
                if (front != 0) {
                    if (model.size() < Media.MAX_MEDIA) {
                        model.add(new int[] {mat, object});
                    }
                } else {
                    model.removeIf(e -> e[1] == object);
                }
                assertEquals(model.size(), q[Q_MEDIA]);
                for (int i = 0; i < model.size(); i++) {
                    assertEquals(model.get(i)[0], q[Q_MEDIUM_MAT + i]);
                    assertEquals(model.get(i)[1], q[Q_MEDIUM_OBJECT + i]);
                }
                int skip = rnd.nextInt(5);
                assertEquals(modelTop(model, skip), Media.top(SCENE_I, SCENE_F, q, skip));
            }
        }
    }

    private static int modelTop(List<int[]> model, int skip) {
        int best = -1;
        for (int[] e : model) {
            if (e[1] != skip && (best < 0 || SCENE_F[e[0] * MAT_STRIDE + M_PRIORITY] >= SCENE_F[best * MAT_STRIDE + M_PRIORITY])) {
                best = e[0];
            }
        }
        return best;
    }

    /** The arithmetic pass test (docs/tornadovm-notes.md item 13) decides as hides(...) || |eta - 1| < 1e-5. */
    @Test
    void passMarginAgreesWithHidesOrIndexMatched() {
        float[] etas = {1f, Math.nextUp(1f), 1f + 9e-6f, 1f + 1e-5f, 1f + 1.1e-5f, 1f - 1e-5f, 1f - 9.9e-6f, 0.97f, 1.03f, 1.376f / 1.336f,
                Float.MIN_VALUE, 0f, Float.POSITIVE_INFINITY};
        for (int outside = -1; outside < 3; outside++) {
            for (int mat = 0; mat < 3; mat++) {
                for (float eta : etas) {
                    boolean expected = Media.hides(SCENE_I, SCENE_F, outside, mat) || Math.abs(eta - 1f) < 1e-5f;
                    assertEquals(expected, Media.passMargin(SCENE_I, SCENE_F, outside, mat, eta) > 0f,
                            "outside " + outside + ", material " + mat + ", eta " + eta);
                }
            }
        }
    }
}
