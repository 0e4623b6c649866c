package dev.carnation.integrator.output;

import dev.carnation.integrator.film.ImageOutput;
import dev.carnation.scene.SceneException;
import dev.carnation.scene.io.IoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files a render will write, checked before any rendering so that a bad path costs nothing:
 * no target may be one of the scene's inputs or another target, an existing target must be a
 * file of its own kind (an image, a checkpoint) and nothing else, and each directory must exist,
 * be writable on a real file system, and have room for everything written there.
 */
public final class OutputTargets {
    /** What a target holds; an existing file is replaced only when it holds the same kind. */
    public enum Kind {
        IMAGE("an image (.png, .exr, .pfm)"),
        CHECKPOINT("a carnation checkpoint");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    /** role names the target in messages ("--out", "--aov albedo"); bytes is the size to expect. */
    public record Target(String role, Path path, Kind kind, long bytes) {}

    /** File systems of the kernel's own (status, control files) that cannot hold images. */
    static final Set<String> PSEUDO_FILE_SYSTEMS = Set.of("proc", "sysfs", "cgroup", "cgroup2", "debugfs", "tracefs",
            "securityfs", "configfs", "bpf", "efivarfs", "pstore", "devpts", "mqueue", "fusectl");

    /** Free bytes for a file store, an argument so that tests can pretend a disk is full. */
    @FunctionalInterface
    interface FreeSpace {
        long usable(FileStore store) throws IOException;
    }

    private final List<Target> targets = new ArrayList<>();
    private final FreeSpace freeSpace;

    public OutputTargets() {
        this(FileStore::getUsableSpace);
    }

    OutputTargets(FreeSpace freeSpace) {
        this.freeSpace = freeSpace;
    }

    public OutputTargets add(String role, Path path, Kind kind, long bytes) {
        targets.add(new Target(role, path, kind, bytes));
        return this;
    }

    public List<Target> targets() {
        return List.copyOf(targets);
    }

    /** Size of an uncompressed image file, an upper bound for PNG. */
    public static long imageBytes(Path path, int width, int height, int channels) {
        long pixels = (long) width * height;
        return switch (ImageOutput.formatOf(path)) {
            case PNG -> pixels * 4 + (long) height + 64 * 1024;
            case EXR -> 1024 + height * (16L + width * 16L);
            case PFM -> 64 + pixels * 4 * (channels == 1 ? 1 : 3);
        };
    }

    /** Throws a {@link SceneException} for the first target that cannot or must not be written. */
    public void check(Collection<Path> inputs) {
        Map<Path, Target> seen = new HashMap<>();
        Map<Path, Long> bytesPerDir = new LinkedHashMap<>();
        for (Target t : targets) {
            Path dir = directory(t);
            Path key = dir.resolve(t.path.getFileName());
            Target other = seen.putIfAbsent(key, t);
            if (other != null) {
                throw error(t, "is also the " + other.role + " file");
            }
            for (Path in : inputs) {
                if (sameFile(t.path, in)) {
                    throw error(t, "is one of the scene's input files; refusing to overwrite it (choose another name)");
                }
            }
            checkExisting(t);
            bytesPerDir.merge(dir, t.bytes, Long::sum);
        }
        checkSpace(bytesPerDir);
    }

    private static Path directory(Target t) {
        Path dir = t.path.toAbsolutePath().getParent();
        if (!Files.exists(dir)) {
            throw error(t, "directory " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw error(t, dir + " is not a directory");
        }
        try {
            dir = dir.toRealPath();
            FileStore store = Files.getFileStore(dir);
            if (PSEUDO_FILE_SYSTEMS.contains(store.type())) {
                throw error(t, dir + " is on the " + store.type() + " file system, which cannot hold files");
            }
            if (store.isReadOnly()) {
                throw error(t, dir + " is on a read-only file system");
            }
            // The only sure test of writability (ACLs, root squash, immutable directories).
            Files.delete(Files.createTempFile(dir, ".carnation-probe-", ".part"));
        } catch (IOException e) {
            throw error(t, "cannot write in " + IoErrors.describe(dir, e));
        }
        return dir;
    }

    private static boolean sameFile(Path target, Path input) {
        try {
            return Files.exists(target) && Files.exists(input) && Files.isSameFile(target, input);
        } catch (IOException e) {
            return false;
        }
    }

    private static void checkExisting(Target t) {
        Path p = t.path;
        if (!Files.exists(p)) {
            return;
        }
        if (Files.isDirectory(p)) {
            throw error(t, "is a directory");
        }
        if (!Files.isRegularFile(p)) {
            throw error(t, "is not a regular file");
        }
        try {
            if (Files.size(p) > 0 && !holds(t.kind, p)) {
                throw error(t, "exists and is not " + t.kind.description + "; refusing to overwrite it");
            }
        } catch (IOException e) {
            throw error(t, "exists and cannot be checked before overwriting it: " + IoErrors.reason(e));
        }
    }

    private static boolean holds(Kind kind, Path p) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(p)) {
            head = in.readNBytes(16);
        }
        return switch (kind) {
            case IMAGE -> startsWith(head, new byte[] {(byte) 0x89, 'P', 'N', 'G'})
                    || startsWith(head, new byte[] {0x76, 0x2f, 0x31, 0x01})
                    || startsWith(head, "PF\n".getBytes()) || startsWith(head, "Pf\n".getBytes());
            case CHECKPOINT -> startsWith(head, Checkpoint.MAGIC);
        };
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    private void checkSpace(Map<Path, Long> bytesPerDir) {
        Map<FileStore, Long> need = new LinkedHashMap<>();
        Map<FileStore, Path> where = new HashMap<>();
        for (var e : bytesPerDir.entrySet()) {
            try {
                FileStore s = Files.getFileStore(e.getKey());
                need.merge(s, e.getValue(), Long::sum);
                where.putIfAbsent(s, e.getKey());
            } catch (IOException ignored) {
                // checked in directory()
            }
        }
        for (var e : need.entrySet()) {
            long free;
            try {
                free = freeSpace.usable(e.getKey());
            } catch (IOException x) {
                continue; // unknown: the staged write still fails cleanly
            }
            if (free < e.getValue()) {
                throw new SceneException("not enough free space in " + where.get(e.getKey()) + " for the output: about "
                        + mib(e.getValue()) + " needed, " + mib(free) + " free");
            }
        }
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }

    private static SceneException error(Target t, String why) {
        return new SceneException(t.role + ": " + t.path + ": " + why);
    }
}
