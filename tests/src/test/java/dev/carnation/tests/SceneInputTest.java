package dev.carnation.tests;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.scene.MemoryBudget;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneException;
import dev.carnation.scene.SceneLoader;
import dev.carnation.scene.texture.Image;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scene-level refusals (pointer and reason) and repairs (with a count) that keep NaN and Inf out of the film. */
class SceneInputTest {
    @TempDir
    Path tmp;

    Scene load(String json, MemoryBudget budget) throws Exception {
        return SceneLoader.load(Files.writeString(tmp.resolve("s.json"), json), null, budget);
    }

    Scene load(String json) throws Exception {
        return load(json, MemoryBudget.ofHeap());
    }

    void refused(String json, String pointer, String words) {
        String m = assertThrows(SceneException.class, () -> load(json)).getMessage();
        assertTrue(m.startsWith(tmp.resolve("s.json") + ": " + pointer + ": "), m);
        assertTrue(m.contains(words), m);
    }

    static String sphere(String extra) {
        return Fixtures.SCENE.formatted("{\"type\": \"sphere\", \"radius\": 1, \"material\": \"m\"" + extra + "}");
    }

    static String light(String light) {
        return sphere("").replace("[{\"type\": \"environment\", \"radiance\": 1}]", "[" + light + "]");
    }

    @Test
    void lightLinkingNamesMustExist() throws Exception {
        String env = "{\"type\": \"environment\", \"radiance\": 1}";
        String named = sphere(", \"name\": \"ball\"");
        refused(named.replace(env, "{\"type\": \"environment\", \"radiance\": 1, \"light_linking\": {\"exclude\": [\"bal\"]}}"),
                "/lights/0/light_linking/exclude/0", "no object named \"bal\" (named objects: ball)");
        refused(named.replace(env, "{\"type\": \"environment\", \"radiance\": 1, \"light_linking\": {}}"),
                "/lights/0/light_linking", "give \"include\"");
        refused(sphere(", \"name\": \" \""), "/shapes/0/name", "must not be empty");
        refused(sphere(", \"light_linking\": {\"include\": []}"), "/shapes/0/light_linking", "does not emit");
        assertTrue(load(named.replace(env, "{\"type\": \"environment\", \"radiance\": 1, \"light_linking\": {\"exclude\": [\"ball\"]}}"))
                .links().active());
        assertFalse(load(named).links().active());
    }

    @Test
    void sampleCountsBeyondSixtyFourBitsAreRefused() {
        refused(sphere("").replace("\"materials\"", "\"render\": {\"spp\": 18446744073709551618}, \"materials\""),
                "/render/spp", "18446744073709551618 out of range");
    }

    @Test
    void meshesScaledOutOfTheWorldAreRefused() throws Exception {
        Files.writeString(tmp.resolve("big.obj"), "v 0 0 0\nv 1e30 0 0\nv 0 1e30 0\nf 1 2 3\n");
        String mesh = "{\"type\": \"mesh\", \"file\": \"big.obj\", \"material\": \"m\"";
        refused(Fixtures.SCENE.formatted(mesh + ", \"transform\": {\"scale\": 1e6}}"), "/shapes/0/transform", "outside the world");
        // Scaled into the world, a file in large units is fine; each instance is checked on its own.
        Files.writeString(tmp.resolve("big.obj"), "v 0 0 0\nv 1e9 0 0\nv 0 1e9 0\nf 1 2 3\n");
        assertEquals(1, load(Fixtures.SCENE.formatted(mesh + ", \"transform\": {\"scale\": 1e-4}}")).mesh().triangleCount());
        refused(Fixtures.SCENE.formatted(mesh + ", \"instances\": [{\"scale\": 1e-4}, {\"scale\": 1e-2}]}"),
                "/shapes/0/instances/1", "puts vertex 1 at 1.0E7 m, outside the world");
    }

    @Test
    void lightsMustBeFiniteInFloat() {
        String rect = "{\"type\": \"rectangle\", \"key\": true, \"position\": %s, \"look_at\": [0, 0, 0], \"size\": %s, \"radiance\": 5}";
        refused(light(rect.formatted("[0, 1e39, 1]", "[1, 1]")), "/lights/0/position/1", "single precision");
        refused(light(rect.formatted("[0, 2e6, 1]", "[1, 1]")), "/lights/0/position/1", "within ±1e6 m");
        refused(light(rect.formatted("[0, 1, 1]", "[1e39, 1]")), "/lights/0/size/0", "single precision");
        refused(light(rect.formatted("[0, 1, 1]", "[1e6, 1]")), "/lights/0/size", "<= 1e5 m");
    }

