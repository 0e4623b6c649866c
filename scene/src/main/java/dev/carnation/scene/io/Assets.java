package dev.carnation.scene.io;

import dev.carnation.scene.SceneException;
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
        Path p = Path.of(name);
        if (p.isAbsolute()) {
            return found(check(at, key, p));
        }
        if (sceneDir != null && Files.isRegularFile(sceneDir.resolve(p))) {
            return found(sceneDir.resolve(p));
        }
        if (root != null && Files.isRegularFile(root.resolve(p))) {
            return found(root.resolve(p));
        }
        String where = root == null
                ? "next to the scene (no asset root set: use --assets DIR or CARNATION_ASSETS)"
                : "next to the scene or under the asset root " + root;
        throw at.error(key, "file \"" + name + "\" not found " + where);
    }

    /** A file under the asset root only (built-in data such as measured spectra). */
    public Path asset(Fields at, String key, String name) {
        if (root == null || !Files.isRegularFile(root.resolve(name))) {
            throw at.error(key, "needs " + name + " under the asset root"
                    + (root == null ? " (none set: use --assets DIR or CARNATION_ASSETS)" : " " + root));
        }
        return found(root.resolve(name));
    }

    private static Path check(Fields at, String key, Path p) {
        if (!Files.isRegularFile(p)) {
            throw at.error(key, "file \"" + p + "\" not found");
        }
        if (!Files.isReadable(p)) {
            throw at.error(key, "file \"" + p + "\" is not readable");
        }
        return p;
    }

    public static SceneException unreadable(Fields at, String key, Path p, Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return at.error(key, "cannot read \"" + p.getFileName() + "\": " + why.lines().findFirst().orElse(why));
    }
}
