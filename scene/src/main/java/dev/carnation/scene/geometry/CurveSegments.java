package dev.carnation.scene.geometry;

import static dev.carnation.kernel.Layout.*;

import java.util.Arrays;

/**
 * Strands turned into what the kernel intersects (geom/Curve): curve vertices with their joint
 * planes and strand parameter, and one primitive per segment with a tight box.
 *
 * <p>Long segments are cut into pieces no longer than {@code maxLength}: a thin diagonal segment
 * fills a tiny part of its axis-aligned box, and the boxes' total surface area (what a BVH's cost
 * grows with) shrinks in proportion to the piece length. The cut adds a vertex on the same line,
 * so the surface does not change. Repeated points are dropped, and a strand folding back on itself
 * (a bend over 120 degrees, where the plane bisecting the joint would cut the tube far from the
 * vertex) is split there into two runs of the same strand.
 */
public record CurveSegments(float[] vertices, int vertexCount, int[] segmentVertex, int[] segmentStrand,
                            int[] segmentMaterial, int[] segmentObject, float[] lo, float[] hi, int count) {

    /** Segments are cut to at most this many times their larger radius, and at most maxLength. */
    public static final float MAX_LENGTH_RADII = 16f;

    public static CurveSegments build(Strands strands, float maxLength) {
        Builder b = new Builder();
        float[] p = strands.positions();
        float[] r = strands.radii();
        for (int s = 0; s < strands.strandCount(); s++) {
            int f = strands.first(s);
            int n = strands.points(s);
            // Strand parameter: arc length from the root over the strand's length.
            double[] arc = new double[n];
            for (int i = 1; i < n; i++) {
                arc[i] = arc[i - 1] + dist(p, f + i - 1, f + i);
            }
            double total = arc[n - 1];
            b.beginRun();
            int last = -1;
            for (int i = 0; i < n; i++) {
                int pi = f + i;
                if (last >= 0 && dist(p, last, pi) <= 1e-7 * (1 + Math.abs(p[pi * 3]) + Math.abs(p[pi * 3 + 1]) + Math.abs(p[pi * 3 + 2]))) {
                    continue;
                }
                float v = total > 0 ? (float) (arc[i] / total) : 0f;
                b.point(p[pi * 3], p[pi * 3 + 1], p[pi * 3 + 2], r[pi], v, maxLength, strands.strandId(s),
                        strands.material(s), strands.object(s));
                last = pi;
            }
            b.endRun();
        }
        return b.finish();
    }

    private static double dist(float[] p, int a, int b) {
        double dx = p[b * 3] - p[a * 3];
        double dy = p[b * 3 + 1] - p[a * 3 + 1];
        double dz = p[b * 3 + 2] - p[a * 3 + 2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /** Runs of vertices: each run a chain of segments whose joints get bisecting planes. */
    private static final class Builder {
        float[] verts = new float[CURVE_VERT_STRIDE * 1024];
        int nv;
        int[] segVert = new int[1024];
        int[] segStrand = new int[1024];
        int[] segMat = new int[1024];
        int[] segObj = new int[1024];
        int ns;
        int runStart;
        int strand;
        int material;
        int object;

        void beginRun() {
            runStart = nv;
        }

        void point(float x, float y, float z, float radius, float v, float maxLength, int strandId, int mat, int obj) {
            strand = strandId;
            material = mat;
            object = obj;
            if (nv > runStart) {
                int prev = nv - 1;
                float px = verts[prev * CURVE_VERT_STRIDE];
                float py = verts[prev * CURVE_VERT_STRIDE + 1];
                float pz = verts[prev * CURVE_VERT_STRIDE + 2];
                float pr = verts[prev * CURVE_VERT_STRIDE + CV_RADIUS];
                float pv = verts[prev * CURVE_VERT_STRIDE + CV_V];
                double len = Math.sqrt(sq(x - px) + sq(y - py) + sq(z - pz));
                if (nv - runStart >= 2 && foldsBack(prev, x, y, z)) {
                    // Close this run at the previous point and start a new one there.
                    endRun();
                    beginRun();
                    add(px, py, pz, pr, pv);
                }
                int pieces = pieces(len, Math.max(pr, radius), maxLength);
                for (int k = 1; k < pieces; k++) {
                    float u = (float) k / pieces;
                    add(px + u * (x - px), py + u * (y - py), pz + u * (z - pz), pr + u * (radius - pr), pv + u * (v - pv));
                }
            }
            add(x, y, z, radius, v);
        }

        private boolean foldsBack(int prev, float x, float y, float z) {
            int pp = prev - 1;
            double ax = verts[prev * CURVE_VERT_STRIDE] - verts[pp * CURVE_VERT_STRIDE];
            double ay = verts[prev * CURVE_VERT_STRIDE + 1] - verts[pp * CURVE_VERT_STRIDE + 1];
            double az = verts[prev * CURVE_VERT_STRIDE + 2] - verts[pp * CURVE_VERT_STRIDE + 2];
            double bx = x - verts[prev * CURVE_VERT_STRIDE];
            double by = y - verts[prev * CURVE_VERT_STRIDE + 1];
            double bz = z - verts[prev * CURVE_VERT_STRIDE + 2];
            double dot = ax * bx + ay * by + az * bz;
            return dot < -0.5 * Math.sqrt((ax * ax + ay * ay + az * az) * (bx * bx + by * by + bz * bz));
        }

        private void add(float x, float y, float z, float radius, float v) {
            if ((nv + 1) * CURVE_VERT_STRIDE > verts.length) {
                verts = Arrays.copyOf(verts, verts.length * 2);
            }
            int o = nv * CURVE_VERT_STRIDE;
            verts[o] = x;
            verts[o + 1] = y;
            verts[o + 2] = z;
            verts[o + CV_RADIUS] = radius;
            verts[o + CV_V] = v;
            nv++;
        }

        void endRun() {
            int n = nv - runStart;
            if (n < 2) {
                nv = runStart; // a lone point: no segment
                return;
            }
            for (int i = runStart; i < nv; i++) {
                double tx = 0;
                double ty = 0;
                double tz = 0;
                if (i > runStart) {
                    double[] a = unitEdge(i - 1, i);
                    tx += a[0];
                    ty += a[1];
                    tz += a[2];
                }
                if (i < nv - 1) {
                    double[] a = unitEdge(i, i + 1);
                    tx += a[0];
                    ty += a[1];
                    tz += a[2];
                }
                double l = Math.sqrt(tx * tx + ty * ty + tz * tz);
                int o = i * CURVE_VERT_STRIDE + CV_PLANE;
                verts[o] = (float) (tx / l);
                verts[o + 1] = (float) (ty / l);
                verts[o + 2] = (float) (tz / l);
            }
            for (int i = runStart; i < nv - 1; i++) {
                if (ns + 1 > segVert.length) {
                    int cap = segVert.length * 2;
                    segVert = Arrays.copyOf(segVert, cap);
                    segStrand = Arrays.copyOf(segStrand, cap);
                    segMat = Arrays.copyOf(segMat, cap);
                    segObj = Arrays.copyOf(segObj, cap);
                }
                segVert[ns] = i;
                segStrand[ns] = strand;
                segMat[ns] = material;
                segObj[ns] = object;
                ns++;
            }
        }

        private double[] unitEdge(int a, int b) {
            double dx = verts[b * CURVE_VERT_STRIDE] - verts[a * CURVE_VERT_STRIDE];
            double dy = verts[b * CURVE_VERT_STRIDE + 1] - verts[a * CURVE_VERT_STRIDE + 1];
            double dz = verts[b * CURVE_VERT_STRIDE + 2] - verts[a * CURVE_VERT_STRIDE + 2];
            double l = Math.sqrt(dx * dx + dy * dy + dz * dz);
            return new double[] {dx / l, dy / l, dz / l};
        }

        CurveSegments finish() {
            float[] lo = new float[ns * 3];
            float[] hi = new float[ns * 3];
            for (int s = 0; s < ns; s++) {
                int a = segVert[s] * CURVE_VERT_STRIDE;
                int b = a + CURVE_VERT_STRIDE;
                double ex = verts[b] - verts[a];
                double ey = verts[b + 1] - verts[a + 1];
                double ez = verts[b + 2] - verts[a + 2];
                double l = Math.sqrt(ex * ex + ey * ey + ez * ez);
                double rmax = Math.max(verts[a + CV_RADIUS], verts[b + CV_RADIUS]);
                for (int k = 0; k < 3; k++) {
                    lo[s * 3 + k] = Float.MAX_VALUE;
                    hi[s * 3 + k] = -Float.MAX_VALUE;
                }
                for (int end = 0; end < 2; end++) {
                    int o = end == 0 ? a : b;
                    // The tube's cut by the joint plane is an ellipse of half-axis r / cos(angle
                    // between plane normal and axis); bends are at most 120 degrees, so cos >= 0.5.
                    double c = (verts[o + CV_PLANE] * ex + verts[o + CV_PLANE + 1] * ey + verts[o + CV_PLANE + 2] * ez) / l;
                    double reach = rmax / Math.max(0.5, c) * 1.001;
                    for (int k = 0; k < 3; k++) {
                        double x = verts[o + k];
                        // And an ulp or so of the coordinate, so float rounding cannot lose a hit.
                        double pad = reach + 1e-7 * (1 + Math.abs(x));
                        lo[s * 3 + k] = (float) Math.min(lo[s * 3 + k], Math.nextDown((float) (x - pad)));
                        hi[s * 3 + k] = (float) Math.max(hi[s * 3 + k], Math.nextUp((float) (x + pad)));
                    }
                }
            }
            return new CurveSegments(Arrays.copyOf(verts, nv * CURVE_VERT_STRIDE), nv, Arrays.copyOf(segVert, ns),
                    Arrays.copyOf(segStrand, ns), Arrays.copyOf(segMat, ns), Arrays.copyOf(segObj, ns), lo, hi, ns);
        }

        private static double sq(double x) {
            return x * x;
        }
    }

    /** The most pieces one segment is cut into (memory is reserved for that many). */
    public static final int MAX_PIECES = 16;

    /** Pieces a segment of this length and larger radius is cut into. */
    public static int pieces(double length, double radius, double maxLength) {
        double limit = Math.min(maxLength, MAX_LENGTH_RADII * radius);
        return (int) Math.min(MAX_PIECES, Math.max(1, Math.ceil(length / limit)));
    }

    /** No strands. */
    public static CurveSegments empty() {
        return new CurveSegments(new float[0], 0, new int[0], new int[0], new int[0], new int[0], new float[0], new float[0], 0);
    }
}
