package dev.carnation.tests;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.carnation.scene.MemoryBudget;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.SceneException;
import dev.carnation.scene.SceneLoader;
import dev.carnation.scene.hair.HairFile;
import dev.carnation.scene.material.Material;
import dev.carnation.scene.texture.Image;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random bytes and mutations of valid scenes (JSON), meshes (OBJ, glTF, glb), hair (.hair) and images (PNG,
 * HDR, EXR) are either loaded or refused with the project's one-line SceneException: never
 * another exception, a stack trace, a class name in the message, or a non-finite or out-of-world
 * value in what the renderer is given. Through the CLI: exit 0 with an image, or exit 2 with one
 * line and no output file.
 *
 * <p>Deterministic: case i uses Random(SEED + i), so a failure names the case that reproduces it.
 */
class InputFuzzTest {
    static final long SEED = 0x8badf00dL;
    /** -Dcarnation.fuzz.cases=N runs a longer campaign (the CLI cases follow the loader's). */
    static final int LOADER_CASES = Integer.getInteger("carnation.fuzz.cases", 2000);
    static final int CLI_CASES = 60;
    /** Small on purpose: mutated counts then end in a quick refusal rather than a slow tessellation. */
    static final long BUDGET = 64L << 20;

    @TempDir
    static Path dir;

    static Path seeds;
    static final Map<String, byte[]> SEEDS = new java.util.LinkedHashMap<>();
    static final ObjectMapper JSON = new ObjectMapper();

    /** A scene that touches every loader: meshes, textures, all shape and light kinds, the rig, transforms. */
    static final String RICH = """
            {"description": "fuzz seed",
             "camera": {"position": [0, 0.5, 3], "look_at": [0, 0, 0], "up": [0, 1, 0], "focal_length_mm": 50,
                        "sensor_mm": [36, 24], "f_number": 2.8, "focus_on": [0, 0, 0]},
             "render": {"width": 8, "height": 6, "spp": 2, "max_depth": 4, "rr_depth": 2, "seed": 3, "clamp": 10,
                        "exposure": 0.5, "tonemap": "agx"},
             "materials": {
               "tex": {"type": "diffuse", "base_color_texture": "tex.png", "roughness_texture": "tex.png", "uv_scale": [2, 2]},
               "gold": {"type": "conductor", "preset": "gold", "roughness": 0.3, "anisotropy": 0.2},
               "nk": {"type": "conductor", "n": [0.2, 0.4, 1.2], "k": [3, 2.5, 2]},
               "glass": {"type": "dielectric", "ior": 1.5, "roughness": 0.1, "priority": 1},
               "skin": {"type": "skin", "base_color": [0.8, 0.5, 0.4], "mean_free_path_mm": [3, 1.2, 0.6]},
               "glow": {"type": "diffuse", "emission": [2, 2, 2], "two_sided": true}
             },
             "shapes": [
               {"type": "mesh", "file": "quad.obj", "material": "tex", "transform": {"translate": [0, 0, -1], "rotate_deg": [0, 30, 0], "scale": 2}},
               {"type": "mesh", "file": "quad.glb", "material": "gold", "instances": [{"translate": [1, 0, 0]},
                 {"matrix": [1, 0, 0, -1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]}]},
               {"type": "mesh", "file": "quad.gltf", "material": "nk", "flip_v": true},
               {"type": "sphere", "radius": 0.3, "material": "glass", "rings": 8, "segments": 16,
                "grooms": [{"preset": "stubble", "material": "gold", "density_per_cm2": 0.05, "seed": 2, "uv_box": [0, 0, 1, 0.8],
                            "bounds": {"min": [-1, -1, -1], "max": [1, 1, 1]}, "mask": "tex.png", "radius_um": [40, 20],
                            "length_mm": 3, "comb": 0.5, "direction": [0, -1, 0], "curl_radius_mm": 0.2, "curl_period_mm": 2,
                            "clumps_per_cm2": 0.01, "clumping": 0.3, "gravity": 0.2, "randomness": 0.4, "points": 6}]},
               {"type": "hair", "file": "strands.hair", "material": "nk", "transform": {"scale": 0.01}, "radius_um": 50},
               {"type": "torus", "major_radius": 0.4, "minor_radius": 0.1, "material": "skin", "major_segments": 12, "minor_segments": 6},
               {"type": "box", "size": [4, 4, 4], "material": "tex", "inward": true},
               {"type": "disk", "radius": 0.2, "material": "glow", "segments": 12, "transform": {"translate": [0, 1.5, 0]}},
               {"type": "rectangle", "size": [0.5, 0.5], "material": "gold"},
               {"type": "cyclorama", "material": "tex", "width": 3, "floor_depth": 1, "wall_height": 1, "cove_radius": 0.3, "segments": 6}
             ],
             "rig": {"target": [0, 0, 0]},
             "lights": [
               {"type": "rectangle", "key": true, "position": [-1, 1, 1], "look_at": [0, 0, 0], "size": [0.5, 0.5], "radiance": 5},
               {"type": "disk", "position": [1, 1, 1], "look_at": [0, 0, 0], "radius": 0.2, "stops": -1, "color": [1, 0.9, 0.8]},
               {"type": "sphere", "position": [0, 2, 0], "radius": 0.1, "radiance": 2},
               {"type": "environment", "file": "env.hdr", "intensity": 0.5, "rotation_deg": 30}
             ]}
            """;

