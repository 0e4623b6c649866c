package dev.carnation.tests;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneException;
import dev.carnation.scene.SceneLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupt meshes are reported by file, primitive or face, and index; repairable defects are repaired with a count. */
class MeshInputTest {
    @TempDir
    Path tmp;

    Scene load(String meshFile) throws Exception {
        return SceneLoader.load(Files.writeString(tmp.resolve("s.json"), Fixtures.mesh(meshFile)), null);
    }

    String refusal(String meshFile) {
        String m = assertThrows(SceneException.class, () -> load(meshFile)).getMessage();
        assertTrue(m.startsWith(tmp.resolve("s.json") + ": /shapes/0/file: cannot read \"" + meshFile + "\": "), m);
        assertEquals(1, m.lines().count(), m);
        return m;
    }

    static void assertEnds(String end, String message) {
        assertTrue(message.endsWith(end), message);
    }

    @Test
    void outOfRangeGltfIndicesNameThePrimitiveAndIndex() throws Exception {
        int[] bad = {0, 1, 2, 0, 2, 3000};
        for (boolean binary : new boolean[] {true, false}) {
            Path f = Fixtures.gltf(tmp, "quad" + binary, binary, Fixtures.QUAD_POSITIONS, Fixtures.QUAD_NORMALS, Fixtures.QUAD_UVS, bad);
            String m = refusal(f.getFileName().toString());
            assertEnds("mesh 0 primitive 0: index 3000 (element 5 of the indices) is out of range: the primitive has 4 vertices", m);
        }
    }

    @Test
    void outOfRangeObjIndicesNameTheLineAndFace() throws Exception {
        Files.writeString(tmp.resolve("v.obj"), Fixtures.OBJ.replace("f 1/1/1 3/3/1 4/4/1", "f 1/1/1 3/3/1 3000/4/1"));
        assertEnds("line 12, face 2: vertex index 3000 is out of range: the file has 4 vertices", refusal("v.obj"));
        Files.writeString(tmp.resolve("t.obj"), Fixtures.OBJ.replace("f 1/1/1 2/2/1", "f 1/9/1 2/2/1"));
        assertEnds("line 11, face 1: texture coordinate index 9 is out of range: the file has 4 texture coordinates", refusal("t.obj"));
        Files.writeString(tmp.resolve("p.obj"), Fixtures.OBJ.replace("v 1 1 0", "v 1 p 0"));
        assertEnds("line 4: malformed OBJ data (a number or index cannot be read)", refusal("p.obj"));
        Files.writeString(tmp.resolve("n.obj"), Fixtures.OBJ.replace("3/3/1 4/4/1", "3/3/1 4/4/2"));
        assertEnds("line 12, face 2: normal index 2 is out of range: the file has 1 normal", refusal("n.obj"));
    }

    @Test
    void nanNormalsAreRecomputedWithAWarning() throws Exception {
        float[] normals = Fixtures.QUAD_NORMALS.clone();
        normals[3] = Float.NaN;
        normals[9] = 0;
        normals[10] = 0;
        normals[11] = 0;
        float[] uvs = Fixtures.QUAD_UVS.clone();
        uvs[0] = Float.POSITIVE_INFINITY;
        uvs[3] = 2e4f; // beyond ±1e4, where the kernel's texel arithmetic loses its int range once scaled
        Fixtures.gltf(tmp, "nan", true, Fixtures.QUAD_POSITIONS, normals, uvs, Fixtures.QUAD_INDICES);
        Scene s = load("nan.glb");
        assertEquals(List.of(tmp.resolve("s.json") + ": /shapes/0/file: \"nan.glb\": recomputed 2 non-finite or zero normals"
                + " from the geometry, set 2 non-finite or out-of-range texture coordinates to 0 (they must be within ±1e4)"), s.warnings());
        float[] n = s.mesh().normals();
        for (int v = 0; v < s.mesh().vertexCount(); v++) {
            // The quad faces +z: the recomputed normals agree with the file's good ones.
            assertArrayEquals(new float[] {0, 0, 1}, Arrays.copyOfRange(n, v * 3, v * 3 + 3), 1e-6f, "vertex " + v);
        }
        for (int i = 0; i < s.mesh().vertexCount() * 2; i++) {
            assertTrue(Float.isFinite(s.mesh().uvs()[i]));
        }
    }

