package dev.carnation.tests;

import static dev.carnation.tests.CliTest.assertOneLineError;
import static dev.carnation.tests.CliTest.run;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.*;

import dev.carnation.tests.CliTest.Run;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * render never replaces an input of the scene or a file that is not an image, and refuses paths
 * it cannot write before rendering (exit 2, one line naming the path and the reason).
 */
class OutputSafetyTest {
    @TempDir
    Path tmp;
    Path scene;
    Path texture;
    byte[] textureBytes;

    @BeforeEach
    void scene() throws Exception {
        texture = tmp.resolve("wood.png");
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 2, 0x336699);
        ImageIO.write(img, "png", texture.toFile());
        textureBytes = Files.readAllBytes(texture);
        scene = tmp.resolve("wood.json");
        Files.writeString(scene, CliTest.GOOD.replace("\"diffuse\"", "\"diffuse\", \"base_color_texture\": \"wood.png\"")
                .formatted("{\"type\": \"sphere\", \"radius\": 1, \"material\": \"m\"}"));
    }

    Run render(String... extra) {
        List<String> args = new ArrayList<>(List.of("render", scene.toString(), "--spp", "1", "--width", "8", "--height", "8", "-q"));
        args.addAll(Arrays.asList(extra));
        return run(args.toArray(String[]::new));
    }

    /** Refused before rendering: exit 2, one line naming the path and the reason, nothing written. */
    void assertRefused(Run r, Path path, String reason) {
        assertEquals(2, r.code(), r.err());
        assertOneLineError(r.err(), path.toString(), reason);
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void theOutputIsNeverATextureOfTheScene() throws Exception {
        assertRefused(render("--out", texture.toString()), texture, "input");
        assertArrayEquals(textureBytes, Files.readAllBytes(texture));
    }

    @Test
    void anAovIsNeverATextureOfTheScene() throws Exception {
        Path texture2 = Files.copy(texture, tmp.resolve("out.albedo.png"));
        Files.writeString(scene, Files.readString(scene).replace("wood.png", "out.albedo.png"));
        Path out = tmp.resolve("out.png");
        assertRefused(render("--out", out.toString(), "--aov", "albedo"), texture2, "input");
        assertArrayEquals(textureBytes, Files.readAllBytes(texture2));
        assertFalse(Files.exists(out), "no image without its AOVs");
    }

    @Test
    void theOutputIsNeverTheSceneFile() throws Exception {
        Path pngScene = Files.move(scene, tmp.resolve("scene.png"));
        String json = Files.readString(pngScene);
        Run r = run("render", pngScene.toString(), "--spp", "1", "--width", "8", "--height", "8", "-q", "--out", pngScene.toString());
        assertRefused(r, pngScene, "input");
        assertEquals(json, Files.readString(pngScene));
    }

    @Test
    void anExistingFileThatIsNoImageIsKept() throws Exception {
        Path notes = Files.writeString(tmp.resolve("out.depth.png"), "notes, not an image");
        Path out = tmp.resolve("out.png");
        assertRefused(render("--out", out.toString(), "--aov", "depth"), notes, "not an image");
        assertEquals("notes, not an image", Files.readString(notes));
        assertFalse(Files.exists(out));
    }

    @Test
    void aDirectoryIsNoOutput() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("dir.png"));
        assertRefused(render("--out", dir.toString()), dir, "is a directory");
    }

    @Test
    void badDirectoriesFailBeforeRendering() {
        Path missing = tmp.resolve("missing/out.png");
        assertRefused(render("--out", missing.toString()), missing, "does not exist");
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux /proc");
        Run r = render("--out", "/proc/out.png");
        assertRefused(r, Path.of("/proc/out.png"), "proc file system");
        assertFalse(r.err().contains("rendering"));
    }

    @Test
    void aReadOnlyDirectoryFailsBeforeRendering() throws Exception {
        Path ro = Files.createDirectories(tmp.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(ro), "running as root: permissions do not apply");
            Path out = ro.resolve("out.png");
            assertRefused(render("--out", out.toString()), out, "permission denied");
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aPreviewOrCheckpointCannotClobberEither() throws Exception {
        Path out = tmp.resolve("wood-render.png");
        Path preview = Files.writeString(tmp.resolve("wood-render.preview.png"), "keep me");
        assertRefused(render("--out", out.toString(), "--preview-every", "1"), preview, "not an image");
        assertRefused(render("--out", out.toString(), "--checkpoint", texture.toString()), texture, "input");
        Path image = Files.copy(texture, tmp.resolve("old.ckpt"));
        assertRefused(render("--out", out.toString(), "--checkpoint", image.toString()), image, "not a carnation checkpoint");
        assertRefused(render("--out", out.toString(), "--checkpoint", out.toString()), out, "also the --out file");
        assertEquals("keep me", Files.readString(preview));
    }

    @Test
    void rerendersReplaceTheirOwnImages() throws Exception {
        Path out = tmp.resolve("again.png");
        for (int i = 0; i < 2; i++) {
            Run r = render("--out", out.toString(), "--aov", "albedo");
            assertEquals(0, r.code(), r.err());
        }
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")).toList());
        }
    }
}
