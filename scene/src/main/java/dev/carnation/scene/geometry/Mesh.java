package dev.carnation.scene.geometry;

import dev.carnation.scene.MemoryBudget;
import dev.carnation.scene.SceneException;
import java.util.Arrays;
import org.joml.Matrix3f;
import org.joml.Matrix4f;
import org.joml.Vector3f;

/**
 * An indexed triangle mesh on the host: per vertex position, normal, uv and tangent (xyz + sign
 * of the bitangent), per triangle three indices, a material id and an object id (which shape entry
 * or instance it belongs to: closed objects bound media). Growable, append-only.
 */
public final class Mesh {
    private float[] pos = new float[3 * 64];
    private float[] nrm = new float[3 * 64];
    private float[] uv = new float[2 * 64];
    private float[] tan = new float[4 * 64];
    private int[] idx = new int[3 * 64];
    private int[] mat = new int[64];
    private int[] obj = new int[64];
    private int vertexCount;
    private int triangleCount;
    private boolean hasTangents = true;

    public int vertexCount() {
        return vertexCount;
    }

    public int triangleCount() {
        return triangleCount;
    }

    public boolean hasTangents() {
        return hasTangents;
    }

    public int addVertex(float px, float py, float pz, float nx, float ny, float nz, float u, float v) {
        int i = vertexCount++;
        if (i * 3 + 3 > pos.length) {
            int cap = grow(i, 4, "vertices");
            pos = Arrays.copyOf(pos, cap * 3);
            nrm = Arrays.copyOf(nrm, cap * 3);
            uv = Arrays.copyOf(uv, cap * 2);
            tan = Arrays.copyOf(tan, cap * 4);
        }
        pos[i * 3] = px;
        pos[i * 3 + 1] = py;
        pos[i * 3 + 2] = pz;
        nrm[i * 3] = nx;
        nrm[i * 3 + 1] = ny;
        nrm[i * 3 + 2] = nz;
        uv[i * 2] = u;
        uv[i * 2 + 1] = v;
        tan[i * 4 + 3] = 1f;
        return i;
    }

    /**
     * The next capacity for count elements of at most stride values each: doubling, but never past
     * what one Java array holds (in int arithmetic, doubling would wrap to a negative size).
     */
    private static int grow(int count, int stride, String what) {
        long max = MemoryBudget.MAX_ARRAY / stride;
        if (count >= max) {
            throw new SceneException("the scene has more than " + max + " " + what + ", more than one Java array holds");
        }
        return (int) Math.min(max, Math.max(64L, count * 2L));
    }

    public void setTangent(int v, float tx, float ty, float tz, float sign) {
        tan[v * 4] = tx;
        tan[v * 4 + 1] = ty;
        tan[v * 4 + 2] = tz;
        tan[v * 4 + 3] = sign;
    }

    /** Marks tangents as absent so {@link Tangents#generate} derives them from the UVs. */
    public void withoutTangents() {
        hasTangents = false;
    }

    public void addTriangle(int a, int b, int c, int material) {
        addTriangle(a, b, c, material, 0);
    }

    public void addTriangle(int a, int b, int c, int material, int object) {
        int t = triangleCount++;
        if (t * 3 + 3 > idx.length) {
            int cap = grow(t, 3, "triangles");
            idx = Arrays.copyOf(idx, cap * 3);
            mat = Arrays.copyOf(mat, cap);
            obj = Arrays.copyOf(obj, cap);
        }
        idx[t * 3] = a;
        idx[t * 3 + 1] = b;
        idx[t * 3 + 2] = c;
        mat[t] = material;
        obj[t] = object;
    }

    public float[] positions() {
        return pos;
    }

    public float[] normals() {
        return nrm;
    }

    public float[] uvs() {
        return uv;
    }

    public float[] tangents() {
        return tan;
    }

    public int[] indices() {
        return idx;
    }

    public int[] materials() {
        return mat;
    }

    public int[] objects() {
        return obj;
    }

    /** Keeps the first n triangles. */
    public void truncateTriangles(int n) {
        triangleCount = Math.min(triangleCount, n);
    }

    public void setAllMaterials(int material) {
        Arrays.fill(mat, 0, triangleCount, material);
    }

    /**
     * Appends this mesh to another under a transform, as one object: positions and tangents by the
     * matrix, normals by its inverse transpose (correct under non-uniform scale).
     */
    public void appendTo(Mesh out, Matrix4f m, int object) {
        Matrix3f nm = new Matrix3f(m).invert().transpose();
        Matrix3f lin = new Matrix3f(m);
        boolean flips = lin.determinant() < 0;
        int base = out.vertexCount();
        Vector3f p = new Vector3f();
        Vector3f n = new Vector3f();
        Vector3f t = new Vector3f();
        for (int i = 0; i < vertexCount; i++) {
            m.transformPosition(pos[i * 3], pos[i * 3 + 1], pos[i * 3 + 2], p);
            nm.transform(nrm[i * 3], nrm[i * 3 + 1], nrm[i * 3 + 2], n);
            if (n.lengthSquared() > 0) {
                n.normalize();
            }
            lin.transform(tan[i * 4], tan[i * 4 + 1], tan[i * 4 + 2], t);
            if (t.lengthSquared() > 0) {
                t.normalize();
            }
            int v = out.addVertex(p.x, p.y, p.z, n.x, n.y, n.z, uv[i * 2], uv[i * 2 + 1]);
            out.setTangent(v, t.x, t.y, t.z, flips ? -tan[i * 4 + 3] : tan[i * 4 + 3]);
        }
        for (int i = 0; i < triangleCount; i++) {
            // A mirroring transform reverses winding; keep front faces where they were.
            if (flips) {
                out.addTriangle(base + idx[i * 3], base + idx[i * 3 + 2], base + idx[i * 3 + 1], mat[i], object);
            } else {
                out.addTriangle(base + idx[i * 3], base + idx[i * 3 + 1], base + idx[i * 3 + 2], mat[i], object);
            }
        }
    }
}