    @BeforeAll
    static void seeds() throws IOException {
        seeds = Files.createDirectory(dir.resolve("seeds"));
        Files.writeString(seeds.resolve("quad.obj"), Fixtures.OBJ);
        Fixtures.gltf(seeds, "quad", true, Fixtures.QUAD_POSITIONS, Fixtures.QUAD_NORMALS, Fixtures.QUAD_UVS, Fixtures.QUAD_INDICES);
        Fixtures.gltf(seeds, "quad", false, Fixtures.QUAD_POSITIONS, null, Fixtures.QUAD_UVS, Fixtures.QUAD_INDICES);
        Fixtures.png(seeds.resolve("tex.png"), 8, 8);
        Files.write(seeds.resolve("env.hdr"), Fixtures.hdrRle(16, 8, Fixtures.hdrPixels(16, 8)));
        Files.write(seeds.resolve("flat.hdr"), Fixtures.hdrFlat(4, 2, Fixtures.hdrPixels(4, 2)));
        float[] rgba = new float[8 * 4 * 4];
        for (int i = 0; i < rgba.length; i++) {
            rgba[i] = (i % 7) * 0.25f;
        }
        Fixtures.exr(seeds.resolve("env.exr"), 8, 4, rgba);
        Files.writeString(seeds.resolve("rich.json"), RICH);
        HairFile.write(seeds.resolve("strands.hair"), new HairFile.Model(new int[] {0, 3, 7},
                new float[] {0, 0, 0, 1, 0, 0, 2, 1, 0, 0, 1, 0, 0, 2, 0, 1, 3, 0, 1, 3, 1}, new float[] {1, 1, 0.5f, 1, 1, 1, 0.2f}), "fuzz");
        Files.copy(Fixtures.ROOT.resolve("scenes/cornell-box.json"), seeds.resolve("cornell-box.json"));
        Files.copy(Fixtures.ROOT.resolve("scenes/gold-studio.json"), seeds.resolve("gold-studio.json"));
        try (var files = Files.list(seeds)) {
            for (Path p : files.sorted().toList()) {
                SEEDS.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
    }

    /** One case: the files it changes (name to bytes) and the scene to load. */
    record Case(int index, String what, Map<String, byte[]> files, String scene) {}

    @Test
    void loaderNeverFailsUncleanly() throws Exception {
        Path work = workspace("loader");
        List<String> failures = new ArrayList<>();
        int loaded = 0;
        for (int i = 0; i < LOADER_CASES; i++) {
            Case c = generate(i);
            stage(work, c);
            try {
                Scene s = SceneLoader.load(work.resolve(c.scene), work, new MemoryBudget(BUDGET));
                String bad = nonFinite(s);
                if (bad != null) {
                    failures.add(failed(c, bad));
                }
                SceneBuffers.pack(s);
                loaded++;
            } catch (SceneException e) {
                String bad = unclean(e.getMessage());
                if (bad != null) {
                    failures.add(failed(c, bad + ": " + e.getMessage()));
                }
            } catch (Throwable t) {
                failures.add(failed(c, t.toString()));
            }
            unstage(work, c);
            if (failures.size() >= 40) {
                break;
            }
        }
        assertEquals(List.of(), failures);
        // The mutations must leave a share of valid inputs, or the test only exercises parse errors.
        assertTrue(loaded > LOADER_CASES / 20, "only " + loaded + " cases loaded");
    }

    @Test
    void cliExitsTwoWithoutOutputOrRenders() throws Exception {
        Path work = workspace("cli");
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CLI_CASES; i++) {
            Case c = generate(LOADER_CASES + i);
            stage(work, c);
            Path out = work.resolve("out.png");
            CliTest.Run r = CliTest.run("render", work.resolve(c.scene).toString(), "--assets", work.toString(),
                    "--width", "4", "--height", "3", "--spp", "1", "--out", out.toString(), "-q");
            List<String> lines = r.err().lines().filter(l -> !l.isBlank() && !l.startsWith("warning: ")).toList();
            if (r.code() == 2) {
                if (lines.size() != 1 || !lines.get(0).startsWith("error: ") || unclean(lines.get(0)) != null) {
                    failures.add(failed(c, "not one clean error line: " + r.err()));
                }
                if (Files.exists(out)) {
                    failures.add(failed(c, "output written despite the error"));
                }
            } else if (r.code() != 0 || !Files.exists(out) || r.err().contains("\tat ") || r.err().contains("non-finite samples")) {
                failures.add(failed(c, "exit " + r.code() + ": " + r.err()));
            }
            Files.deleteIfExists(out);
            unstage(work, c);
        }
        assertEquals(List.of(), failures);
    }

    // ------------------------------------------------------------------ checks

    /** Describes a failed case and keeps its files in target/fuzz-failures/INDEX for a look. */
    static String failed(Case c, String why) {
        Path keep = Path.of("target", "fuzz-failures", String.valueOf(c.index));
        try {
            Files.createDirectories(keep);
            for (Map.Entry<String, byte[]> e : c.files.entrySet()) {
                Files.write(keep.resolve(e.getKey()), e.getValue());
            }
        } catch (IOException e) {
            // The description alone still names the case.
        }
        return "case " + c.index + " (" + c.what + ", files in " + keep.toAbsolutePath() + "): " + why;
    }

    /** Why a message is not a clean one-line error, or null. */
    static String unclean(String m) {
        if (m == null || m.isBlank()) {
            return "empty message";
        }
        if (m.lines().count() != 1) {
            return "more than one line";
        }
        for (String s : new String[] {"Exception", "java.", "\tat ", "Cannot invoke", "out of bounds for length"}) {
            if (m.contains(s)) {
                return "contains \"" + s + "\"";
            }
        }
        return null;
    }

    /** The first value that must not reach the renderer, or null. */
    static String nonFinite(Scene s) {
        var m = s.mesh();
        for (int i = 0; i < m.vertexCount() * 3; i++) {
            if (!(Math.abs(m.positions()[i]) <= 1e6f) || !Float.isFinite(m.normals()[i])) {
                return "vertex " + i / 3 + " position or normal not finite/in the world";
            }
        }
        for (int i = 0; i < m.vertexCount() * 2; i++) {
            if (!Float.isFinite(m.uvs()[i])) {
                return "uv of vertex " + i / 2;
            }
        }
        for (int i = 0; i < m.vertexCount() * 4; i++) {
            if (!Float.isFinite(m.tangents()[i])) {
                return "tangent of vertex " + i / 4;
            }
        }
        for (Material mat : s.materials()) {
            for (float v : mat.record()) {
                if (!Float.isFinite(v)) {
                    return "material record value " + v;
                }
            }
            for (float e : mat.emission()) {
                if (!(e >= 0)) {
                    return "emission " + e;
                }
            }
        }
        for (Image img : s.textures().images()) {
            for (float v : img.rgba()) {
                if (!(v >= 0) || !Float.isFinite(v)) {
                    return "texel " + v;
                }
            }
        }
        var h = s.strands();
        for (int i = 0; i < h.pointCount(); i++) {
            if (!(Math.abs(h.positions()[i * 3]) <= 1e6f && Math.abs(h.positions()[i * 3 + 1]) <= 1e6f
                    && Math.abs(h.positions()[i * 3 + 2]) <= 1e6f) || !(h.radii()[i] > 0) || !Float.isFinite(h.radii()[i])) {
                return "hair point " + i + " position or radius not finite/in the world";
            }
        }
        if (s.environment() != null && !Float.isFinite(s.environment().scale())) {
            return "environment scale";
        }
        return null;
    }

    // ------------------------------------------------------------------ cases

    /** A working folder holding every seed file; cases overwrite some and put them back after. */
    static Path workspace(String name) throws IOException {
        Path work = Files.createDirectory(dir.resolve(name));
        for (Map.Entry<String, byte[]> e : SEEDS.entrySet()) {
            Files.write(work.resolve(e.getKey()), e.getValue());
        }
        return work;
    }

    static void stage(Path work, Case c) throws IOException {
        for (Map.Entry<String, byte[]> e : c.files.entrySet()) {
            Files.write(work.resolve(e.getKey()), e.getValue());
        }
    }

    static void unstage(Path work, Case c) throws IOException {
        for (String name : c.files.keySet()) {
            if (SEEDS.containsKey(name)) {
                Files.write(work.resolve(name), SEEDS.get(name));
            } else {
                Files.deleteIfExists(work.resolve(name));
            }
        }
    }

    static Case generate(int index) throws IOException {
        Random r = new Random(SEED + index);
        int kind = r.nextInt(100);
        Map<String, byte[]> files = new java.util.HashMap<>();
        if (kind < 35) {
            String seed = pick(r, "rich.json", "rich.json", "rich.json", "cornell-box.json", kind == 0 ? "gold-studio.json" : "rich.json");
            files.put("case.json", mutateJson(r, SEEDS.get(seed)));
            return new Case(index, "JSON mutation of " + seed, files, "case.json");
        }
        if (kind < 50) {
            String seed = pick(r, "rich.json", "cornell-box.json");
            files.put("case.json", mutateBytes(r, SEEDS.get(seed)));
            return new Case(index, "byte mutation of " + seed, files, "case.json");
        }
        if (kind < 54) {
            files.put("case.json", randomBytes(r));
            return new Case(index, "random bytes as a scene", files, "case.json");
        }
        if (kind < 60) {
            files.put("strands.hair", r.nextInt(10) == 0 ? randomBytes(r) : mutateBytes(r, SEEDS.get("strands.hair")));
            files.put("case.json", Fixtures.SCENE.formatted("{\"type\": \"hair\", \"file\": \"strands.hair\", \"material\": \"m\"}")
                    .getBytes(StandardCharsets.UTF_8));
            return new Case(index, "mutated strands.hair", files, "case.json");
        }
        if (kind < 75) {
            String mesh = pick(r, "quad.obj", "quad.glb", "quad.gltf", "quad.bin");
            files.put(mesh, r.nextInt(10) == 0 ? randomBytes(r) : mutateBytes(r, SEEDS.get(mesh)));
            String file = mesh.equals("quad.bin") ? "quad.gltf" : mesh;
            files.put("case.json", Fixtures.mesh(file).getBytes(StandardCharsets.UTF_8));
            return new Case(index, "mutated " + mesh, files, "case.json");
        }
        String image = pick(r, "tex.png", "env.hdr", "flat.hdr", "env.exr");
        files.put(image, r.nextInt(10) == 0 ? randomBytes(r) : mutateBytes(r, SEEDS.get(image)));
        String quad = Fixtures.SCENE.formatted("{\"type\": \"rectangle\", \"size\": [1, 1], \"material\": \"m\"}");
        String scene = image.equals("tex.png") || r.nextBoolean()
                ? quad.replace("\"diffuse\"", "\"diffuse\", \"base_color_texture\": \"" + image + "\"")
                : quad.replace("\"radiance\": 1}", "\"file\": \"" + image + "\"}");
        files.put("case.json", scene.getBytes(StandardCharsets.UTF_8));
        return new Case(index, "mutated " + image, files, "case.json");
    }

    @SafeVarargs
    static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }

