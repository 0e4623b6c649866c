package dev.carnation.scene.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import de.javagl.jgltf.impl.v2.Accessor;
import de.javagl.jgltf.impl.v2.Buffer;
import de.javagl.jgltf.impl.v2.BufferView;
import de.javagl.jgltf.impl.v2.GlTF;
import de.javagl.jgltf.model.AccessorByteData;
import de.javagl.jgltf.model.AccessorData;
import de.javagl.jgltf.model.AccessorFloatData;
import de.javagl.jgltf.model.AccessorIntData;
import de.javagl.jgltf.model.AccessorModel;
import de.javagl.jgltf.model.AccessorShortData;
import de.javagl.jgltf.model.Accessors;
import de.javagl.jgltf.model.ElementType;
import de.javagl.jgltf.model.GltfModel;
import de.javagl.jgltf.model.GltfModels;
import de.javagl.jgltf.model.MeshModel;
import de.javagl.jgltf.model.MeshPrimitiveModel;
import de.javagl.jgltf.model.NodeModel;
import de.javagl.jgltf.model.SceneModel;
import de.javagl.jgltf.model.io.GltfAsset;
import de.javagl.jgltf.model.io.GltfAssetReader;
import de.javagl.jgltf.model.io.GltfReference;
import de.javagl.jgltf.model.io.IO;
import de.javagl.obj.Obj;
import de.javagl.obj.ObjData;
import de.javagl.obj.ObjFace;
import de.javagl.obj.ObjReader;
import de.javagl.obj.ObjUtils;
import dev.carnation.scene.SceneException;
import dev.carnation.scene.geometry.Mesh;
import dev.carnation.scene.geometry.Tangents;
import dev.carnation.scene.material.Material;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.joml.Matrix4f;

/**
 * Triangle meshes from glTF 2.0 (.gltf, .glb) and Wavefront OBJ files, in file units. A corrupt
 * file is an error naming what is wrong and where (primitive, face, index); repairable defects
 * (non-finite normals, texture coordinates or tangents) are repaired with a warning.
 */
public final class MeshFiles {
    /**
     * jgltf reports problems through java.util.logging (several lines on stderr per missing file)
     * and then fails anyway; we report each problem once, ourselves. Held in a field: JUL keeps
     * loggers weakly, and a collected logger would forget its level.
     */
    private static final Logger JGLTF_LOG = Logger.getLogger("de.javagl");

    static {
        JGLTF_LOG.setLevel(Level.OFF);
    }

    private MeshFiles() {}

