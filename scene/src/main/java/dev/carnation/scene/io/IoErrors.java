package dev.carnation.scene.io;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Plain words for I/O failures. Java reports them as exception classes whose message is often just
 * the path ("AccessDeniedException: /x"); users need the reason ("permission denied").
 */
public final class IoErrors {
    private IoErrors() {}

    /** The reason alone, lower case, without the file name and without Java class names. */
    public static String reason(IOException e) {
        if (e.getCause() instanceof IOException cause && cause != e) {
            return reason(cause); // ImageIO and others wrap the file system's error in their own
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "is a non-empty directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof CharacterCodingException) {
            return "not valid UTF-8 text";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return normalise(fs.getReason());
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return "input/output error";
        }
        // Messages from java.io name the file first ("/x/y.png (Permission denied)"); keep the reason.
        int open = m.lastIndexOf(" (");
        if (open >= 0 && m.endsWith(")")) {
            m = m.substring(open + 2, m.length() - 1);
        }
        return normalise(m.lines().findFirst().orElse(m));
    }

    /** "FILE: reason", the form every message about a file takes. */
    public static String describe(Object file, IOException e) {
        return file + ": " + reason(e);
    }

    private static String normalise(String reason) {
        String r = reason.strip();
        return r.isEmpty() ? "input/output error" : r.substring(0, 1).toLowerCase(Locale.ROOT) + r.substring(1);
    }
}
