package dev.carnation.scene;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carnation.scene.io.Fields;
import org.junit.jupiter.api.Test;

/** Sizes that cannot fit are refused before anything is allocated, with what is too big and how much it needs. */
class MemoryBudgetTest {
    static final long GIB = 1L << 30;

    @Test
    void theDocumentedMaximumSizeIsRefusedByTheArrayLimitNotByAnOverflow() {
        // 16384 x 16384 x 16 AOV floats (closed and open sample block) is 2^32: more than a Java array
        // holds (it wrapped to a negative size before). No heap helps, so the refusal must not depend
        // on it (the CLI renders such images in bands of rows instead).
        SceneException e = assertThrows(SceneException.class,
                () -> MemoryBudget.checkFilm("s.json", 16384, 16384, 0, 1L << 50));
        assertTrue(e.getMessage().contains("16384x16384") && e.getMessage().contains("268,435,456 pixels"), e.getMessage());
        assertFalse(e.getMessage().contains("-"), e.getMessage());
        // The suggested size fits.
        assertDoesNotThrow(() -> MemoryBudget.checkFilm("s.json", 16384, 8191, 0, 1L << 50));
        assertThrows(SceneException.class, () -> MemoryBudget.checkFilm("s.json", 16384, 8192, 0, 1L << 50));
    }

    @Test
    void aFilmLargerThanTheHeapIsRefusedWithItsSize() {
        SceneException e = assertThrows(SceneException.class,
                () -> MemoryBudget.checkFilm("s.json", 9000, 9000, 0, 8 * GIB));
        long need = 9000L * 9000 * MemoryBudget.BYTES_PER_PIXEL;
        assertTrue(e.getMessage().startsWith("s.json: a 9000x9000 film needs about " + MemoryBudget.size(need)), e.getMessage());
        assertTrue(e.getMessage().contains("8.0 GiB Java heap"), e.getMessage());
        assertDoesNotThrow(() -> MemoryBudget.checkFilm("s.json", 960, 640, 0, GIB));
        // The scene already loaded counts against the same heap.
        assertThrows(SceneException.class, () -> MemoryBudget.checkFilm("s.json", 960, 640, GIB, GIB));
    }

    @Test
    void filmBytesFollowTheLayout() {
        // Host and backend copies of: 6 doubles of sums and 6 of the open block, 8 AOV floats and 8 of the
        // open block, 3 stat ints, an active flag; plus a float RGBA image.
        assertEquals(2 * (12 * 8 + 16 * 4 + 3 * 4 + 4) + 16, MemoryBudget.BYTES_PER_PIXEL);
    }

    @Test
    void geometryReservationsAccumulateAndNameTheField() throws Exception {
        Fields at = new Fields("s.json", "/shapes/3", new ObjectMapper().readTree("{}"));
        MemoryBudget b = new MemoryBudget(GIB);
        b.geometry(at, "a sphere", 1_000_000, 2_000_000);
        assertEquals(1_000_000 * MemoryBudget.BYTES_PER_VERTEX + 2_000_000 * MemoryBudget.BYTES_PER_TRIANGLE, b.used());
        SceneException e = assertThrows(SceneException.class, () -> b.geometry(at, "another sphere", 1_000_000, 2_000_000));
        assertTrue(e.getMessage().startsWith("s.json: /shapes/3: another sphere (2,000,000 triangles) needs about"), e.getMessage());
        assertTrue(e.getMessage().contains("of the 1.0 GiB Java heap is left"), e.getMessage());
        SceneException t = assertThrows(SceneException.class, () -> b.texture(at, "base_color_texture", "big.png", 16384, 16384));
        assertTrue(t.getMessage().startsWith("s.json: /shapes/3/base_color_texture: \"big.png\" (16384x16384) needs about"), t.getMessage());
    }

    @Test
    void sizesReadForPeople() {
        assertEquals("512.0 KiB", MemoryBudget.size(512 << 10));
        assertEquals("1.5 MiB", MemoryBudget.size(3 << 19));
        assertEquals("25.7 GiB", MemoryBudget.size(12000L * 12000 * 192));
    }
}
