package dev.carnation.scene.geometry;

import dev.carnation.scene.MemoryBudget;
import dev.carnation.scene.SceneException;
import java.util.Arrays;

/**
 * Hair strands on the host: per strand a run of points (root first) with a fiber radius at each,
 * a strand id (the seed of its per-strand random value), a material and an object id. Growable,
 * append-only, in world space (metres).
 */
public final class Strands {
    private float[] pos = new float[3 * 256];
    private float[] rad = new float[256];
    private int[] first = new int[65];
    private int[] id = new int[64];
    private int[] mat = new int[64];
    private int[] obj = new int[64];
    private int points;
    private int strands;

    public int strandCount() {
        return strands;
    }

    public int pointCount() {
        return points;
    }

    /** Segments before refinement: points minus one per strand. */
    public long segmentCount() {
        return (long) points - strands;
    }

    /**
     * Appends a strand of n points (xyz in p, from offset 0) with radii r; returns its index.
     * Strands of fewer than two points are refused by the caller, not here.
     */
    public int add(float[] p, float[] r, int n, int strandId, int material, int object) {
        if (points + n > pos.length / 3) {
            long need = Math.max(256L, Math.max((long) points + n, 2L * points));
            if (need * 3 > MemoryBudget.MAX_ARRAY) {
                throw new SceneException("the scene has more hair points than one Java array holds");
            }
            pos = Arrays.copyOf(pos, (int) need * 3);
            rad = Arrays.copyOf(rad, (int) need);
        }
        if (strands + 2 > first.length) {
            int cap = Math.max(64, strands * 2);
            first = Arrays.copyOf(first, cap + 1);
            id = Arrays.copyOf(id, cap);
            mat = Arrays.copyOf(mat, cap);
            obj = Arrays.copyOf(obj, cap);
        }
        System.arraycopy(p, 0, pos, points * 3, n * 3);
        System.arraycopy(r, 0, rad, points, n);
        first[strands] = points;
        id[strands] = strandId;
        mat[strands] = material;
        obj[strands] = object;
        points += n;
        strands++;
        first[strands] = points;
        return strands - 1;
    }

    /** Index of strand s's root point; its points run to {@code first(s + 1)}. */
    public int first(int s) {
        return first[s];
    }

    public int points(int s) {
        return first[s + 1] - first[s];
    }

    public int strandId(int s) {
        return id[s];
    }

    public int material(int s) {
        return mat[s];
    }

    public int object(int s) {
        return obj[s];
    }

    public float[] positions() {
        return pos;
    }

    public float[] radii() {
        return rad;
    }
}
