package dev.carnation.scene.io;

import dev.carnation.scene.SceneException;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves file names in a scene: absolute paths as given, otherwise relative to the scene file's
 * folder, then to the asset root (--assets, CARNATION_ASSETS, or the launcher's default).
 */
public final class Assets {
    private final Path sceneDir;
    private final Path root;
    private final Set<Path> read = new LinkedHashSet<>();

    public Assets(Path sceneDir, Path root) {
        this.sceneDir = sceneDir;
        this.root = root;
    }

    /** The asset root from an explicit option, else CARNATION_ASSETS, else the system property. */
    public static Path defaultRoot(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        String env = System.getenv("CARNATION_ASSETS");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String prop = System.getProperty("carnation.assets");
        return prop == null || prop.isBlank() ? null : Path.of(prop);
    }

    public Path root() {
        return root;
    }

    /** Every file resolved so far, in order: the scene's inputs, which outputs must never replace. */
    public List<Path> files() {
        return List.copyOf(read);
    }

    private Path found(Path p) {
        read.add(p);
        return p;
    }

    public Path resolve(Fields at, String key, String name) {
        Path p = path(at, key, name);
        if (p.isAbsolute()) {
            return found(check(at, key, p));
        }
        Path found = find(at, key, name);
        if (found != null) {
            return found;
        }
        throw at.error(key, "file \"" + name + "\" not found " + where());
    }

    /** Where relative names are looked for, for messages. */
    public String where() {
        return root == null
                ? "next to the scene (no asset root set: use --assets DIR or CARNATION_ASSETS)"
                : "next to the scene or under the asset root " + root;
    }

    /** The file a name resolves to, or null when there is no such regular file. */
    public Path find(Fields at, String key, String name) {
        Path p = path(at, key, name);
        if (p.isAbsolute()) {
            return Files.isRegularFile(p) ? p : null;
        }
        if (sceneDir != null && Files.isRegularFile(sceneDir.resolve(p))) {
            return found(sceneDir.resolve(p));
        }
        if (root != null && Files.isRegularFile(root.resolve(p))) {
            return found(root.resolve(p));
        }
        return null;
    }

    private static Path path(Fields at, String key, String name) {
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            throw at.error(key, "\"" + name + "\" is not a valid file name");
        }
    }

    /** A file under the asset root (an input of the scene), or null when there is no root or no such file there. */
    public Path optional(String name) {
        return root != null && Files.isRegularFile(root.resolve(name)) ? found(root.resolve(name)) : null;
    }

    private static Path check(Fields at, String key, Path p) {
        if (!Files.isRegularFile(p)) {
            throw at.error(key, "file \"" + p + "\" " + (Files.exists(p) ? "is not a regular file" : "not found"));
        }
        if (!Files.isReadable(p)) {
            throw at.error(key, "file \"" + p + "\" is not readable");
        }
        return p;
    }

    public static SceneException unreadable(Fields at, String key, Path p, Exception e) {
        return at.error(key, "cannot read \"" + p.getFileName() + "\": " + reason(e));
    }

    /**
     * Why a read failed, in words a user can act on and without Java class names: the file
     * system's reason (see {@link IoErrors}), or the message of a format error (our readers and
     * ImageIO/tinyexr/Jackson word theirs for people). A runtime exception escaping a third-party
     * parser carries an internal message ("Index 12 out of bounds for length 3"), and some libraries
     * wrap one as IOException(cause), whose message is the cause's class name: both are reported only
     * as corrupt content.
     */
    public static String reason(Throwable e) {
        if (e instanceof EOFException) {
            return "the file ends early (truncated)";
        }
        if (e instanceof FileSystemException || e instanceof FileNotFoundException || e instanceof CharacterCodingException
                || e instanceof IOException && e.getCause() instanceof IOException) {
            return IoErrors.reason((IOException) e);
        }
        String m = e.getMessage();
        if (!(e instanceof IOException) || m == null || m.isBlank() || m.matches("(?s)([\\w$]+\\.)+[\\w$]*(Exception|Error)\\b.*")) {
            return "corrupt or unsupported content";
        }
        return m.lines().findFirst().orElse(m).strip();
    }

    /** The largest text file (scene, glTF JSON) read whole into memory. */
    static final long MAX_TEXT_BYTES = 256L << 20;

    /**
     * Reads a text file as strict UTF-8 (a leading byte-order mark is dropped), reporting the byte
     * offset of the first invalid sequence rather than substituting characters.
     */
    public static String readUtf8(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_TEXT_BYTES) {
            throw new IOException("too large for a text file (" + size + " bytes, at most " + MAX_TEXT_BYTES + ")");
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult r = utf8.decode(in, out, true);
        if (!r.isError()) {
            r = utf8.flush(out);
        }
        if (r.isError()) {
            throw new IOException(String.format("not valid UTF-8 text (byte 0x%02x at offset %d)", bytes[in.position()] & 0xff, in.position()));
        }
        out.flip();
        if (out.length() > 0 && out.charAt(0) == '\uFEFF') {
            out.position(1);
        }
        return out.toString();
    }
}
