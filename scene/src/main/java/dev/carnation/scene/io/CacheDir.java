package dev.carnation.scene.io;

import java.nio.file.Path;
import java.util.Map;

/**
 * carnation's user cache folder (compiled kernels; the launcher keeps its class-data archive
 * there too): {@code -Dcarnation.cache.dir}, else {@code $CARNATION_CACHE_DIR}, else
 * {@code $XDG_CACHE_HOME/carnation}, else {@code ~/.cache/carnation}. {@code CARNATION_CACHE=off}
 * (or {@code -Dcarnation.cache=off}) turns every cache off. Everything in it can be deleted at any
 * time: it is rebuilt on the next run.
 */
public final class CacheDir {
    private CacheDir() {}

    /** The folder, or null when caching is off or no home folder is known. */
    public static Path resolve() {
        return resolve(System.getenv(), System.getProperty("carnation.cache"), System.getProperty("carnation.cache.dir"),
                System.getProperty("user.home"));
    }

    static Path resolve(Map<String, String> env, String switchProperty, String dirProperty, String home) {
        String off = switchProperty != null ? switchProperty : env.get("CARNATION_CACHE");
        if (off != null && (off.equalsIgnoreCase("off") || off.equals("0") || off.equalsIgnoreCase("false"))) {
            return null;
        }
        if (dirProperty != null && !dirProperty.isBlank()) {
            return Path.of(dirProperty).toAbsolutePath();
        }
        String d = env.get("CARNATION_CACHE_DIR");
        if (d != null && !d.isBlank()) {
            return Path.of(d).toAbsolutePath();
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "carnation");
        }
        if (home == null || home.isBlank() || home.equals("?")) {
            return null;
        }
        return Path.of(home, ".cache", "carnation");
    }
}
