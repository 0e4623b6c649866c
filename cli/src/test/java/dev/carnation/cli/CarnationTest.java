package dev.carnation.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** Failures the commands do not catch still end in one line without Java class names. */
class CarnationTest {
    @Test
    void fileSystemFailuresNameTheFileAndTheReason() {
        assertEquals("/x/y.png: permission denied", Carnation.message(new AccessDeniedException("/x/y.png")));
        assertEquals("/a: no such file or directory",
                Carnation.message(new UncheckedIOException(new NoSuchFileException("/a"))));
        assertEquals("/d/f.exr: no space left on device",
                Carnation.message(new FileSystemException("/d/f.exr", null, "No space left on device")));
    }

    @Test
    void otherFailuresKeepTheirFirstLine() {
        assertEquals("kernel failed", Carnation.message(new IllegalStateException("kernel failed\nmore detail")));
    }
}
