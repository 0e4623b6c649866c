package dev.carnation.scene.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read failures become plain reasons, never Java class names or internal messages. */
class AssetsTest {
    @TempDir
    Path tmp;

    @Test
    void fileSystemFailuresReadAsReasons() {
        assertEquals("permission denied", Assets.reason(new AccessDeniedException("/x/scene.json")));
        assertEquals("no such file or directory", Assets.reason(new NoSuchFileException("/x/scene.json")));
        assertEquals("is a directory", Assets.reason(new FileSystemException("/x", null, "Is a directory")));
        assertEquals("permission denied", Assets.reason(new java.io.FileNotFoundException("/x/t.png (Permission denied)")));
        assertEquals("not valid UTF-8 text", Assets.reason(new MalformedInputException(1)));
        assertEquals("the file ends early (truncated)", Assets.reason(new EOFException()));
        assertEquals("bad header", Assets.reason(new IOException("bad header\n  at line 2")));
        // A format error keeps its words, parentheses included.
        assertEquals("accessor 0 reads past its view (truncated or corrupt file)",
                Assets.reason(new IOException("accessor 0 reads past its view (truncated or corrupt file)")));
    }

    @Test
    void internalMessagesOfLibrariesAreNotShown() {
        for (Exception e : new Exception[] {new ArrayIndexOutOfBoundsException("Index 3000 out of bounds for length 192"),
                new IllegalArgumentException("The gltf may not be null"), new NullPointerException(), new IOException(),
                new IOException(new NumberFormatException("For input string: \"p\""))}) {
            assertEquals("corrupt or unsupported content", Assets.reason(e), e.toString());
        }
    }

    @Test
    void utf8IsStrictAndNamesTheOffset() throws Exception {
        Path f = Files.write(tmp.resolve("s.json"), new byte[] {'{', '"', 'a', (byte) 0xe9, '"', '}'});
        IOException e = assertThrows(IOException.class, () -> Assets.readUtf8(f));
        assertEquals("not valid UTF-8 text (byte 0xe9 at offset 3)", e.getMessage());
        Path bom = Files.write(tmp.resolve("b.json"), new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'});
        assertEquals("{}", Assets.readUtf8(bom));
        Files.writeString(tmp.resolve("u.json"), "{\"d\": \"caf\u00e9\"}");
        assertEquals("{\"d\": \"caf\u00e9\"}", Assets.readUtf8(tmp.resolve("u.json")));
    }

    @Test
    void aDirectoryIsNotAFile() throws Exception {
        Fields at = new Fields("s.json", "/m", new com.fasterxml.jackson.databind.ObjectMapper().readTree("{}"));
        Assets a = new Assets(tmp, null);
        Path dir = Files.createDirectory(tmp.resolve("d.png"));
        var e = assertThrows(dev.carnation.scene.SceneException.class, () -> a.resolve(at, "file", dir.toString()));
        assertTrue(e.getMessage().endsWith("is not a regular file"), e.getMessage());
    }
}
