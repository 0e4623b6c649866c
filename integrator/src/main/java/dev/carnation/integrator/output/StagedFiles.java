package dev.carnation.integrator.output;

import dev.carnation.scene.io.IoErrors;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a set of files all or nothing: each goes to a hidden temporary file beside its target
 * (same directory, so the final rename cannot cross file systems), and only when every one is
 * complete and on disk are they renamed into place. Closing without {@link #commit()} removes
 * the temporaries, so a failed write leaves the old files as they were and no stray ".part".
 */
public final class StagedFiles implements AutoCloseable {
    /** Temporaries of every open set, for a shutdown that cannot wait for the writer to finish. */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<Path, Path> staged = new LinkedHashMap<>();

    /** Fills the file it is given (the temporary, never the target itself). */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path file) throws IOException;
    }

    /**
     * Creates the temporary file for target and fills it. It is created without explicit
     * permissions, so it gets the umask's mode like any new file (Files.createTempFile would make it
     * owner-only, and the rename would carry that mode to the image).
     */
    public void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp;
        while (true) {
            tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".part");
            try {
                Files.createFile(tmp);
                break;
            } catch (FileAlreadyExistsException e) {
                // another name
            } catch (IOException e) {
                throw new IOException("cannot write " + IoErrors.describe(target, e), e);
            }
        }
        LIVE.add(tmp);
        staged.put(target, tmp);
        try {
            writer.writeTo(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        } catch (IOException e) {
            throw new IOException("cannot write " + IoErrors.describe(target, e), e);
        }
    }

    /** Renames every temporary onto its target, in the order they were written. */
    public void commit() throws IOException {
        for (var it = staged.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            try {
                Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException x) {
                throw new IOException("cannot write " + IoErrors.describe(e.getKey(), x), x);
            }
            LIVE.remove(e.getValue());
            it.remove();
        }
    }

    @Override
    public void close() {
        for (Path tmp : staged.values()) {
            delete(tmp);
        }
        staged.clear();
    }

    /** Removes the temporaries of every set still open; for a shutdown hook out of time. */
    public static void deleteAllLive() {
        for (Path tmp : LIVE) {
            delete(tmp);
        }
    }

    private static void delete(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // nothing more can be done; the name starts with "." and ends with ".part"
        }
        LIVE.remove(tmp);
    }
}
