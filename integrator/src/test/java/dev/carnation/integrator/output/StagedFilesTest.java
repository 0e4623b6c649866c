package dev.carnation.integrator.output;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.Outputs;
import dev.carnation.integrator.film.Film;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image sets are written all or nothing, leave no temporaries, and get the umask's mode. */
class StagedFilesTest {
    @TempDir
    Path dir;

    List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFailureLeavesEveryOldFileAsItWasAndNoTemporaries() throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "old a");
        Path b = Files.writeString(dir.resolve("b.txt"), "old b");
        IOException e = assertThrows(IOException.class, () -> {
            try (StagedFiles files = new StagedFiles()) {
                files.write(a, f -> Files.writeString(f, "new a"));
                files.write(b, f -> {
                    throw new java.nio.file.FileSystemException(f.toString(), null, "No space left on device");
                });
                files.commit();
            }
        });
        assertEquals("cannot write " + b + ": no space left on device", e.getMessage());
        assertEquals("old a", Files.readString(a));
        assertEquals("old b", Files.readString(b));
        assertEquals(List.of("a.txt", "b.txt"), names());
    }

    @Test
    void aCommitReplacesEveryFile() throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "old a");
        try (StagedFiles files = new StagedFiles()) {
            files.write(a, f -> Files.writeString(f, "new a"));
            files.write(dir.resolve("c.txt"), f -> Files.writeString(f, "new c"));
            assertEquals("old a", Files.readString(a), "nothing replaced before the commit");
            assertFalse(Files.exists(dir.resolve("c.txt")));
            assertEquals(2, names().stream().filter(n -> n.startsWith(".") && n.endsWith(".part")).count(), names().toString());
            files.commit();
        }
        assertEquals("new a", Files.readString(a));
        assertEquals("new c", Files.readString(dir.resolve("c.txt")));
        assertEquals(List.of("a.txt", "c.txt"), names());
    }

    @Test
    void everyImageFormatGetsTheModeOfAnyNewFile() throws Exception {
        // A file created without explicit permissions has the umask's mode; so must every image.
        var expected = Files.getPosixFilePermissions(Files.createFile(dir.resolve("reference")));
        Film film = new Film(4, 3);
        film.setSpp(1);
        for (String ext : List.of("png", "exr", "pfm")) {
            for (Path p : Outputs.write(film, dir.resolve("img." + ext), List.of("depth"), 0, "none")) {
                assertEquals(expected, Files.getPosixFilePermissions(p), p.toString());
            }
        }
    }
}
