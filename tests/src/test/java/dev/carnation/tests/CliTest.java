package dev.carnation.tests;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.cli.Carnation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CLI end to end, in-process: the default scene renders; every kind of bad input exits
 * non-zero with a one-line message naming the file and field, no stack trace, no output file.
 */
class CliTest {
    static final Path root = Path.of(System.getProperty("carnation.root", ".."));
    static final Path assets = Path.of(System.getProperty("carnation.assets", "../shared/assets"));

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Carnation.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void defaultSceneRendersWithAovs() throws Exception {
        Path out = tmp.resolve("gold.png");
        Run r = run("render", root.resolve("scenes/gold-studio.json").toString(), "--assets", assets.toString(),
                "--width", "64", "--height", "48", "--spp", "2", "--out", out.toString(), "--aov", "albedo,normal,depth,alpha", "-q");
        assertEquals(0, r.code, r.err);
        for (String f : List.of("gold.png", "gold.albedo.png", "gold.normal.png", "gold.depth.png", "gold.alpha.png")) {
            assertTrue(Files.size(tmp.resolve(f)) > 100, f);
        }
        var img = javax.imageio.ImageIO.read(out.toFile());
        assertEquals(64, img.getWidth());
        assertEquals(48, img.getHeight());
        assertFalse(Files.exists(tmp.resolve("gold.preview.png")));
    }

    @Test
    void floatOutputsAreWritten() throws Exception {
        for (String ext : List.of("exr", "pfm")) {
            Path out = tmp.resolve("cb." + ext);
            Run r = run("render", root.resolve("scenes/cornell-box.json").toString(), "--width", "16", "--height", "16",
                    "--spp", "1", "--out", out.toString(), "--aov", "depth", "-q");
            assertEquals(0, r.code, r.err);
            assertTrue(Files.size(out) > 16 * 16 * 12);
            assertTrue(Files.exists(tmp.resolve("cb.depth." + ext)));
        }
        // Our EXR must be readable by an independent reader (tinyexr).
        var img = dev.carnation.scene.texture.ImageFiles.read(tmp.resolve("cb.exr"), false);
        assertEquals(16, img.width());
    }

    @Test
    void adaptiveRenderReportsConvergence() throws Exception {
        Path out = tmp.resolve("ad.pfm");
        Run r = run("render", root.resolve("scenes/cornell-box.json").toString(), "--width", "16", "--height", "16",
                "--spp", "256", "--adaptive-threshold", "0.2", "--adaptive-min-spp", "4", "--out", out.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.err.contains("adaptive (threshold 0.2 after 4 spp)"), r.err);
        assertTrue(r.err.matches("(?s).*adaptive: \\d+ % of pixels converged.*"), r.err);
        Run bad = run("render", root.resolve("scenes/cornell-box.json").toString(), "--adaptive-min-spp", "1",
                "--out", tmp.resolve("x.png").toString());
        assertEquals(2, bad.code, bad.err);
        assertTrue(bad.err.contains("--adaptive-min-spp"), bad.err);
    }

    @Test
    void infoPrintsStatistics() {
        Run r = run("info", root.resolve("scenes/gold-studio.json").toString(), "--assets", assets.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("triangles"));
        assertTrue(r.out.contains("bvh"));
        assertTrue(r.out.contains("memory"));
    }

