package dev.carnation.scene.io;

import de.javagl.jgltf.model.AccessorData;
import de.javagl.jgltf.model.AccessorFloatData;
import de.javagl.jgltf.model.AccessorModel;
import de.javagl.jgltf.model.GltfModel;
import de.javagl.jgltf.model.MeshModel;
import de.javagl.jgltf.model.MeshPrimitiveModel;
import de.javagl.jgltf.model.NodeModel;
import de.javagl.jgltf.model.SceneModel;
import de.javagl.jgltf.model.io.GltfModelReader;
import de.javagl.obj.Obj;
import de.javagl.obj.ObjData;
import de.javagl.obj.ObjReader;
import de.javagl.obj.ObjUtils;
import dev.carnation.scene.SceneException;
import dev.carnation.scene.geometry.Mesh;
import dev.carnation.scene.geometry.Tangents;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.joml.Matrix4f;

/** Triangle meshes from glTF 2.0 (.gltf, .glb) and Wavefront OBJ files, in file units. */
public final class MeshFiles {
    private MeshFiles() {}

    /** Loads a mesh; flipV mirrors texture coordinates (v to 1 - v) before tangents are derived. */
    public static Mesh load(Fields at, String key, Path file, boolean flipV) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Mesh mesh;
        try {
            if (name.endsWith(".glb") || name.endsWith(".gltf")) {
                mesh = gltf(file);
            } else if (name.endsWith(".obj")) {
                mesh = obj(file);
            } else {
                throw at.error(key, "unsupported mesh format \"" + file.getFileName() + "\" (use .glb, .gltf or .obj)");
            }
        } catch (SceneException e) {
            throw e;
        } catch (Exception e) {
            throw Assets.unreadable(at, key, file, e);
        }
        if (mesh.triangleCount() == 0) {
            throw at.error(key, "\"" + file.getFileName() + "\" contains no triangles");
        }
        float[] p = mesh.positions();
        for (int i = 0; i < mesh.vertexCount() * 3; i++) {
            if (!Float.isFinite(p[i])) {
                throw at.error(key, "\"" + file.getFileName() + "\" vertex " + (i / 3) + " has a non-finite position");
            }
        }
        if (flipV) {
            float[] uv = mesh.uvs();
            for (int i = 0; i < mesh.vertexCount(); i++) {
                uv[i * 2 + 1] = 1f - uv[i * 2 + 1];
            }
        }
        if (!mesh.hasTangents() || flipV) {
            Tangents.generate(mesh);
        }
        return mesh;
    }

    static Mesh gltf(Path file) throws Exception {
        GltfModel model = new GltfModelReader().read(file);
        Mesh out = new Mesh();
        List<SceneModel> scenes = model.getSceneModels();
        if (scenes.isEmpty()) {
            for (NodeModel n : model.getNodeModels()) {
                if (n.getParent() == null) {
                    gltfNode(n, out);
                }
            }
        } else {
            for (NodeModel n : scenes.get(0).getNodeModels()) {
                gltfNode(n, out);
            }
        }
        return out;
    }

    private static void gltfNode(NodeModel node, Mesh out) {
        Matrix4f m = new Matrix4f().set(node.computeGlobalTransform(null));
        for (MeshModel mm : node.getMeshModels()) {
            for (MeshPrimitiveModel prim : mm.getMeshPrimitiveModels()) {
                if (prim.getMode() == 4) { // TRIANGLES; points and lines are not surfaces
                    primitive(prim).appendTo(out, m, 0);
                }
            }
        }
        for (NodeModel c : node.getChildren()) {
            gltfNode(c, out);
        }
    }

    private static Mesh primitive(MeshPrimitiveModel prim) {
        Map<String, AccessorModel> attr = prim.getAttributes();
        AccessorFloatData pos = floats(attr.get("POSITION"));
        AccessorFloatData nrm = floats(attr.get("NORMAL"));
        AccessorFloatData uv = floats(attr.get("TEXCOORD_0"));
        AccessorFloatData tan = floats(attr.get("TANGENT"));
        Mesh m = new Mesh();
        int n = pos.getNumElements();
        for (int i = 0; i < n; i++) {
            m.addVertex(pos.get(i, 0), pos.get(i, 1), pos.get(i, 2),
                    nrm == null ? 0 : nrm.get(i, 0), nrm == null ? 0 : nrm.get(i, 1), nrm == null ? 0 : nrm.get(i, 2),
                    uv == null ? 0 : uv.get(i, 0), uv == null ? 0 : uv.get(i, 1));
            if (tan != null) {
                m.setTangent(i, tan.get(i, 0), tan.get(i, 1), tan.get(i, 2), tan.get(i, 3) < 0 ? -1 : 1);
            }
        }
        if (tan == null) {
            m.withoutTangents();
        }
        AccessorModel idx = prim.getIndices();
        if (idx == null) {
            for (int i = 0; i + 2 < n; i += 3) {
                m.addTriangle(i, i + 1, i + 2, 0);
            }
        } else {
            AccessorData d = idx.getAccessorData();
            int count = idx.getCount();
            for (int i = 0; i + 2 < count; i += 3) {
                m.addTriangle(index(d, i), index(d, i + 1), index(d, i + 2), 0);
            }
        }
        if (nrm == null) {
            flatNormals(m);
        }
        return m;
    }

    private static AccessorFloatData floats(AccessorModel a) {
        if (a == null) {
            return null;
        }
        AccessorData d = a.getAccessorData();
        if (!(d instanceof AccessorFloatData f)) {
            throw new IllegalArgumentException("attribute is not float (quantized glTF is not supported)");
        }
        return f;
    }

    private static int index(AccessorData d, int i) {
        if (d instanceof de.javagl.jgltf.model.AccessorIntData a) {
            return a.get(i);
        }
        if (d instanceof de.javagl.jgltf.model.AccessorShortData a) {
            return a.getInt(i);
        }
        if (d instanceof de.javagl.jgltf.model.AccessorByteData a) {
            return a.getInt(i);
        }
        throw new IllegalArgumentException("unsupported index type");
    }

    static Mesh obj(Path file) throws Exception {
        Obj raw;
        try (InputStream in = Files.newInputStream(file)) {
            raw = ObjReader.read(in);
        }
        Obj obj = ObjUtils.convertToRenderable(raw);
        float[] v = ObjData.getVerticesArray(obj);
        float[] n = obj.getNumNormals() > 0 ? ObjData.getNormalsArray(obj) : null;
        // OBJ puts v = 0 at the bottom; flip to our top-left origin.
        float[] t = obj.getNumTexCoords() > 0 ? ObjData.getTexCoordsArray(obj, 2, true) : null;
        int[] f = ObjData.getFaceVertexIndicesArray(obj, 3);
        Mesh m = new Mesh();
        for (int i = 0; i < obj.getNumVertices(); i++) {
            m.addVertex(v[i * 3], v[i * 3 + 1], v[i * 3 + 2],
                    n == null ? 0 : n[i * 3], n == null ? 0 : n[i * 3 + 1], n == null ? 0 : n[i * 3 + 2],
                    t == null ? 0 : t[i * 2], t == null ? 0 : t[i * 2 + 1]);
        }
        for (int i = 0; i + 2 < f.length; i += 3) {
            m.addTriangle(f[i], f[i + 1], f[i + 2], 0);
        }
        m.withoutTangents();
        if (n == null) {
            flatNormals(m);
        }
        return m;
    }

    /** Area-weighted vertex normals for files that carry none. */
    static void flatNormals(Mesh m) {
        float[] p = m.positions();
        float[] nrm = m.normals();
        int[] idx = m.indices();
        java.util.Arrays.fill(nrm, 0, m.vertexCount() * 3, 0f);
        for (int t = 0; t < m.triangleCount(); t++) {
            int a = idx[t * 3];
            int b = idx[t * 3 + 1];
            int c = idx[t * 3 + 2];
            float e1x = p[b * 3] - p[a * 3];
            float e1y = p[b * 3 + 1] - p[a * 3 + 1];
            float e1z = p[b * 3 + 2] - p[a * 3 + 2];
            float e2x = p[c * 3] - p[a * 3];
            float e2y = p[c * 3 + 1] - p[a * 3 + 1];
            float e2z = p[c * 3 + 2] - p[a * 3 + 2];
            float nx = e1y * e2z - e1z * e2y;
            float ny = e1z * e2x - e1x * e2z;
            float nz = e1x * e2y - e1y * e2x;
            for (int k : new int[] {a, b, c}) {
                nrm[k * 3] += nx;
                nrm[k * 3 + 1] += ny;
                nrm[k * 3 + 2] += nz;
            }
        }
    }
}
