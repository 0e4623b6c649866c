package dev.carnation.scene.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheDirTest {
    @Test
    void propertyThenEnvironmentThenXdgThenHome() {
        assertEquals(Path.of("/p"), CacheDir.resolve(Map.of("CARNATION_CACHE_DIR", "/e", "XDG_CACHE_HOME", "/x"), null, "/p", "/h"));
        assertEquals(Path.of("/e"), CacheDir.resolve(Map.of("CARNATION_CACHE_DIR", "/e", "XDG_CACHE_HOME", "/x"), null, null, "/h"));
        assertEquals(Path.of("/x/carnation"), CacheDir.resolve(Map.of("XDG_CACHE_HOME", "/x"), null, null, "/h"));
        assertEquals(Path.of("/h/.cache/carnation"), CacheDir.resolve(Map.of("XDG_CACHE_HOME", "relative"), null, null, "/h"),
                "XDG_CACHE_HOME must be absolute (XDG base directory spec)");
        assertEquals(Path.of("/h/.cache/carnation"), CacheDir.resolve(Map.of(), null, null, "/h"));
        assertNull(CacheDir.resolve(Map.of(), null, null, null));
    }

    @Test
    void offSwitch() {
        assertNull(CacheDir.resolve(Map.of("CARNATION_CACHE", "off", "CARNATION_CACHE_DIR", "/e"), null, null, "/h"));
        assertNull(CacheDir.resolve(Map.of(), "off", "/p", "/h"));
        assertEquals(Path.of("/p"), CacheDir.resolve(Map.of("CARNATION_CACHE", "off"), "on", "/p", "/h"), "the property wins");
    }
}