    static byte[] randomBytes(Random r) {
        if (r.nextInt(20) == 0) {
            // Nesting deeper than any parser's recursion should go.
            return ("{\"camera\": " + "[".repeat(5000 + r.nextInt(5000))).getBytes(StandardCharsets.US_ASCII);
        }
        byte[] b = new byte[r.nextInt(300)];
        r.nextBytes(b);
        if (r.nextBoolean() && b.length > 0) {
            b[0] = '{'; // get past the first character more often
        }
        return b;
    }

    static final int[] INTERESTING_INTS = {0, 1, -1, 0x7f, 0x80, 0xff, 0x7fff, 0xffff, 0x7fffffff, 0x80000000, 3000, 1 << 20};
    static final String[] INTERESTING_TOKENS = {"0", "-1", "3000", "99999999999", "1e39", "-1e39", "nan", "inf", "4294967296", "1e-45", ""};

    /** One to four byte-level edits: bit flips, interesting bytes or ints, truncation, deletion, insertion, duplication, number tokens. */
    static byte[] mutateBytes(Random r, byte[] seed) {
        byte[] b = seed.clone();
        int edits = 1 + r.nextInt(4);
        for (int k = 0; k < edits && b.length > 0; k++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(8)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[at] = (byte) INTERESTING_INTS[r.nextInt(6)];
                case 2 -> {
                    int v = INTERESTING_INTS[r.nextInt(INTERESTING_INTS.length)];
                    for (int j = 0; j < 4 && at + j < b.length; j++) {
                        b[at + j] = (byte) (v >> (8 * j));
                    }
                }
                case 3 -> b = java.util.Arrays.copyOf(b, at);
                case 4 -> b = splice(b, at, Math.min(b.length, at + 1 + r.nextInt(16)), new byte[0]);
                case 5 -> {
                    byte[] junk = new byte[1 + r.nextInt(8)];
                    r.nextBytes(junk);
                    b = splice(b, at, at, junk);
                }
                case 6 -> {
                    int end = Math.min(b.length, at + 1 + r.nextInt(64));
                    b = splice(b, at, at, java.util.Arrays.copyOfRange(b, at, end));
                }
                default -> b = replaceNumber(r, b, at);
            }
        }
        return b;
    }

    /** Replaces the run of digits at or after at (if any) with an interesting token. */
    static byte[] replaceNumber(Random r, byte[] b, int at) {
        int start = at;
        while (start < b.length && !Character.isDigit(b[start])) {
            start++;
        }
        int end = start;
        while (end < b.length && (Character.isDigit(b[end]) || b[end] == '.')) {
            end++;
        }
        if (start >= b.length) {
            return b;
        }
        return splice(b, start, end, pick(r, INTERESTING_TOKENS).getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        byte[] out = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(b, to, out, from + insert.length, b.length - to);
        return out;
    }

    /** One to three structural edits of the JSON tree: replace a value, delete, duplicate or rename. */
    static byte[] mutateJson(Random r, byte[] seed) throws IOException {
        JsonNode root = JSON.readTree(seed);
        int edits = 1 + r.nextInt(3);
        for (int k = 0; k < edits; k++) {
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode parent = containers.get(r.nextInt(containers.size()));
            if (parent.size() == 0) {
                continue;
            }
            if (parent instanceof ObjectNode o) {
                List<String> keys = new ArrayList<>();
                o.fieldNames().forEachRemaining(keys::add);
                String key = keys.get(r.nextInt(keys.size()));
                switch (r.nextInt(5)) {
                    case 0 -> o.remove(key);
                    case 1 -> o.set(key + (r.nextBoolean() ? "s" : ""), o.remove(key));
                    case 2 -> o.set("extra", interesting(r));
                    default -> o.set(key, interesting(r));
                }
            } else if (parent instanceof ArrayNode a) {
                int i = r.nextInt(a.size());
                switch (r.nextInt(4)) {
                    case 0 -> a.remove(i);
                    case 1 -> a.add(a.get(i).deepCopy());
                    default -> a.set(i, interesting(r));
                }
            }
        }
        return JSON.writeValueAsBytes(root);
    }

    static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }

    static JsonNode interesting(Random r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (r.nextInt(22)) {
            case 0 -> f.numberNode(0);
            case 1 -> f.numberNode(-1);
            case 2 -> f.numberNode(1e39);
            case 3 -> f.numberNode(-1e300);
            case 4 -> f.numberNode(1e-300);
            case 5 -> f.numberNode(Integer.MAX_VALUE + 1L);
            case 6 -> f.numberNode(new BigInteger("18446744073709551618"));
            case 7 -> f.numberNode(1e6);
            case 8 -> f.numberNode(0.5);
            case 9 -> f.numberNode(-0.0);
            case 10 -> f.textNode("");
            case 11 -> f.textNode("x\u0000y");
            case 12 -> f.textNode("../../../../etc/passwd");
            case 13 -> f.textNode("/");
            case 14 -> f.textNode("tex.png");
            case 15 -> f.textNode("quad.glb");
            case 16 -> f.booleanNode(true);
            case 17 -> f.nullNode();
            case 18 -> f.arrayNode();
            case 19 -> f.objectNode();
            case 20 -> f.arrayNode().add(1e39).add(0).add(0);
            default -> {
                ArrayNode deep = f.arrayNode();
                ArrayNode at = deep;
                for (int d = 0; d < 900; d++) { // the writer's nesting limit is 1000
                    at = at.addArray();
                }
                yield deep;
            }
        };
    }
}
