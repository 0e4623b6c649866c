package dev.carnation.scene.bvh;

import java.util.Arrays;
import java.util.concurrent.ForkJoinTask;

/**
 * Binned SAH builder (Wald 2007): per node, triangle centroids are binned along each axis and the
 * split with the lowest surface-area cost is taken; leaves when splitting costs more than
 * intersecting. Depth is capped so the kernel's fixed traversal stack cannot overflow.
 */
public final class BvhBuilder {
    public static final int BINS = 16;
    public static final int MAX_LEAF = 8;
    public static final int MAX_DEPTH = 56;
    static final float TRAVERSAL_COST = 1f;

    /** Builds sequentially, for tests that compare with the parallel build. */
    static boolean sequential;

    private final float[] bmin;
    private final float[] bmax;
    private final float[] cent;
    private final int[] order;
    private float[] bounds = new float[6 * 1024];
    private int[] links = new int[2 * 1024];
    private int nodes;
    private int maxDepth;
    private int leaves;

    private BvhBuilder(float[] bmin, float[] bmax) {
        int n = bmin.length / 3;
        this.bmin = bmin;
        this.bmax = bmax;
        this.cent = new float[n * 3];
        for (int i = 0; i < n * 3; i++) {
            cent[i] = 0.5f * (bmin[i] + bmax[i]);
        }
        this.order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
    }

    /** A builder for one subtree: the same primitives and order, nodes of its own. */
    private BvhBuilder(BvhBuilder parent) {
        this.bmin = parent.bmin;
        this.bmax = parent.bmax;
        this.cent = parent.cent;
        this.order = parent.order;
    }

    /**
     * Subtrees over at least this many primitives are built in parallel, each into nodes of its
     * own that are then appended in depth-first order: the tree is the same as a sequential build's
     * (large hair grooms have millions of segments).
     */
    static final int PARALLEL_MIN = 32_768;

    /** Builds over triangles given as positions p and indices idx (3 per triangle). */
    public static Bvh build(float[] p, int[] idx, int triangles) {
        float[] lo = new float[triangles * 3];
        float[] hi = new float[triangles * 3];
        for (int t = 0; t < triangles; t++) {
            for (int k = 0; k < 3; k++) {
                float a = p[idx[t * 3] * 3 + k];
                float b = p[idx[t * 3 + 1] * 3 + k];
                float c = p[idx[t * 3 + 2] * 3 + k];
                lo[t * 3 + k] = Math.min(a, Math.min(b, c));
                hi[t * 3 + k] = Math.max(a, Math.max(b, c));
            }
        }
        return build(lo, hi, triangles);
    }

    /**
     * Builds over any primitives given by their boxes (3 floats each in lo and hi): triangles and
     * hair segments share one tree, the kernel telling them apart by their records' type.
     */
    public static Bvh build(float[] lo, float[] hi, int count) {
        BvhBuilder b = new BvhBuilder(lo, hi);
        if (count > 0) {
            b.node(0, count, 0);
        }
        return new Bvh(Arrays.copyOf(b.bounds, b.nodes * 6), Arrays.copyOf(b.links, b.nodes * 2),
                b.nodes, b.order, b.maxDepth, b.leaves);
    }

    private int alloc() {
        if ((nodes + 1) * 6 > bounds.length) {
            bounds = Arrays.copyOf(bounds, bounds.length * 2);
            links = Arrays.copyOf(links, links.length * 2);
        }
        return nodes++;
    }