    @Test
    void aMissingExternalBufferIsOneLineAndTheLibraryStaysQuiet() throws Exception {
        Path f = Fixtures.gltf(tmp, "ext", false, Fixtures.QUAD_POSITIONS, Fixtures.QUAD_NORMALS, Fixtures.QUAD_UVS, Fixtures.QUAD_INDICES);
        assertEquals(4, load("ext.gltf").mesh().vertexCount(), "the fixture is valid");
        Files.delete(tmp.resolve("ext.bin"));
        List<LogRecord> logged = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(h);
        try {
            assertEnds("buffer 0 \"ext.bin\" not found next to the file", refusal(f.getFileName().toString()));
        } finally {
            root.removeHandler(h);
        }
        assertEquals(List.of(), logged.stream().map(LogRecord::getMessage).toList());
    }

    @Test
    void imagesInsideMeshFilesAreNotNeeded() throws Exception {
        // Textures come from the scene file: a glTF's own images, even missing ones, are not read.
        Path f = Fixtures.gltf(tmp, "img", false, Fixtures.QUAD_POSITIONS, Fixtures.QUAD_NORMALS, Fixtures.QUAD_UVS, Fixtures.QUAD_INDICES);
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile());
        json.putArray("images").addObject().put("uri", "missing.png");
        json.putArray("textures").addObject().put("source", 0);
        json.putArray("materials").addObject().putObject("pbrMetallicRoughness").putObject("baseColorTexture").put("index", 0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("meshes").get(0).get("primitives").get(0)).put("material", 0);
        Files.writeString(f, json.toString());
        Scene s = load("img.gltf");
        assertEquals(2, s.mesh().triangleCount());
        assertEquals(List.of(), s.warnings());
    }

    @Test
    void truncatedBuffersAndForeignFilesAreCorruption() throws Exception {
        Path f = Fixtures.gltf(tmp, "cut", false, Fixtures.QUAD_POSITIONS, Fixtures.QUAD_NORMALS, Fixtures.QUAD_UVS, Fixtures.QUAD_INDICES);
        byte[] bin = Files.readAllBytes(tmp.resolve("cut.bin"));
        Files.write(tmp.resolve("cut.bin"), Arrays.copyOf(bin, 20));
        assertEnds("buffer 0 holds 20 bytes of the " + bin.length + " it declares (truncated or corrupt file)",
                refusal(f.getFileName().toString()));
        // A consistent buffer with an accessor reading past its view.
        Files.write(tmp.resolve("cut.bin"), bin);
        Files.writeString(f, Files.readString(f).replaceFirst("\"count\":4", "\"count\":40"));
        assertEnds("accessor 0 reads past the end of buffer view 0 (truncated or corrupt file)",
                refusal(f.getFileName().toString()));
        Files.writeString(tmp.resolve("hello.gltf"), "hello");
        assertTrue(refusal("hello.gltf").contains("not valid glTF JSON: Unrecognized token 'hello'"));
        for (String json : new String[] {"null", "[]", "{}", "{\"asset\": 5}", "{\"meshes\": [{\"primitives\": [{\"attributes\": {\"POSITION\": 7}}]}]}"}) {
            Files.writeString(tmp.resolve("odd.gltf"), json);
            String m = assertThrows(SceneException.class, () -> load("odd.gltf"), json).getMessage();
            assertFalse(m.contains("Exception") || m.contains("may not be null") || m.contains("java."), m);
            assertEquals(1, m.lines().count(), m);
        }
    }
}
