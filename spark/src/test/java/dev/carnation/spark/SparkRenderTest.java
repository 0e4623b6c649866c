package dev.carnation.spark;

import static dev.carnation.kernel.Layout.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.Outputs;
import dev.carnation.integrator.Renderer;
import dev.carnation.integrator.WorkUnit;
import dev.carnation.integrator.backend.JvmBackend;
import dev.carnation.integrator.film.Film;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.SceneLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark render in local mode is the single-process render bit for bit: on one or two executor
 * threads, with any band height, and when a task fails and Spark runs it again.
 */
class SparkRenderTest {
    static final int W = 32;
    static final int H = 24;
    static final int SPP = 2 * BLOCK_SPP + 8; // two whole blocks and an open one

    static Path sceneFile;
    static Path assets;
    static Scene scene;
    static RenderSettings rs;
    static Film reference;

    @TempDir
    Path tmp;

    @BeforeAll
    static void singleProcessRender() {
        sceneFile = Path.of(System.getProperty("carnation.root", "..")).resolve("scenes/cornell-box.json");
        assets = Path.of(System.getProperty("carnation.assets", "../shared/assets"));
        scene = SceneLoader.load(sceneFile, Files.isDirectory(assets) ? assets : null);
        RenderSettings s = scene.render();
        rs = new RenderSettings(W, H, SPP, s.maxDepth(), s.rrDepth(), 7, s.clamp(), s.exposure(), s.tonemap());
        try (JvmBackend b = new JvmBackend(2)) {
            reference = Renderer.render(scene, SceneBuffers.pack(scene), rs, b, Renderer.Options.samples(SPP),
                    new Renderer.Listener() {});
        }
    }

    @AfterEach
    void releaseExecutorState() {
        ExecutorSide.release(); // local mode: the executor is this JVM
    }

    static RenderJob job() {
        return RenderJob.of(sceneFile, null, Files.isDirectory(assets) ? assets : null, scene, SceneBuffers.pack(scene), rs, null, 1);
    }

