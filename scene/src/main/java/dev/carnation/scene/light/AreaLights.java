package dev.carnation.scene.light;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.scene.geometry.Mesh;
import dev.carnation.scene.material.Material;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.joml.Vector3f;

/**
 * The area light table the kernels sample (kernel light/AreaLight, LightSampler): one light per
 * emitting object, analytic where the object has a {@link LightShape}, else its triangles.
 * Built over the triangles in BVH order; offsets into the emitter list and cdfs are relative to
 * their sections (SceneBuffers places them).
 *
 * @param lightOfTriangle   per BVH-order triangle, its light or -1 (the T_LIGHT field)
 * @param recordsI          LIGHT_I_STRIDE ints per light; LI_CDF relative to the emitter cdf section
 * @param recordsF          LIGHT_F_STRIDE floats per light
 * @param selectionCdf      count + 1 values: lights by luminance * area
 * @param emitterTriangles  the triangles of mesh lights, light by light (BVH order indices)
 * @param emitterCdfs       per mesh light its triangles' cdf (count + 1 values)
 * @param emissiveTriangles all emissive triangles
 * @param power             sum of luminance(Le) * area over them
 */
public record AreaLights(int[] lightOfTriangle, int[] recordsI, float[] recordsF, float[] selectionCdf,
                         int[] emitterTriangles, float[] emitterCdfs, int emissiveTriangles, double power) {

    public int count() {
        return recordsI.length / LIGHT_I_STRIDE;
    }

    public static AreaLights build(Mesh mesh, int[] order, List<Material> materials, List<LightShape> shapes) {
        return build(mesh, order, materials, shapes, LightLinks.NONE);
    }

    /** The light table with each light's link masks (LI_EXCLUDE, LI_IGNORE) from links. */
    public static AreaLights build(Mesh mesh, int[] order, List<Material> materials, List<LightShape> shapes, LightLinks links) {
        float[] p = mesh.positions();
        int[] idx = mesh.indices();
        int[] tm = mesh.materials();
        int[] objects = mesh.objects();
        int nt = mesh.triangleCount();
        // Emissive triangles by object, lights ordered by object id. The order also lists hair
        // segments (indices from nt on), which never emit.
        int np = order.length;
        Map<Integer, List<Integer>> byObject = new TreeMap<>();
        int emissive = 0;
        for (int i = 0; i < np; i++) {
            int t = order[i];
            if (t < nt && luminance(materials.get(tm[t]).emission()) > 0) {
                byObject.computeIfAbsent(objects[t], k -> new ArrayList<>()).add(i);
                emissive++;
            }
        }
        Map<Integer, LightShape> shapeOf = new HashMap<>();
        for (LightShape s : shapes) {
            shapeOf.put(s.object(), s);
        }
        int n = byObject.size();
        int[] lightOf = new int[np];
        Arrays.fill(lightOf, -1);
        int[] ri = new int[n * LIGHT_I_STRIDE];
        float[] rf = new float[n * LIGHT_F_STRIDE];
        double[] lightPower = new double[n];
        List<Integer> emitTris = new ArrayList<>();
        List<Float> emitCdfs = new ArrayList<>();
        double total = 0;
        int light = 0;
        for (var e : byObject.entrySet()) {
            List<Integer> tris = e.getValue();
            Material mat = materials.get(tm[order[tris.get(0)]]);
            float[] le = mat.emission();
            int o = light * LIGHT_F_STRIDE;
            System.arraycopy(le, 0, rf, o + LF_EMIT, 3);
            rf[o + LF_TWO_SIDED] = mat.record()[M_TWO_SIDED];
            double area = 0;
            double pow = 0;
            double[] areas = new double[tris.size()];
            Vector3f normalSum = new Vector3f();
            for (int k = 0; k < tris.size(); k++) {
                int t = order[tris.get(k)];
                Vector3f nrm = triangleNormal(p, idx, t);
                areas[k] = 0.5 * nrm.length();
                area += areas[k];
                pow += luminance(materials.get(tm[t]).emission()) * areas[k];
                normalSum.add(nrm);
                lightOf[tris.get(k)] = light;
            }
            lightPower[light] = pow;
            total += pow;
            rf[o + LF_AREA] = (float) area;
            rf[o + LF_POWER] = (float) pow;
            LightShape shape = shapeOf.get(e.getKey());
            int r = light * LIGHT_I_STRIDE;
            ri[r + LI_EXCLUDE] = links.exclude(e.getKey());
            ri[r + LI_IGNORE] = links.ignore(e.getKey());
            double effectiveArea;
            if (shape instanceof LightShape.Rectangle rect) {
                ri[r + LI_TYPE] = LIGHT_RECT;
                Vector3f x = new Vector3f(rect.edgeX()).normalize();
                Vector3f y = new Vector3f(rect.edgeY()).normalize();
                Vector3f axis = new Vector3f(x).cross(y);
                // The emitting side is the triangles' front (a mirroring transform may flip it).
                if (axis.dot(normalSum) < 0) {
                    axis.negate();
                }
                put(rf, o + LF_P, rect.corner());
                put(rf, o + LF_X, x);
                put(rf, o + LF_Y, y);
                put(rf, o + LF_AXIS, axis);
                rf[o + LF_LX] = rect.edgeX().length();
                rf[o + LF_LY] = rect.edgeY().length();
                Vector3f half = new Vector3f(rect.edgeX()).add(rect.edgeY()).mul(0.5f);
                put(rf, o + LF_CENTRE, new Vector3f(rect.corner()).add(half));
                rf[o + LF_BOUND] = half.length();
                rf[o + LF_COS_CONE] = 1;
                effectiveArea = area;
            } else if (shape instanceof LightShape.Sphere sphere) {
                ri[r + LI_TYPE] = LIGHT_SPHERE;
                put(rf, o + LF_P, sphere.centre());
                rf[o + LF_LX] = sphere.radius();
                put(rf, o + LF_CENTRE, sphere.centre());
                rf[o + LF_BOUND] = sphere.radius();
                rf[o + LF_AXIS + 2] = 1;
                rf[o + LF_COS_CONE] = -1;
                effectiveArea = Math.PI * sphere.radius() * sphere.radius();
            } else {
                ri[r + LI_TYPE] = LIGHT_MESH;
                ri[r + LI_EMIT_FIRST] = emitTris.size();
                ri[r + LI_EMIT_COUNT] = tris.size();
                ri[r + LI_CDF] = emitCdfs.size();
                double acc = 0;
                emitCdfs.add(0f);
                for (int k = 0; k < tris.size(); k++) {
                    int t = order[tris.get(k)];
                    emitTris.add(tris.get(k));
                    acc += luminance(materials.get(tm[t]).emission()) * areas[k];
                    emitCdfs.add(k == tris.size() - 1 ? 1f : (float) (acc / pow));
                }
                meshBounds(p, idx, order, tris, normalSum, area, rf, o);
                // A cone of normals wider than a hemisphere: a closed or curved emitter, which
                // shows about a quarter of its area from any side (a convex body's mean projection).
                effectiveArea = rf[o + LF_COS_CONE] >= 0 ? area : area / 4;
            }
            double bound = rf[o + LF_BOUND];
            double cover = Math.min(1, effectiveArea / (Math.PI * bound * bound));
            rf[o + LF_WEIGHT] = (float) (pow / area * cover);
            float cosCone = rf[o + LF_COS_CONE];
            rf[o + LF_SIN_CONE] = (float) Math.sqrt(Math.max(0f, 1f - cosCone * cosCone));
            light++;
        }
        float[] cdf = new float[n + 1];
        double acc = 0;
        for (int i = 0; i < n; i++) {
            acc += lightPower[i];
            cdf[i + 1] = i == n - 1 ? 1f : (float) (acc / total);
        }
        float[] ec = new float[emitCdfs.size()];
        for (int i = 0; i < ec.length; i++) {
            ec[i] = emitCdfs.get(i);
        }
        return new AreaLights(lightOf, ri, rf, cdf, emitTris.stream().mapToInt(Integer::intValue).toArray(), ec,
                emissive, total);
    }

    /** Bounding sphere (around the bounding box centre) and normal cone of a mesh light's triangles. */
    private static void meshBounds(float[] p, int[] idx, int[] order, List<Integer> tris, Vector3f normalSum, double area,
                                   float[] rf, int o) {
        Vector3f lo = new Vector3f(Float.POSITIVE_INFINITY);
        Vector3f hi = new Vector3f(Float.NEGATIVE_INFINITY);
        for (int i : tris) {
            for (int k = 0; k < 3; k++) {
                Vector3f v = vertex(p, idx[order[i] * 3 + k]);
                lo.min(v);
                hi.max(v);
            }
        }
        Vector3f centre = new Vector3f(lo).add(hi).mul(0.5f);
        float radius = 0;
        float cosCone = 1;
        Vector3f axis = new Vector3f(normalSum);
        // The normals (each twice its triangle's area long) must agree on a side for an axis.
        boolean directed = axis.length() > 1e-3 * 2 * area;
        if (directed) {
            axis.normalize();
        } else {
            axis.set(0, 0, 1);
            cosCone = -1;
        }
        for (int i : tris) {
            for (int k = 0; k < 3; k++) {
                radius = Math.max(radius, vertex(p, idx[order[i] * 3 + k]).distance(centre));
            }
            Vector3f n = triangleNormal(p, idx, order[i]).normalize();
            if (directed) {
                cosCone = Math.min(cosCone, n.dot(axis));
            }
        }
        put(rf, o + LF_CENTRE, centre);
        // A float ulp of slack so the sphere holds every vertex.
        rf[o + LF_BOUND] = radius * (1 + 1e-6f);
        put(rf, o + LF_AXIS, axis);
        rf[o + LF_COS_CONE] = Math.max(-1, cosCone - 1e-6f);
    }

    /** e1 x e2 of triangle t: the front-facing normal, twice the area long. */
    private static Vector3f triangleNormal(float[] p, int[] idx, int t) {
        Vector3f a = vertex(p, idx[t * 3]);
        Vector3f e1 = vertex(p, idx[t * 3 + 1]).sub(a);
        Vector3f e2 = vertex(p, idx[t * 3 + 2]).sub(a);
        return e1.cross(e2);
    }

    private static Vector3f vertex(float[] p, int v) {
        return new Vector3f(p[v * 3], p[v * 3 + 1], p[v * 3 + 2]);
    }

    private static void put(float[] f, int o, Vector3f v) {
        f[o] = v.x;
        f[o + 1] = v.y;
        f[o + 2] = v.z;
    }

    static double luminance(float[] c) {
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
