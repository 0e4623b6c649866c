package dev.carnation.integrator.output;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.*;

import dev.carnation.integrator.output.OutputTargets.Kind;
import dev.carnation.scene.SceneException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output paths are refused before any work when writing them would clobber or fail. */
class OutputTargetsTest {
    static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    static String refusal(OutputTargets t, List<Path> inputs) {
        SceneException e = assertThrows(SceneException.class, () -> t.check(inputs));
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage();
    }

    static OutputTargets one(Path p, Kind kind) {
        return new OutputTargets().add("--out", p, kind, 1000);
    }

    @Test
    void freshPathsAndOldImagesAreFine() throws Exception {
        Path old = Files.write(dir.resolve("old.png"), PNG_MAGIC);
        Path empty = Files.createFile(dir.resolve("empty.exr"));
        new OutputTargets().add("--out", dir.resolve("new.png"), Kind.IMAGE, 1000)
                .add("--aov albedo", old, Kind.IMAGE, 1000)
                .add("--aov depth", empty, Kind.IMAGE, 1000)
                .check(List.of(dir.resolve("scene.json")));
        assertArrayEquals(PNG_MAGIC, Files.readAllBytes(old), "a check writes nothing");
    }

    @Test
    void aSceneInputIsNeverAnOutput() throws Exception {
        Path texture = Files.write(dir.resolve("wood.png"), PNG_MAGIC);
        String m = refusal(one(texture, Kind.IMAGE), List.of(dir.resolve("s.json"), texture));
        assertTrue(m.startsWith("--out: " + texture + ": ") && m.contains("input"), m);
        // The same file under another name: a symbolic link, or a path through "..".
        Path link = Files.createSymbolicLink(dir.resolve("link.png"), texture);
        assertTrue(refusal(one(link, Kind.IMAGE), List.of(texture)).contains("input"));
        Path sub = Files.createDirectories(dir.resolve("sub"));
        assertTrue(refusal(one(sub.resolve("../wood.png"), Kind.IMAGE), List.of(texture)).contains("input"));
    }

    @Test
    void existingFilesOfAnotherKindAreKept() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.albedo.png"), "my notes");
        assertTrue(refusal(one(notes, Kind.IMAGE), List.of()).contains("is not an image"));
        Path image = Files.write(dir.resolve("render.ckpt"), PNG_MAGIC);
        assertTrue(refusal(one(image, Kind.CHECKPOINT), List.of()).contains("is not a carnation checkpoint"));
        Path folder = Files.createDirectories(dir.resolve("folder.png"));
        assertTrue(refusal(one(folder, Kind.IMAGE), List.of()).contains("is a directory"));
        assertEquals("my notes", Files.readString(notes));
    }

    @Test
    void twoOutputsCannotShareAPath() {
        Path p = dir.resolve("x.png");
        OutputTargets t = new OutputTargets().add("--out", p, Kind.IMAGE, 10).add("--checkpoint", p, Kind.CHECKPOINT, 10);
        assertTrue(refusal(t, List.of()).contains("is also the --out file"));
    }

    @Test
    void directoriesMustExistAndTakeFiles() throws Exception {
        String missing = refusal(one(dir.resolve("no/such/dir/x.png"), Kind.IMAGE), List.of());
        assertTrue(missing.contains("does not exist"), missing);
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertTrue(refusal(one(file.resolve("x.png"), Kind.IMAGE), List.of()).contains("is not a directory"));
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux /proc");
        String proc = refusal(one(Path.of("/proc/x.png"), Kind.IMAGE), List.of());
        assertTrue(proc.contains("proc file system"), proc);
    }

    @Test
    void readOnlyDirectoriesAreRefused() throws Exception {
        Path ro = Files.createDirectories(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(ro), "running as root: permissions do not apply");
            String m = refusal(one(ro.resolve("x.png"), Kind.IMAGE), List.of());
            assertTrue(m.contains("permission denied"), m);
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void theWholeSetMustFitOnTheDisk() {
        OutputTargets t = new OutputTargets(store -> 1500)
                .add("--out", dir.resolve("a.png"), Kind.IMAGE, 1000)
                .add("--aov depth", dir.resolve("a.depth.png"), Kind.IMAGE, 1000);
        String m = refusal(t, List.of());
        assertTrue(m.contains("not enough free space") && m.contains(dir.getFileName().toString()), m);
        new OutputTargets(store -> 2000).add("--out", dir.resolve("a.png"), Kind.IMAGE, 1000)
                .add("--aov depth", dir.resolve("a.depth.png"), Kind.IMAGE, 1000).check(List.of());
    }
}