    static void withSpark(String master, Consumer<JavaSparkContext> body) {
        SparkConf conf = new SparkConf().setMaster(master).setAppName("carnation-test").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            body.accept(sc);
        }
    }

    static void assertSameFilm(Film expected, Film actual) {
        assertEquals(expected.spp(), actual.spp(), "spp");
        assertArrayEquals(expected.accum(), actual.accum(), "radiance sums");
        assertArrayEquals(expected.aov(), actual.aov(), "AOV sums");
        assertArrayEquals(expected.stats(), actual.stats(), "stats");
    }

    @Test
    void localTwoGivesTheSingleProcessFilmWithAnyBandHeight() {
        withSpark("local[2]", sc -> {
            for (int rows : new int[] {H, 7, 1}) {
                List<WorkUnit> plan = WorkUnit.plan(SPP, H, rows);
                SparkRender.Result r = SparkRender.render(sc, job(), plan, null);
                assertSameFilm(reference, r.film());
                assertEquals(plan.size(), r.tasks().size());
                assertTrue(r.retried().isEmpty(), "no task failed");
            }
        });
    }

    @Test
    void localOneGivesTheSameFilm() {
        withSpark("local[1]", sc -> {
            assertSameFilm(reference, SparkRender.render(sc, job(), WorkUnit.plan(SPP, H, 5), null).film());

            // An executor whose scene is not the driver's fails its task, and the job ends in one line.
            RenderJob j = job();
            RenderJob other = new RenderJob(j.scenePath(), null, j.assetRoot(), W, H, SPP, 7, "0".repeat(64), j.frameHash(), null, 1, -1);
            ExecutorSide.release();
            Exception e = assertThrows(Exception.class, () -> SparkRender.render(sc, other, WorkUnit.plan(SPP, H, H), null));
            String line = SparkRender.message(e);
            assertTrue(line.startsWith("Spark task for unit 0 failed 1 time ("), line);
            assertTrue(line.endsWith("differs from the driver's (geometry, materials, textures or lights); every node must read the "
                    + "same scene and assets"), line);
        });
    }

    @Test
    void aFailedTaskIsRetriedAndTheFilmIsUnchanged() {
        // local[2,3]: two threads, and a task may fail up to 3 times (plain local[N] gives up at once).
        withSpark("local[2,3]", sc -> {
            List<WorkUnit> plan = WorkUnit.plan(SPP, H, 8);
            int failing = 4; // the second band's second block: merged after an earlier and before a later one
            SparkRender.Result r = SparkRender.render(sc, job().withFailOnce(failing), plan, null);
            assertSameFilm(reference, r.film());
            assertEquals(List.of(failing), r.retried().stream().map(SparkRender.TaskReport::index).toList(),
                    "exactly the failing unit's result came from a retry");
            assertEquals(1, r.tasks().get(failing).attempt());
        });
    }

    @Test
    void theCommandWritesTheImageRenderWouldWrite() throws Exception {
        Path expected = tmp.resolve("expected.pfm");
        Outputs.write(reference, expected, List.of("albedo"), rs.exposure(), rs.tonemap());
        Path out = tmp.resolve("spark.pfm");
        StringWriter err = new StringWriter();
        int rc = SparkRender.execute(new String[] {sceneFile.toString(), "--assets", assets.toString(), "--master", "local[2]",
                "--width", "" + W, "--height", "" + H, "--spp", "" + SPP, "--seed", "7", "--band-rows", "10", "--aov", "albedo",
                "-o", out.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertEquals(0, rc, err.toString());
        assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(out), "image");
        assertArrayEquals(Files.readAllBytes(tmp.resolve("expected.albedo.pfm")), Files.readAllBytes(tmp.resolve("spark.albedo.pfm")),
                "albedo");
        assertTrue(err.toString().contains("9 tasks (3 bands of 10 rows x 3 sample blocks)"), err.toString());
        assertTrue(err.toString().contains("spark: 9 tasks in "), err.toString());
    }

    @Test
    void aSceneShippedWithFilesRendersWhereTheDriverHasNoCopy() throws Exception {
        // As spark-submit --files passes it: executors (and a cluster-mode driver) read the shipped copy.
        Path shippedDir = Files.createDirectories(tmp.resolve("shipped"));
        Path copy = Files.copy(sceneFile, shippedDir.resolve(sceneFile.getFileName()));
        Path expected = tmp.resolve("expected.pfm");
        Outputs.write(reference, expected, List.of(), rs.exposure(), rs.tonemap());
        Path out = tmp.resolve("shipped.pfm");
        StringWriter err = new StringWriter();
        System.setProperty("spark.files", copy.toUri().toString());
        int rc;
        try {
            rc = SparkRender.execute(new String[] {tmp.resolve("not-here").resolve(sceneFile.getFileName()).toString(), "--assets",
                    assets.toString(), "--master", "local[2]", "--width", "" + W, "--height", "" + H, "--spp", "" + SPP, "--seed", "7",
                    "-q", "-o", out.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        } finally {
            System.clearProperty("spark.files");
        }
        assertEquals(0, rc, err.toString());
        assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(out), "image");
    }

    /** Runs the command expecting bad input: status 2 and one line naming the problem. */
    static String badInput(String... args) {
        StringWriter err = new StringWriter();
        int rc = SparkRender.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        String text = err.toString().strip();
        assertEquals(2, rc, text);
        assertTrue(text.startsWith("error: "), text);
        assertFalse(text.contains("\tat "), "no stack trace: " + text);
        return text.lines().findFirst().orElseThrow();
    }

    @Test
    void badInputIsOneLineBeforeSparkStarts() throws Exception {
        Path missing = tmp.resolve("nowhere.json");
        assertTrue(badInput(missing.toString(), "--master", "local[1]").contains(missing + ": scene file not found"));

        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{ \"camera\": { \"position\": [0, 1] }, \"shapes\": [] }");
        String line = badInput(broken.toString(), "--master", "local[1]");
        assertTrue(line.contains("broken.json"), line);

        assertTrue(badInput(sceneFile.toString(), "--band-rows", "0").contains("--band-rows"));
        String big = badInput(sceneFile.toString(), "--width", "8192", "--height", "8192", "-o", tmp.resolve("big.exr").toString());
        assertTrue(big.contains("--driver-memory"), big);
        assertTrue(badInput(sceneFile.toString(), "--out", tmp.resolve("x.jpg").toString()).contains("unsupported format"));
    }

    @Test
    void bandsAreEvenAndKeepUnitsSmall() {
        assertEquals(24, SparkRender.defaultBandRows(32, 24));
        int rows = SparkRender.defaultBandRows(1920, 1080);
        long bytes = (long) rows * 1920 * (ACC_STRIDE * 8 + AOV_STRIDE * 4 + STAT_STRIDE * 4);
        assertTrue(bytes <= SparkRender.UNIT_BYTES, rows + " rows");
        int maxRows = (int) (SparkRender.UNIT_BYTES / (1920 * (ACC_STRIDE * 8 + AOV_STRIDE * 4 + STAT_STRIDE * 4))); // 25
        assertEquals((1080 + maxRows - 1) / maxRows, (1080 + rows - 1) / rows, "no more bands than the size limit needs");
        assertEquals(120, SparkRender.defaultBandRows(320, 240), "two equal bands where one would be over the limit");
    }

    @Test
    void aSceneShippedWithFilesIsFoundByItsName() {
        SparkConf conf = new SparkConf(false).set("spark.files", "file:/tmp/a.json,hdfs://nn/scenes/cornell-box.json");
        assertEquals("cornell-box.json", SparkRender.shippedName(conf, Path.of("scenes/cornell-box.json")));
        assertNull(SparkRender.shippedName(conf, Path.of("scenes/head.json")));
        assertNull(SparkRender.shippedName(new SparkConf(false), Path.of("scenes/head.json")));
    }
}
