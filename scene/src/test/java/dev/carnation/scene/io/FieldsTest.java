package dev.carnation.scene.io;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carnation.scene.SceneException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Field accessors refuse values that would wrap, overflow single precision or leave the world. */
class FieldsTest {
    static Fields of(String json) throws Exception {
        return new Fields("s.json", "/r", new ObjectMapper().readTree(json));
    }

    static void refused(Executable e, String pointer, String words) {
        SceneException x = assertThrows(SceneException.class, e);
        assertTrue(x.getMessage().startsWith("s.json: " + pointer + ": "), x.getMessage());
        assertTrue(x.getMessage().contains(words), x.getMessage());
    }

    @Test
    void integersBeyondSixtyFourBitsDoNotWrap() throws Exception {
        // 2^64 + 2: asLong() reads it as 2, which is in range.
        refused(() -> of("{\"spp\": 18446744073709551618}").integer("spp", 1, 1, 1 << 20), "/r/spp", "18446744073709551618");
        refused(() -> of("{\"spp\": -9223372036854775809}").integer("spp", 1, 1, 1 << 20), "/r/spp", "out of range");
        refused(() -> of("{\"spp\": 4294967298}").integer("spp", 1, 1, 1 << 20), "/r/spp", "out of range");
        assertEquals(1 << 20, of("{\"spp\": 1048576}").integer("spp", 1, 1, 1 << 20));
        assertEquals(-7, of("{\"seed\": -7}").integer("seed", 0, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    @Test
    void numbersMustBeFiniteInSinglePrecision() throws Exception {
        refused(() -> of("{\"x\": 1e39}").number("x"), "/r/x", "single precision");
        refused(() -> of("{\"v\": [0, -1e39, 0]}").vector("v", 3), "/r/v/1", "single precision");
        refused(() -> of("{\"v\": [0, \"a\", 0]}").vector("v", 3), "/r/v/1", "expected a number");
        assertEquals(3e38, of("{\"x\": 3e38}").number("x"));
    }

    @Test
    void pointsStayInTheWorld() throws Exception {
        refused(() -> of("{\"p\": [0, 0, 2e6]}").point("p"), "/r/p/2", "within");
        assertArrayEquals(new double[] {1, -1e6, 0}, of("{\"p\": [1, -1e6, 0]}").point("p"));
    }

    @Test
    void directionsAreNormalisedWithoutOverflow() throws Exception {
        double[] d = of("{\"up\": [0, 3e38, 3e38]}").direction("up", 0, 1, 0);
        assertEquals(Math.sqrt(0.5), d[1], 1e-12);
        assertEquals(Math.sqrt(0.5), d[2], 1e-12);
        refused(() -> of("{\"up\": [0, 0, 0]}").direction("up", 0, 1, 0), "/r/up", "non-zero direction");
        assertArrayEquals(new double[] {0, 1, 0}, of("{}").direction("up", 0, 1, 0));
    }
}
