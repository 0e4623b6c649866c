package dev.carnation.tests;

import static dev.carnation.tests.CliTest.assertOneLineError;
import static dev.carnation.tests.CliTest.run;
import static org.junit.jupiter.api.Assertions.*;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented limits hold end to end: sizes that cannot fit are refused up front (exit 2, one
 * line, no output), an unforeseen OutOfMemoryError is one line too, and the default scene renders
 * without the asset root.
 */
class CliLimitsTest {
    @TempDir
    Path tmp;

    static final String CORNELL = Fixtures.ROOT.resolve("scenes/cornell-box.json").toString();

    void refusedWithoutOutput(String mustMention, String... args) {
        Path out = tmp.resolve("out.png");
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--out", out.toString(), "-q"))
                .toArray(String[]::new);
        CliTest.Run r = run(all);
        assertEquals(2, r.code(), r.err());
        assertOneLineError(r.err(), args[1].substring(args[1].lastIndexOf('/') + 1), mustMention);
        assertFalse(Files.exists(out));
    }

    @Test
    void theDocumentedMaximumIsRefusedCleanly() {
        // Before: "error: -2147483648" (8 AOV floats x 2^28 pixels wrapped around). Without --time the
        // film would be rendered in bands of rows instead (TiledRenderTest; docs/scale-out.md).
        refusedWithoutOutput("16384x16384 is 268,435,456 pixels", "render", CORNELL, "--width", "16384", "--height", "16384", "--spp", "1",
                "--time", "60");
        // bench allocates its own film.
        Path json = tmp.resolve("bench.json");
        CliTest.Run bench = run("bench", CORNELL, "--devices", "jvm", "--width", "16384", "--height", "16384", "--spp", "1",
                "--json", json.toString());
        assertEquals(2, bench.code(), bench.err());
        assertOneLineError(bench.err(), "cornell-box.json", "16384x16384 is 268,435,456 pixels");
        assertFalse(Files.exists(json));
    }

    @Test
    void filmsBeyondTheHeapAreRefusedWithTheirSize() {
        // Before: an OutOfMemoryError stack trace. Surefire's heap is 8 GiB; this film needs 27.8. Without
        // --time it would be rendered in bands of rows instead (TiledRenderTest).
        refusedWithoutOutput("a 9000x9000 film needs about 27.8 GiB", "render", CORNELL, "--width", "9000", "--height", "9000", "--spp", "1",
                "--time", "60");
    }

    @Test
    void tessellationsBeyondTheHeapAreRefusedWithTheirSize() throws Exception {
        Path scene = Files.writeString(tmp.resolve("sphere.json"),
                Fixtures.SCENE.formatted("{\"type\": \"sphere\", \"radius\": 1, \"material\": \"m\", \"rings\": 4096, \"segments\": 8192}"));
        refusedWithoutOutput("/shapes/0: a sphere of 4096 x 8192 segments (67,108,864 triangles) needs about 22.5 GiB",
                "render", scene.toString(), "--width", "8", "--height", "8");
    }

    @Test
    void theDefaultSceneRendersWithoutTheAssetRoot() throws Exception {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        String scene = Fixtures.ROOT.resolve("scenes/gold-studio.json").toString();
        for (Path assets : List.of(empty, tmp.resolve("nonexistent"))) {
            Path out = tmp.resolve(assets.getFileName() + ".png");
            CliTest.Run r = run("render", scene, "--assets", assets.toString(), "--spp", "1", "--width", "32", "--height", "24",
                    "--out", out.toString(), "-q");
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.size(out) > 100);
            assertEquals(Files.exists(assets), !r.err().contains("warning: the asset root"), r.err());
        }
    }

    @Test
    void anUnforeseenOutOfMemoryErrorIsOneLine() throws Exception {
        // A glTF whose external buffer (64 MiB, sparse on disk) cannot be read into a 32 MiB heap:
        // the allocation happens before any estimate can see the mesh.
        Fixtures.gltf(tmp, "huge", false, Fixtures.QUAD_POSITIONS, Fixtures.QUAD_NORMALS, Fixtures.QUAD_UVS, Fixtures.QUAD_INDICES);
        try (RandomAccessFile f = new RandomAccessFile(tmp.resolve("huge.bin").toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        Path scene = Files.writeString(tmp.resolve("s.json"), Fixtures.mesh("huge.gltf"));
        Path out = tmp.resolve("o.png");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-cp", System.getProperty("java.class.path"), "dev.carnation.cli.Carnation",
                "render", scene.toString(), "--out", out.toString(), "-q")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), output);
        assertTrue(output.strip().matches("error: out of memory \\(the Java heap is [0-9.]+ MiB\\); .*-Xmx16g"), output);
        assertFalse(Files.exists(out));
    }
}