    @Test
    void helpOnEveryCommand() {
        // picocli reports a bad format string in a description on System.err itself.
        java.io.PrintStream realErr = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true));
        try {
            for (String c : List.of("", "render", "info", "devices", "parity", "bench")) {
                String[] a = c.isEmpty() ? new String[] {"--help"} : new String[] {c, "--help"};
                Run r = run(a);
                assertEquals(0, r.code);
                assertTrue(r.out.contains("Usage"), String.join(" ", a));
                assertFalse(r.out.contains("WARN") || r.err.contains("WARN"), r.out + r.err);
            }
        } finally {
            System.setErr(realErr);
        }
        assertEquals("", captured.toString(), "warnings while printing help");
    }

    @Test
    void noCommandPrintsUsageAndFails() {
        Run r = run();
        assertNotEquals(0, r.code);
        assertTrue(r.err.contains("Usage: carnation"), r.err);
    }

    @Test
    void renderHelpDefinesSppWithTime() {
        String help = run("render", "--help").out.replaceAll("\\s+", " ");
        assertTrue(help.contains("whichever limit comes first"), help);
        assertTrue(help.contains("--resume") && help.contains("--checkpoint") && help.contains("--every"), help);
    }

    @Test
    void sppAndTimeStopAtWhicheverComesFirst() throws Exception {
        String scene = root.resolve("scenes/cornell-box.json").toString();
        Path out = tmp.resolve("st.png");
        Run sppFirst = run("render", scene, "--width", "8", "--height", "8", "--spp", "3", "--time", "600", "--out", out.toString(), "-q");
        assertEquals(0, sppFirst.code, sppFirst.err);
        assertTrue(sppFirst.err.contains("3 spp or 600.0 s, whichever comes first"), sppFirst.err);
        assertTrue(sppFirst.err.contains("\n3 spp in "), sppFirst.err);
        Run timeFirst = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(120), () ->
                run("render", scene, "--width", "8", "--height", "8", "--spp", "1000000", "--time", "1", "--out", out.toString(), "-q"));
        assertEquals(0, timeFirst.code, timeFirst.err);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\n(\\d+) spp in ").matcher(timeFirst.err);
        assertTrue(m.find(), timeFirst.err);
        assertTrue(Integer.parseInt(m.group(1)) < 1000000, timeFirst.err);
    }

    @Test
    void progressOffATerminalIsPlainLines() {
        Run r = run("render", root.resolve("scenes/cornell-box.json").toString(), "--width", "8", "--height", "8",
                "--spp", "20", "--out", tmp.resolve("p.png").toString());
        assertEquals(0, r.code, r.err);
        assertFalse(r.err.contains("\r"), "carriage returns in a log: " + r.err);
        assertTrue(r.err.lines().anyMatch(l -> l.startsWith("progress: 100% 20/20 spp")), r.err);
    }

    static final String GOOD = """
            {"camera": {"position": [0, 0, 3], "look_at": [0, 0, 0]},
             "materials": {"m": {"type": "diffuse"}},
             "shapes": [%s],
             "lights": [{"type": "environment", "radiance": 1}]}
            """;

    static Stream<Arguments> badScenes() {
        List<Arguments> a = new ArrayList<>();
        a.add(Arguments.of("malformed JSON", "{\"camera\": {", "line"));
        a.add(Arguments.of("unknown key", GOOD.replace("\"look_at\"", "\"focal_lenght_mm\": 50, \"look_at\"").formatted(""), "/camera/focal_lenght_mm"));
        a.add(Arguments.of("wrong type", GOOD.replace("[0, 0, 3]", "\"here\"").formatted(""), "/camera/position"));
        a.add(Arguments.of("unknown type", GOOD.formatted("{\"type\": \"teapot\", \"material\": \"m\"}"), "/shapes/0/type"));
        a.add(Arguments.of("unknown material", GOOD.formatted("{\"type\": \"sphere\", \"radius\": 1, \"material\": \"gold\"}"), "/shapes/0/material"));
        a.add(Arguments.of("negative size", GOOD.formatted("{\"type\": \"sphere\", \"radius\": -1, \"material\": \"m\"}"), "/shapes/0/radius"));
        a.add(Arguments.of("absurd size", GOOD.formatted("{\"type\": \"sphere\", \"radius\": 1e12, \"material\": \"m\"}"), "/shapes/0/radius"));
        a.add(Arguments.of("absurd spp", GOOD.replace("\"materials\"", "\"render\": {\"spp\": -5}, \"materials\"").formatted(""), "/render/spp"));
        a.add(Arguments.of("missing mesh", GOOD.formatted("{\"type\": \"mesh\", \"file\": \"nowhere.glb\", \"material\": \"m\"}"), "/shapes/0/file"));
        a.add(Arguments.of("missing texture", GOOD.replace("\"diffuse\"", "\"diffuse\", \"base_color_texture\": \"no.png\"").formatted(""), "/materials/m/base_color_texture"));
        a.add(Arguments.of("unreadable texture", GOOD.replace("\"diffuse\"", "\"diffuse\", \"base_color_texture\": \"garbage.png\"").formatted(""), "garbage.png"));
        a.add(Arguments.of("NaN mesh", GOOD.formatted("{\"type\": \"mesh\", \"file\": \"nan.obj\", \"material\": \"m\"}"), "non-finite"));
        a.add(Arguments.of("colour out of range", GOOD.replace("\"diffuse\"", "\"diffuse\", \"base_color\": [2, 0, 0]").formatted(""), "/materials/m/base_color"));
        a.add(Arguments.of("no camera", "{\"shapes\": []}", "/camera"));
        a.add(Arguments.of("unknown name in light linking", GOOD.replace("\"radiance\": 1}", "\"radiance\": 1, \"light_linking\": {\"exclude\": [\"bal\"]}}")
                .formatted("{\"name\": \"ball\", \"type\": \"sphere\", \"radius\": 1, \"material\": \"m\"}"), "/lights/0/light_linking/exclude/0"));
        a.add(Arguments.of("unknown name in shadow linking", GOOD.replace("\"radiance\": 1}", "\"radiance\": 1, \"shadow_linking\": {\"include\": [\"x\"]}}")
                .formatted(""), "/lights/0/shadow_linking/include/0"));
        return a.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badScenes")
    void badSceneFails(String what, String json, String mustMention) throws Exception {
        Path scene = tmp.resolve("bad.json");
        Files.writeString(scene, json);
        Files.writeString(tmp.resolve("garbage.png"), "this is not an image");
        Files.writeString(tmp.resolve("nan.obj"), "v 0 0 0\nv 1 0 0\nv NaN 1 0\nf 1 2 3\n");
        Path out = tmp.resolve("out.png");
        Run r = run("render", scene.toString(), "--out", out.toString(), "--spp", "1", "--width", "8", "--height", "8", "-q");
        assertEquals(2, r.code, what + ": " + r.err);
        assertOneLineError(r.err, "bad.json", mustMention);
        assertFalse(Files.exists(out), "no output file on failure");
    }

    @Test
    void degenerateTrianglesAreDroppedWithAWarning() throws Exception {
        Files.writeString(tmp.resolve("degen.obj"), "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 2 0 0\nf 1 2 3\nf 1 2 4\n");
        Path scene = tmp.resolve("degen.json");
        Files.writeString(scene, GOOD.formatted("{\"type\": \"mesh\", \"file\": \"degen.obj\", \"material\": \"m\"}"));
        Path out = tmp.resolve("d.png");
        Run r = run("render", scene.toString(), "--out", out.toString(), "--spp", "1", "--width", "8", "--height", "8", "-q");
        assertEquals(0, r.code, r.err);
        assertTrue(r.err.contains("warning:") && r.err.contains("dropped 1 degenerate triangle"), r.err);
        assertTrue(Files.exists(out));
    }

    @Test
    void badOptionsFail() {
        String scene = root.resolve("scenes/cornell-box.json").toString();
        Object[][] cases = {
            {new String[] {"render", scene, "--spp", "0"}, "--spp"},
            {new String[] {"render", scene, "--width", "-3"}, "--width"},
            {new String[] {"render", scene, "--out", tmp.resolve("x.bmp").toString()}, "--out"},
            {new String[] {"render", scene, "--aov", "shadows"}, "--aov"},
            {new String[] {"render", scene, "--spp", "many"}, "--spp"},
            {new String[] {"render", tmp.resolve("missing.json").toString()}, "missing.json"},
            {new String[] {"render", scene, "--exposure", "NaN"}, "--exposure"},
            {new String[] {"render", scene, "--exposure", "Infinity"}, "--exposure"},
            {new String[] {"render", scene, "--exposure", "1e6"}, "--exposure"},
            {new String[] {"render", scene, "--every", "10"}, "--every"},
            {new String[] {"render", scene, "--checkpoint", tmp.resolve("c").toString(), "--every", "0"}, "--every"},
            {new String[] {"render", scene, "--preview-every", "NaN"}, "--preview-every"},
            {new String[] {"render", scene, "--resume", tmp.resolve("none.ckpt").toString()}, "none.ckpt: no such file"},
        };
        for (Object[] c : cases) {
            Run r = run((String[]) c[0]);
            assertEquals(2, r.code, String.join(" ", (String[]) c[0]) + ": " + r.err);
            assertTrue(r.err.contains((String) c[1]), r.err);
            assertFalse(r.err.contains("\tat "), "stack trace printed: " + r.err);
            assertFalse(r.err.contains("rendering"), "rendered before refusing: " + r.err);
        }
    }

    static void assertOneLineError(String err, String file, String field) {
        List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "expected one line, got:\n" + err);
        String l = lines.get(0);
        assertTrue(l.startsWith("error: "), l);
        assertTrue(l.contains(file), "message does not name the file: " + l);
        assertTrue(l.contains(field), "message does not name " + field + ": " + l);
    }

    @Test
    void backendsWithoutTornadoVm() throws Exception {
        Run devices = run("devices");
        assertEquals(0, devices.code, devices.err);
        assertTrue(devices.out.contains("jvm"), devices.out);
        String scene = root.resolve("scenes/cornell-box.json").toString();
        Path out = tmp.resolve("t.png");
        Run tornado = run("render", scene, "--backend", "tornado", "--out", out.toString(), "-q");
        assertNotEquals(0, tornado.code);
        assertOneLineError(tornado.err, "--backend tornado", "TORNADOVM_HOME");
        assertFalse(Files.exists(out));
        // Refused before the scene is read: the missing scene is not what the message is about.
        Run early = run("render", tmp.resolve("missing.json").toString(), "--backend", "tornado", "-q");
        assertNotEquals(0, early.code);
        assertOneLineError(early.err, "--backend tornado", "TORNADOVM_HOME");
        Run parity = run("parity", scene);
        assertNotEquals(0, parity.code);
        assertTrue(parity.err.contains("TornadoVM is not available"), parity.err);
        Run auto = run("render", scene, "--backend", "auto", "--spp", "1", "--width", "8", "--height", "8", "--out", out.toString(), "-q");
        assertEquals(0, auto.code, auto.err);
        assertTrue(auto.err.contains("auto: TornadoVM not installed, using the JVM"), auto.err);
    }

    @Test
    void devicesRenderBlocksOnAGroupWithTheSameImage() throws Exception {
        String scene = root.resolve("scenes/cornell-box.json").toString();
        Path one = tmp.resolve("one.exr");
        Path group = tmp.resolve("group.exr");
        List<String> common = List.of("--spp", "20", "--width", "12", "--height", "10", "-q");
        List<String> a = new java.util.ArrayList<>(List.of("render", scene, "--threads", "2", "--out", one.toString()));
        a.addAll(common);
        Run single = run(a.toArray(String[]::new));
        assertEquals(0, single.code, single.err);
        List<String> b = new java.util.ArrayList<>(List.of("render", scene, "--devices", "jvm", "--threads", "1", "--out", group.toString()));
        b.addAll(common);
        Run grouped = run(b.toArray(String[]::new));
        assertEquals(0, grouped.code, grouped.err);
        assertTrue(grouped.err.contains("group of 1"), grouped.err);
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(group), "same pixels through a group");
        Run twice = run("render", scene, "--devices", "jvm,jvm", "-q");
        assertNotEquals(0, twice.code);
        assertOneLineError(twice.err, "--devices", "listed twice");
        Run gpu = run("render", scene, "--devices", "jvm,tornado:0:0", "-q");
        assertNotEquals(0, gpu.code);
        assertOneLineError(gpu.err, "--device", "TORNADOVM_HOME");
        Run all = run("render", scene, "--devices", "all", "-q");
        assertNotEquals(0, all.code);
        assertOneLineError(all.err, "--devices all", "TORNADOVM_HOME");
    }

    @Test
    void tileRowsRenderTheSameImageBandByBand() throws Exception {
        String scene = root.resolve("scenes/cornell-box.json").toString();
        Path whole = tmp.resolve("whole.exr");
        Path tiled = tmp.resolve("tiled.exr");
        Run a = run("render", scene, "--spp", "18", "--width", "12", "--height", "11", "--aov", "alpha", "-q", "--out", whole.toString());
        assertEquals(0, a.code, a.err);
        Run b = run("render", scene, "--spp", "18", "--width", "12", "--height", "11", "--aov", "alpha", "-q", "--out", tiled.toString(),
                "--tile-rows", "4");
        assertEquals(0, b.code, b.err);
        assertTrue(b.err.contains("in bands of 4 rows"), b.err);
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(tiled));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("whole.alpha.exr")), Files.readAllBytes(tmp.resolve("tiled.alpha.exr")));
        Run timed = run("render", scene, "--tile-rows", "4", "--time", "3", "-q");
        assertNotEquals(0, timed.code);
        assertOneLineError(timed.err, "--tile-rows", "--time");
    }

    @Test
    void verboseRenderSaysWhereStartUpWent() throws Exception {
        String scene = root.resolve("scenes/cornell-box.json").toString();
        Path json = tmp.resolve("timings.json");
        for (int i = 0; i < 2; i++) { // twice in one JVM: the second table is its own, not a sum
            Run r = run("render", scene, "--backend", "jvm", "--spp", "1", "--width", "8", "--height", "8",
                    "--out", tmp.resolve("v.png").toString(), "-q", "-v", "--timings", json.toString());
            assertEquals(0, r.code, r.err);
            String line = r.err.lines().filter(l -> l.startsWith("start-up:")).findFirst().orElse("");
            for (String phase : List.of("backend init", "scene parse", "bvh", "pack", "backend prepare", "first pass")) {
                assertTrue(line.contains(phase + " "), phase + " in: " + line);
            }
            String text = Files.readString(json);
            assertTrue(text.contains("\"phases\"") && text.contains("\"first pass\"") && text.contains("cornell-box.json"), text);
            assertEquals(1, text.split("\"first pass\"", -1).length - 1, text);
        }
        Run quiet = run("render", scene, "--backend", "jvm", "--spp", "1", "--width", "8", "--height", "8",
                "--out", tmp.resolve("q.png").toString(), "-q");
        assertFalse(quiet.err.contains("start-up:"), quiet.err);
    }
}
