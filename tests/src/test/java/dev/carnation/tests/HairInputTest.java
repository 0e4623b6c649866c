package dev.carnation.tests;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.scene.MemoryBudget;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.SceneException;
import dev.carnation.scene.SceneLoader;
import dev.carnation.scene.hair.HairFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grooms and .hair files in scene files: what loads, and the one-line refusals of what does not. */
class HairInputTest {
    @TempDir
    Path tmp;

    static final String SPHERE = "{\"type\": \"sphere\", \"radius\": 0.05, \"material\": \"m\", \"rings\": 16, \"segments\": 32, \"grooms\": [%s]}";

    Scene load(String json) throws Exception {
        return SceneLoader.load(Files.writeString(tmp.resolve("s.json"), json), tmp, MemoryBudget.ofHeap());
    }

    static String groom(String fields) {
        return Fixtures.SCENE.formatted(SPHERE.formatted("{\"material\": \"m\"" + fields + "}"))
                .replace("\"materials\": {", "\"materials\": {\"glow\": {\"type\": \"diffuse\", \"emission\": 1}, ");
    }

    void refused(String json, String pointer, String words) {
        String m = assertThrows(SceneException.class, () -> load(json)).getMessage();
        assertTrue(m.startsWith(tmp.resolve("s.json") + ": " + pointer + ": "), m);
        assertTrue(m.contains(words), m);
        assertEquals(1, m.lines().count(), m);
    }

    @Test
    void groomsAndHairFilesLoad() throws Exception {
        Scene s = load(groom(", \"preset\": \"eyebrows\", \"density_per_cm2\": 20, \"uv_box\": [0, 0.5, 1, 1], \"seed\": 4"));
        // A hemisphere of a 5 cm sphere: 157 cm² x 20.
        assertEquals(3140, s.strands().strandCount(), 0.03 * 3140);
        assertTrue(SceneBuffers.pack(s).curveSegments() > s.strands().strandCount());
        HairFile.write(tmp.resolve("a.hair"), new HairFile.Model(new int[] {0, 4}, new float[] {0, 0, 0, 1, 0, 0, 2, 1, 0, 3, 1, 1},
                new float[] {0.1f, 0.1f, 0.1f, 0.05f}), "test");
        Scene h = load(Fixtures.SCENE.formatted("{\"type\": \"hair\", \"file\": \"a.hair\", \"material\": \"m\", "
                + "\"transform\": {\"scale\": 0.01}, \"instances\": [{}, {\"translate\": [0, 0.1, 0]}]}"));
        assertEquals(2, h.strands().strandCount());
        assertEquals(0.001f, h.strands().radii()[0], 1e-9f);
        assertEquals(0.11f, h.strands().positions()[4 * 3 + 7], 1e-6f);
    }

    @Test
    void badGroomFieldsAreRefused() {
        refused(groom(", \"preset\": \"mohawk\""), "/shapes/0/grooms/0/preset", "unknown value \"mohawk\"");
        refused(groom(", \"radius_um\": [40, 0]"), "/shapes/0/grooms/0/radius_um", "in [1, 2000]");
        refused(groom(", \"density_per_cm2\": -3"), "/shapes/0/grooms/0/density_per_cm2", "must be > 0");
        refused(groom(", \"density_per_cm2\": 19000, \"preset\": \"vellus\"").replace("\"radius\": 0.05", "\"radius\": 1"),
                "/shapes/0/grooms/0/density_per_cm2", "more than the 5,000,000 one groom may grow");
        refused(groom(", \"uv_box\": [0.5, 0, 0.2, 1]"), "/shapes/0/grooms/0/uv_box", "min <= max");
        refused(groom(", \"bounds\": {\"min\": [0, 0, 0], \"max\": [1, -1, 1]}"), "/shapes/0/grooms/0/bounds/max", "at least min");
        refused(groom(", \"mask\": \"none.png\""), "/shapes/0/grooms/0/mask", "none.png");
        refused(groom(", \"points\": 1"), "/shapes/0/grooms/0/points", "at least 2 points");
        refused(groom(", \"curl\": 3"), "/shapes/0/grooms/0/curl", "unknown field");
        refused(groom(", \"gravity\": 2"), "/shapes/0/grooms/0/gravity", "out of range");
        refused(groom("").replace("{\"material\": \"m\"}", "{\"material\": \"glow\"}"), "/shapes/0/grooms/0/material",
                "hair cannot use \"glow\"");
        refused(groom("").replace("{\"material\": \"m\"}", "{\"material\": \"nope\"}"), "/shapes/0/grooms/0/material",
                "no material named \"nope\"");
    }

    @Test
    void aHairMaterialOnASurfaceIsRefused() throws Exception {
        String fur = "\"materials\": {\"fur\": {\"type\": \"hair\", \"melanin\": 2}, ";
        refused(Fixtures.SCENE.formatted("{\"type\": \"sphere\", \"radius\": 0.05, \"material\": \"fur\"}")
                .replace("\"materials\": {", fur), "/shapes/0/material", "\"fur\" is a hair material: it shades strands");
        refused(Fixtures.SCENE.formatted("{\"type\": \"box\", \"size\": [0.1, 0.1, 0.1], \"material\": \"fur\"}")
                .replace("\"materials\": {", fur), "/shapes/0/material", "not the surface of a box");
        // The same material on the strands grown from a surface is what it is for.
        Scene s = load(groom(", \"preset\": \"stubble\", \"density_per_cm2\": 2").replace("{\"material\": \"m\"", "{\"material\": \"fur\"")
                .replace("\"materials\": {", fur));
        assertTrue(s.strands().strandCount() > 0);
    }

    @Test
    void badHairFilesAreRefusedNamingTheFile() throws Exception {
        Files.write(tmp.resolve("bad.hair"), new byte[] {'H', 'A', 'I', 'R', 1, 0, 0, 0});
        refused(Fixtures.SCENE.formatted("{\"type\": \"hair\", \"file\": \"bad.hair\", \"material\": \"m\"}"), "/shapes/0/file",
                "\"bad.hair\": not a .hair file: 8 bytes");
        refused(Fixtures.SCENE.formatted("{\"type\": \"hair\", \"file\": \"missing.hair\", \"material\": \"m\"}"), "/shapes/0/file",
                "missing.hair");
        HairFile.write(tmp.resolve("far.hair"), new HairFile.Model(new int[] {0, 2}, new float[] {0, 0, 0, 1e5f, 0, 0},
                new float[] {1, 1}), "");
        refused(Fixtures.SCENE.formatted("{\"type\": \"hair\", \"file\": \"far.hair\", \"material\": \"m\", \"transform\": {\"scale\": 100}}"),
                "/shapes/0/transform", "outside the world");
        refused(Fixtures.SCENE.formatted("{\"type\": \"hair\", \"file\": \"far.hair\", \"material\": \"m\", \"radius_um\": 0}"),
                "/shapes/0/radius_um", "must be > 0");
    }

    @Test
    void theCliExitsTwoOnABadHairFile() throws Exception {
        Files.write(tmp.resolve("bad.hair"), new byte[200]);
        Path scene = Files.writeString(tmp.resolve("s.json"),
                Fixtures.SCENE.formatted("{\"type\": \"hair\", \"file\": \"bad.hair\", \"material\": \"m\"}"));
        CliTest.Run r = CliTest.run("render", scene.toString(), "--out", tmp.resolve("o.png").toString(), "-q");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: " + scene + ": /shapes/0/file: \"bad.hair\": not a .hair file"), r.err());
        assertFalse(r.err().contains("\tat "));
        assertFalse(Files.exists(tmp.resolve("o.png")));
    }
}