    private int node(int start, int end, int depth) {
        int node = alloc();
        maxDepth = Math.max(maxDepth, depth);
        float[] nb = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        float[] cb = nb.clone();
        for (int i = start; i < end; i++) {
            int t = order[i];
            for (int k = 0; k < 3; k++) {
                nb[k] = Math.min(nb[k], bmin[t * 3 + k]);
                nb[3 + k] = Math.max(nb[3 + k], bmax[t * 3 + k]);
                cb[k] = Math.min(cb[k], cent[t * 3 + k]);
                cb[3 + k] = Math.max(cb[3 + k], cent[t * 3 + k]);
            }
        }
        System.arraycopy(nb, 0, bounds, node * 6, 6);
        int n = end - start;
        if (n <= 2 || depth >= MAX_DEPTH) {
            return leaf(node, start, n);
        }
        // Best binned split over all three axes.
        float bestCost = Float.MAX_VALUE;
        int bestAxis = -1;
        int bestBin = -1;
        int[] count = new int[BINS];
        float[] binB = new float[BINS * 6];
        float[] rightArea = new float[BINS];
        int[] rightCount = new int[BINS];
        for (int axis = 0; axis < 3; axis++) {
            float lo = cb[axis];
            float extent = cb[3 + axis] - lo;
            if (!(extent > 0)) {
                continue;
            }
            Arrays.fill(count, 0);
            for (int b = 0; b < BINS; b++) {
                empty(binB, b);
            }
            float scale = BINS / extent;
            for (int i = start; i < end; i++) {
                int t = order[i];
                int b = Math.min(BINS - 1, (int) ((cent[t * 3 + axis] - lo) * scale));
                count[b]++;
                grow(binB, b, t);
            }
            float[] acc = new float[6];
            emptyBox(acc);
            int c = 0;
            for (int b = BINS - 1; b > 0; b--) {
                merge(acc, binB, b);
                c += count[b];
                rightArea[b] = area(acc);
                rightCount[b] = c;
            }
            emptyBox(acc);
            c = 0;
            for (int b = 0; b < BINS - 1; b++) {
                merge(acc, binB, b);
                c += count[b];
                if (c == 0 || rightCount[b + 1] == 0) {
                    continue;
                }
                float cost = area(acc) * c + rightArea[b + 1] * rightCount[b + 1];
                if (cost < bestCost) {
                    bestCost = cost;
                    bestAxis = axis;
                    bestBin = b;
                }
            }
        }
        float leafCost = n;
        float splitCost = bestAxis < 0 ? Float.MAX_VALUE : TRAVERSAL_COST + bestCost / area(nb);
        boolean splitWorthIt = bestAxis >= 0 ? splitCost < leafCost : true;
        if (n <= MAX_LEAF && !(bestAxis >= 0 && splitWorthIt)) {
            return leaf(node, start, n);
        }
        int mid;
        if (bestAxis < 0) {
            mid = (start + end) / 2; // all centroids coincide: split the list in half
        } else {
            float lo = cb[bestAxis];
            float scale = BINS / (cb[3 + bestAxis] - lo);
            int i = start;
            int j = end - 1;
            while (i <= j) {
                int t = order[i];
                int b = Math.min(BINS - 1, (int) ((cent[t * 3 + bestAxis] - lo) * scale));
                if (b <= bestBin) {
                    i++;
                } else {
                    order[i] = order[j];
                    order[j] = t;
                    j--;
                }
            }
            mid = i;
            if (mid == start || mid == end) {
                mid = (start + end) / 2;
            }
        }
        int right;
        if (end - start >= PARALLEL_MIN && !sequential) {
            BvhBuilder lb = new BvhBuilder(this);
            BvhBuilder rb = new BvhBuilder(this);
            int split = mid;
            ForkJoinTask<?> left = ForkJoinTask.adapt(() -> lb.node(start, split, depth + 1)).fork();
            rb.node(mid, end, depth + 1);
            left.join();
            append(lb);
            right = nodes;
            append(rb);
        } else {
            node(start, mid, depth + 1);
            right = node(mid, end, depth + 1);
        }
        links[node * 2] = right;
        links[node * 2 + 1] = 0;
        return node;
    }

    /** Appends a subtree built on its own: its interior nodes' right-child links move by where it lands. */
    private void append(BvhBuilder sub) {
        int base = nodes;
        for (int i = 0; i < sub.nodes; i++) {
            int n = alloc();
            System.arraycopy(sub.bounds, i * 6, bounds, n * 6, 6);
            boolean interior = sub.links[i * 2 + 1] == 0;
            links[n * 2] = interior ? sub.links[i * 2] + base : sub.links[i * 2];
            links[n * 2 + 1] = sub.links[i * 2 + 1];
        }
        maxDepth = Math.max(maxDepth, sub.maxDepth);
        leaves += sub.leaves;
    }

    private int leaf(int node, int start, int n) {
        links[node * 2] = start;
        links[node * 2 + 1] = n;
        leaves++;
        return node;
    }

    private static void empty(float[] b, int i) {
        b[i * 6] = b[i * 6 + 1] = b[i * 6 + 2] = Float.MAX_VALUE;
        b[i * 6 + 3] = b[i * 6 + 4] = b[i * 6 + 5] = -Float.MAX_VALUE;
    }

    private static void emptyBox(float[] b) {
        empty(b, 0);
    }

    private void grow(float[] b, int i, int t) {
        for (int k = 0; k < 3; k++) {
            b[i * 6 + k] = Math.min(b[i * 6 + k], bmin[t * 3 + k]);
            b[i * 6 + 3 + k] = Math.max(b[i * 6 + 3 + k], bmax[t * 3 + k]);
        }
    }

    private static void merge(float[] acc, float[] b, int i) {
        for (int k = 0; k < 3; k++) {
            acc[k] = Math.min(acc[k], b[i * 6 + k]);
            acc[3 + k] = Math.max(acc[3 + k], b[i * 6 + 3 + k]);
        }
    }

    static float area(float[] b) {
        float dx = b[3] - b[0];
        float dy = b[4] - b[1];
        float dz = b[5] - b[2];
        if (!(dx >= 0 && dy >= 0 && dz >= 0)) {
            return 0f;
        }
        return 2f * (dx * dy + dy * dz + dz * dx);
    }
}
