package dev.carnation.scene;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.scene.io.IoErrors;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.IIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** I/O failures read as reasons, never as Java exception class names. */
class IoErrorsTest {
    @TempDir
    Path dir;

    @Test
    void reasonsAreWordsNotClassNames() {
        assertEquals("permission denied", IoErrors.reason(new AccessDeniedException("/x/y.png")));
        assertEquals("no such file or directory", IoErrors.reason(new NoSuchFileException("/x/y.png")));
        assertEquals("no space left on device",
                IoErrors.reason(new FileSystemException("/x/y.png", null, "No space left on device")));
        assertEquals("read-only file system", IoErrors.reason(new FileSystemException("/x", null, "Read-only file system")));
        assertEquals("not valid UTF-8 text", IoErrors.reason(new MalformedInputException(1)));
        assertEquals("permission denied", IoErrors.reason(new IOException("/x/y.png (Permission denied)")));
    }

    @Test
    void wrappedFailuresGiveTheUnderlyingReason() {
        IIOException e = new IIOException("Error writing PNG file!", new FileSystemException("/x", null, "No space left on device"));
        assertEquals("no space left on device", IoErrors.reason(e));
    }

    @Test
    void realFailuresNameTheFileAndTheReason() {
        Path missing = dir.resolve("nothing-here.txt");
        IOException e = assertThrows(IOException.class, () -> Files.readString(missing));
        String m = IoErrors.describe(missing, e);
        assertEquals(missing + ": no such file or directory", m);
        assertFalse(m.contains("Exception"), m);
    }
}