    @Test
    void aFillInStopsThatWouldOverflowIsRefused() {
        // A tiny, distant, grazing fill at +30 stops over a bright key needs an absurd radiance.
        String json = light("{\"type\": \"rectangle\", \"key\": true, \"position\": [0, 0, 2], \"look_at\": [0, 0, 0], \"size\": [1, 1], \"radiance\": 1e9},"
                + "{\"type\": \"disk\", \"position\": [9e5, 0, 0.001], \"look_at\": [0, 0, 0], \"radius\": 1e-4, \"stops\": 30}")
                .replace("\"shapes\"", "\"rig\": {\"target\": [0, 0, 0]}, \"shapes\"");
        refused(json, "/lights/1/stops", "beyond 1.0E12");
    }

    @Test
    void materialParametersThatOverflowAreRefused() {
        // Found by the fuzz test: a 1e-300 mm mean free path is an infinite extinction coefficient in float.
        refused(sphere("").replace("{\"type\": \"diffuse\"}", "{\"type\": \"skin\", \"mean_free_path_mm\": [3, 1e-300, 0.6]}"),
                "/materials/m/mean_free_path_mm", "each channel must be in [1.0E-6, 1e6] mm");
        refused(sphere("").replace("{\"type\": \"diffuse\"}",
                "{\"type\": \"skin\", \"sigma_a_per_mm\": [1, 1, 1], \"reduced_sigma_s_per_mm\": [1e30, 1, 1]}"),
                "/materials/m/sigma_a_per_mm", "at most 1000000.0 per mm");
        refused(sphere("").replace("{\"type\": \"diffuse\"}", "{\"type\": \"diffuse\", \"uv_scale\": [1, 1e30]}"),
                "/materials/m/uv_scale/1", "within ±10000");
    }

    @Test
    void invalidTexelsInEnvironmentsAreClearedWithACount() throws Exception {
        float[] rgba = new float[4 * 2 * 4];
        java.util.Arrays.fill(rgba, 0.5f);
        rgba[0] = -1;
        rgba[5] = Float.NaN;
        rgba[10] = Float.POSITIVE_INFINITY;
        rgba[12] = Float.NEGATIVE_INFINITY;
        Fixtures.exr(tmp.resolve("env.exr"), 4, 2, rgba);
        Scene s = load(sphere("").replace("\"radiance\": 1}", "\"file\": \"env.exr\"}"));
        assertEquals(List.of(tmp.resolve("s.json") + ": /lights/0/file: \"env.exr\": set 4 negative, NaN or infinite texel values to 0"),
                s.warnings());
        Image env = s.textures().images().get(s.environment().texture());
        for (float v : env.rgba()) {
            assertTrue(v >= 0 && Float.isFinite(v), "texel " + v);
        }
        assertEquals(0.5f, env.rgba()[1]);
    }

    @Test
    void flatRadianceEnvironmentsLoad() throws Exception {
        Files.write(tmp.resolve("flat.hdr"), Fixtures.hdrFlat(8, 4, Fixtures.hdrPixels(8, 4)));
        Scene s = load(sphere("").replace("\"radiance\": 1}", "\"file\": \"flat.hdr\"}"));
        assertEquals(8, s.textures().images().get(s.environment().texture()).width());
        assertEquals(List.of(), s.warnings());
    }

    @Test
    void sceneFilesThatAreNotTextAreRefused() throws Exception {
        Files.write(tmp.resolve("s.json"), new byte[] {'{', '"', (byte) 0xff, '"', '}'});
        String m = assertThrows(SceneException.class, () -> SceneLoader.load(tmp.resolve("s.json"), null)).getMessage();
        assertEquals(tmp.resolve("s.json") + ": cannot read scene file: not valid UTF-8 text (byte 0xff at offset 2)", m);
        Files.writeString(tmp.resolve("s.json"), " \n");
        m = assertThrows(SceneException.class, () -> SceneLoader.load(tmp.resolve("s.json"), null)).getMessage();
        assertEquals(tmp.resolve("s.json") + ": the scene file is empty", m);
    }

    @Test
    void tessellationsAndTexturesBeyondTheHeapAreRefusedBeforeAllocation() throws Exception {
        MemoryBudget small = new MemoryBudget(1L << 30);
        String big = sphere(", \"rings\": 4096, \"segments\": 8192");
        String m = assertThrows(SceneException.class, () -> load(big, small)).getMessage();
        assertTrue(m.startsWith(tmp.resolve("s.json") + ": /shapes/0: a sphere of 4096 x 8192 segments (67,108,864 triangles) needs about 22.5 GiB"), m);
        assertEquals(0, small.used(), "nothing reserved, nothing built");
        MemoryBudget tiny = new MemoryBudget(40L << 20);
        Fixtures.png(tmp.resolve("t.png"), 512, 512);
        String textured = sphere("").replace("\"diffuse\"", "\"diffuse\", \"base_color_texture\": \"t.png\"");
        m = assertThrows(SceneException.class, () -> load(textured, tiny)).getMessage();
        assertTrue(m.startsWith(tmp.resolve("s.json") + ": /materials/m/base_color_texture: \"t.png\" (512x512) needs about 9.0 MiB"), m);
        assertEquals(512, load(textured).textures().images().get(0).width());
    }
}