    /**
     * Loads a mesh; flipV mirrors texture coordinates (v to 1 - v) before tangents are derived.
     * Repairs are reported to warn as one line each.
     */
    public static Mesh load(Fields at, String key, Path file, boolean flipV, Consumer<String> warn) {
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
        } catch (StackOverflowError e) {
            throw at.error(key, "cannot read \"" + file.getFileName() + "\": nested too deeply");
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
        List<String> repairs = repair(mesh);
        if (!repairs.isEmpty()) {
            warn.accept(at.file() + ": " + at.pointer(key) + ": \"" + file.getFileName() + "\": " + String.join(", ", repairs));
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

    /**
     * Replaces non-finite or zero normals by the geometric (area-weighted) ones, non-finite
     * texture coordinates by 0, and non-finite tangents by regenerating all tangents. Returns one
     * phrase per kind of repair, with its count.
     */
    static List<String> repair(Mesh m) {
        List<String> done = new ArrayList<>();
        int nv = m.vertexCount();
        float[] n = m.normals();
        float[] geometric = null;
        int normals = 0;
        for (int v = 0; v < nv; v++) {
            float x = n[v * 3];
            float y = n[v * 3 + 1];
            float z = n[v * 3 + 2];
            if (Float.isFinite(x) && Float.isFinite(y) && Float.isFinite(z) && x * x + y * y + z * z > 0) {
                continue;
            }
            if (geometric == null) {
                geometric = new float[nv * 3];
                areaWeightedNormals(m, geometric);
            }
            System.arraycopy(geometric, v * 3, n, v * 3, 3);
            normals++;
        }
        if (normals > 0) {
            done.add("recomputed " + plural(normals, "non-finite or zero normal") + " from the geometry");
        }
        float[] uv = m.uvs();
        int uvs = 0;
        for (int v = 0; v < nv; v++) {
            if (!(Math.abs(uv[v * 2]) <= Material.MAX_UV) || !(Math.abs(uv[v * 2 + 1]) <= Material.MAX_UV)) {
                uv[v * 2] = 0;
                uv[v * 2 + 1] = 0;
                uvs++;
            }
        }
        if (uvs > 0) {
            done.add("set " + plural(uvs, "non-finite or out-of-range texture coordinate") + " to 0 (they must be within ±1e4)");
        }
        if (m.hasTangents()) {
            float[] t = m.tangents();
            int tangents = 0;
            for (int i = 0; i < nv * 4; i += 4) {
                if (!Float.isFinite(t[i]) || !Float.isFinite(t[i + 1]) || !Float.isFinite(t[i + 2]) || !Float.isFinite(t[i + 3])) {
                    tangents++;
                }
            }
            if (tangents > 0) {
                m.withoutTangents();
                done.add("regenerated tangents (" + plural(tangents, "was", "were") + " non-finite)");
            }
        }
        return done;
    }

    private static String plural(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    // ---------------------------------------------------------------- glTF

    static Mesh gltf(Path file) throws IOException {
        GltfAssetReader reader = new GltfAssetReader();
        List<String> jsonErrors = new ArrayList<>();
        reader.setJsonErrorConsumer(e -> jsonErrors.add(e.getMessage()
                + (e.getJsonPathString() == null || e.getJsonPathString().isEmpty() ? "" : " at " + e.getJsonPathString())));
        GltfAsset asset;
        try (InputStream in = Files.newInputStream(file)) {
            asset = reader.readWithoutReferences(in);
        } catch (JsonProcessingException e) {
            throw new IOException("not valid glTF JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (RuntimeException e) {
            throw new IOException("not a glTF file");
        }
        if (!jsonErrors.isEmpty()) {
            throw new IOException("invalid glTF: " + jsonErrors.get(0));
        }
        if (asset == null || asset.getGltf() == null) {
            throw new IOException("not a glTF file");
        }
        Path dir = file.toAbsolutePath().getParent();
        Map<String, Integer> lengths = new java.util.HashMap<>();
        for (GltfReference ref : asset.getReferences()) {
            if (ref.getName().startsWith("buffer")) {
                ByteBuffer data = buffer(dir, ref);
                lengths.put(ref.getUri(), data.capacity());
                ref.getTarget().accept(data);
            } else {
                // Images are never used (textures come from the scene file): an empty stand-in keeps
                // jgltf's model complete without reading them, and a missing one is no error.
                ref.getTarget().accept(ByteBuffer.allocate(0));
            }
        }
        if (asset.getGltf() instanceof GlTF g) {
            checkBuffers(g, lengths, asset.getBinaryData());
        }
        GltfModel model;
        try {
            model = GltfModels.create(asset);
        } catch (RuntimeException e) {
            throw new IOException("invalid glTF structure (dangling or malformed references)");
        }
        Mesh out = new Mesh();
        List<SceneModel> scenes = model.getSceneModels();
        Set<NodeModel> visiting = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        if (scenes.isEmpty()) {
            for (NodeModel n : model.getNodeModels()) {
                if (n.getParent() == null) {
                    gltfNode(model, n, out, visiting);
                }
            }
        } else {
            for (NodeModel n : scenes.get(0).getNodeModels()) {
                gltfNode(model, n, out, visiting);
            }
        }
        return out;
    }

    /**
     * Buffers hold the bytes they declare, buffer views lie inside their buffers and accessors
     * inside their views: a truncated or corrupt file is reported as such (jgltf checks these
     * while building its model and fails with internal messages).
     */
    private static void checkBuffers(GlTF g, Map<String, Integer> lengths, ByteBuffer binary) throws IOException {
        List<Buffer> buffers = g.getBuffers() == null ? List.of() : g.getBuffers();
        for (int i = 0; i < buffers.size(); i++) {
            Buffer b = buffers.get(i);
            Integer actual = b.getUri() != null ? lengths.get(b.getUri()) : binary == null ? null : binary.capacity();
            if (b.getByteLength() == null || actual == null || actual < b.getByteLength()) {
                throw new IOException("buffer " + i + " holds " + (actual == null ? "no" : actual) + " bytes of the "
                        + b.getByteLength() + " it declares (truncated or corrupt file)");
            }
        }
        List<BufferView> views = g.getBufferViews() == null ? List.of() : g.getBufferViews();
        for (int i = 0; i < views.size(); i++) {
            BufferView v = views.get(i);
            Integer buffer = v.getBuffer();
            long offset = v.getByteOffset() == null ? 0 : v.getByteOffset();
            if (buffer == null || buffer < 0 || buffer >= buffers.size() || v.getByteLength() == null
                    || offset < 0 || offset + v.getByteLength() > buffers.get(buffer).getByteLength()) {
                throw new IOException("buffer view " + i + " lies outside its buffer (corrupt file)");
            }
        }
        List<Accessor> accessors = g.getAccessors() == null ? List.of() : g.getAccessors();
        for (int i = 0; i < accessors.size(); i++) {
            Accessor a = accessors.get(i);
            if (a.getBufferView() == null) {
                continue; // all zeros (or sparse): nothing to read from a buffer
            }
            int view = a.getBufferView();
            long element;
            try {
                element = (long) Accessors.getNumComponentsForAccessorType(a.getType())
                        * Accessors.getNumBytesForAccessorComponentType(a.getComponentType());
            } catch (RuntimeException e) {
                throw new IOException("accessor " + i + " has an invalid type or component type");
            }
            if (view < 0 || view >= views.size() || a.getCount() == null || a.getCount() < 1) {
                throw new IOException("accessor " + i + " has an invalid buffer view or count");
            }
            BufferView v = views.get(view);
            long stride = v.getByteStride() != null ? v.getByteStride() : element;
            long offset = a.getByteOffset() == null ? 0 : a.getByteOffset();
            if (offset < 0 || stride < element || offset + (a.getCount() - 1L) * stride + element > v.getByteLength()) {
                throw new IOException("accessor " + i + " reads past the end of buffer view " + view + " (truncated or corrupt file)");
            }
        }
    }

    /** The bytes of an external or data-URI buffer; a missing one is a one-line error naming it. */
    private static ByteBuffer buffer(Path dir, GltfReference ref) throws IOException {
        String uri = ref.getUri();
        if (uri == null) {
            throw new IOException(ref.getName() + " has no uri");
        }
        if (IO.isDataUriString(uri)) {
            try {
                return ByteBuffer.wrap(IO.readDataUri(uri)).order(ByteOrder.LITTLE_ENDIAN);
            } catch (RuntimeException e) {
                throw new IOException(ref.getName() + ": malformed data URI");
            }
        }
        Path p;
        try {
            URI u = new URI(uri);
            if (u.getScheme() != null || u.getPath() == null) {
                throw new IOException(ref.getName() + " \"" + uri + "\": only files next to the glTF are supported");
            }
            p = dir.resolve(u.getPath());
        } catch (URISyntaxException | InvalidPathException e) {
            throw new IOException(ref.getName() + ": invalid uri \"" + uri + "\"");
        }
        if (!Files.isRegularFile(p)) {
            throw new IOException(ref.getName() + " \"" + uri + "\" not found next to the file");
        }
        try {
            return ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN); // glTF data is little-endian
        } catch (IOException e) {
            throw new IOException(ref.getName() + " \"" + uri + "\": " + Assets.reason(e));
        }
    }

    private static void gltfNode(GltfModel model, NodeModel node, Mesh out, Set<NodeModel> visiting) throws IOException {
        if (!visiting.add(node)) {
            throw new IOException("node \"" + node.getName() + "\" is its own ancestor (the node hierarchy has a cycle)");
        }
        Matrix4f m = new Matrix4f().set(node.computeGlobalTransform(null));
        for (MeshModel mm : node.getMeshModels()) {
            List<MeshPrimitiveModel> prims = mm.getMeshPrimitiveModels();
            for (int p = 0; p < prims.size(); p++) {
                if (prims.get(p).getMode() == 4) { // TRIANGLES; points and lines are not surfaces
                    String where = "mesh " + model.getMeshModels().indexOf(mm) + " primitive " + p;
                    primitive(prims.get(p), where).appendTo(out, m, 0);
                }
            }
        }
        for (NodeModel c : node.getChildren()) {
            gltfNode(model, c, out, visiting);
        }
        visiting.remove(node);
    }

    private static Mesh primitive(MeshPrimitiveModel prim, String where) throws IOException {
        Map<String, AccessorModel> attr = prim.getAttributes();
        AccessorModel position = attr.get("POSITION");
        if (position == null) {
            throw new IOException(where + ": no POSITION attribute");
        }
        int n = position.getCount();
        AccessorFloatData pos = floats(position, ElementType.VEC3, n, where + " POSITION");
        AccessorFloatData nrm = floats(attr.get("NORMAL"), ElementType.VEC3, n, where + " NORMAL");
        AccessorFloatData uv = floats(attr.get("TEXCOORD_0"), ElementType.VEC2, n, where + " TEXCOORD_0");
        AccessorFloatData tan = floats(attr.get("TANGENT"), ElementType.VEC4, n, where + " TANGENT");
        Mesh m = new Mesh();
        for (int i = 0; i < n; i++) {
            m.addVertex(pos.get(i, 0), pos.get(i, 1), pos.get(i, 2),
                    nrm == null ? 0 : nrm.get(i, 0), nrm == null ? 0 : nrm.get(i, 1), nrm == null ? 0 : nrm.get(i, 2),
                    uv == null ? 0 : uv.get(i, 0), uv == null ? 0 : uv.get(i, 1));
            if (tan != null) {
                float w = tan.get(i, 3);
                m.setTangent(i, tan.get(i, 0), tan.get(i, 1), tan.get(i, 2), Float.isNaN(w) ? w : w < 0 ? -1 : 1);
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
            AccessorData d = data(idx, ElementType.SCALAR, where + " indices");
            int count = idx.getCount();
            int[] tri = new int[3];
            for (int i = 0; i + 2 < count; i += 3) {
                for (int k = 0; k < 3; k++) {
                    long v = index(d, i + k, where);
                    if (v >= n) {
                        throw new IOException(where + ": index " + v + " (element " + (i + k) + " of the indices) is out of range: the primitive has "
                                + n + " vertices");
                    }
                    tri[k] = (int) v;
                }
                m.addTriangle(tri[0], tri[1], tri[2], 0);
            }
        }
        if (nrm == null) {
            areaWeightedNormals(m, m.normals());
        }
        return m;
    }

    /** A float attribute of the given shape with at least count elements, or null when absent. */
    private static AccessorFloatData floats(AccessorModel a, ElementType type, int count, String what) throws IOException {
        if (a == null) {
            return null;
        }
        if (a.getCount() < count) {
            throw new IOException(what + " has " + a.getCount() + " elements for " + count + " vertices");
        }
        if (!(data(a, type, what) instanceof AccessorFloatData f)) {
            throw new IOException(what + " is not float (quantized glTF is not supported)");
        }
        return f;
    }

    /** An accessor's data after checking its shape (its extent was checked against the buffers). */
    private static AccessorData data(AccessorModel a, ElementType type, String what) throws IOException {
        if (a.getElementType() != type) {
            throw new IOException(what + " is " + a.getElementType() + ", expected " + type);
        }
        try {
            return a.getAccessorData();
        } catch (RuntimeException e) {
            throw new IOException(what + ": unreadable accessor data");
        }
    }

    /** An index as an unsigned value (glTF indices are unsigned 8, 16 or 32 bit). */
    private static long index(AccessorData d, int i, String where) throws IOException {
        if (d instanceof AccessorIntData a) {
            return Integer.toUnsignedLong(a.get(i));
        }
        if (d instanceof AccessorShortData a) {
            return a.getInt(i);
        }
        if (d instanceof AccessorByteData a) {
            return a.getInt(i);
        }
        throw new IOException(where + ": indices must be unsigned integers");
    }

    // ---------------------------------------------------------------- OBJ

    static Mesh obj(Path file) throws IOException {
        Obj raw;
        try (InputStream in = Files.newInputStream(file)) {
            raw = ObjReader.read(in);
        } catch (IOException | RuntimeException e) {
            // The reader reports a malformed number as an IOException carrying the NumberFormatException.
            if (e instanceof IOException && !(e.getCause() instanceof RuntimeException)) {
                throw e;
            }
            throw new IOException(malformedLine(file) + "malformed OBJ data (a number or index cannot be read)");
        }
        checkFaces(file, raw);
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
            areaWeightedNormals(m, m.normals());
        }
        return m;
    }

    /** Every face's vertex, texture-coordinate and normal indices must name an existing element. */
    private static void checkFaces(Path file, Obj raw) throws IOException {
        for (int f = 0; f < raw.getNumFaces(); f++) {
            ObjFace face = raw.getFace(f);
            for (int k = 0; k < face.getNumVertices(); k++) {
                checkIndex(file, f, "vertex", "vertices", face.getVertexIndex(k), raw.getNumVertices());
                if (face.containsTexCoordIndices()) {
                    checkIndex(file, f, "texture coordinate", "texture coordinates", face.getTexCoordIndex(k), raw.getNumTexCoords());
                }
                if (face.containsNormalIndices()) {
                    checkIndex(file, f, "normal", "normals", face.getNormalIndex(k), raw.getNumNormals());
                }
            }
        }
    }

    private static void checkIndex(Path file, int face, String what, String whats, int index, int count) throws IOException {
        if (index < 0 || index >= count) {
            // The reader stores indices from 0; the file counts from 1.
            throw new IOException(faceLine(file, face) + "face " + (face + 1) + ": " + what + " index " + ((long) index + 1)
                    + " is out of range: the file has " + count + " " + (count == 1 ? what : whats));
        }
    }

    /** "line N: " for the first v, vt, vn or f line whose numbers do not parse, or "". */
    private static String malformedLine(Path file) {
        int line = firstLine(file, l -> {
            String[] t = l.strip().split("\\s+");
            try {
                for (int i = 1; i < t.length; i++) {
                    switch (t[0]) {
                        case "v", "vt", "vn" -> Float.parseFloat(t[i]);
                        case "f" -> {
                            for (String n : t[i].split("/")) {
                                if (!n.isEmpty()) {
                                    Integer.parseInt(n);
                                }
                            }
                        }
                        default -> { }
                    }
                }
                return false;
            } catch (NumberFormatException e) {
                return true;
            }
        });
        return line > 0 ? "line " + line + ": " : "";
    }

    /** "line N, " for the given face (the reader keeps no line numbers), or "". */
    private static String faceLine(Path file, int face) {
        int[] faces = {0};
        int line = firstLine(file, l -> {
            String s = l.stripLeading();
            return (s.startsWith("f ") || s.startsWith("f\t")) && faces[0]++ == face;
        });
        return line > 0 ? "line " + line + ", " : "";
    }

    /** The number (from 1) of the first line that matches, or 0; for messages only, so I/O errors give 0. */
    private static int firstLine(Path file, Predicate<String> match) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            int line = 0;
            for (String l; (l = r.readLine()) != null; ) {
                line++;
                if (match.test(l)) {
                    return line;
                }
            }
        } catch (IOException e) {
            // no line to name
        }
        return 0;
    }

    /** Area-weighted vertex normals (unnormalised: the transform to world space normalises them). */
    static void areaWeightedNormals(Mesh m, float[] nrm) {
        float[] p = m.positions();
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
            if (!Float.isFinite(nx) || !Float.isFinite(ny) || !Float.isFinite(nz)) {
                continue; // a triangle with a non-finite corner: refused later, must not poison its neighbours
            }
            for (int k : new int[] {a, b, c}) {
                nrm[k * 3] += nx;
                nrm[k * 3 + 1] += ny;
                nrm[k * 3 + 2] += nz;
            }
        }
    }
}
