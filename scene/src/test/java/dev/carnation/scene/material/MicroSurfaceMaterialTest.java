package dev.carnation.scene.material;

import static dev.carnation.kernel.Layout.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carnation.scene.SceneException;
import dev.carnation.scene.io.Fields;
import dev.carnation.scene.texture.TextureTable;
import org.junit.jupiter.api.Test;

/**
 * "hammered" and "scratches" on a conductor (docs/metals.md): physical units reach the material record in
 * metres, a conductor without them leaves every new slot at zero (the kernel skips the whole step), and bad
 * values are refused in one line naming the file and the field.
 */
class MicroSurfaceMaterialTest {
    static final String METAL = "\"type\": \"conductor\", \"n\": [0.2, 0.4, 1.4], \"k\": [3, 2.4, 1.8]";

    static float[] parse(String json) throws Exception {
        return Materials.parse(new Fields("s.json", "/materials/m", new ObjectMapper().readTree(json)),
                new Material.Context(null, new TextureTable())).record();
    }

    static void refused(String json, String pointer, String words) {
        SceneException x = assertThrows(SceneException.class, () -> parse(json));
        assertTrue(x.getMessage().startsWith("s.json: " + pointer + ": "), x.getMessage());
        assertTrue(x.getMessage().contains(words), x.getMessage());
        assertFalse(x.getMessage().contains("\n"), "one line: " + x.getMessage());
    }

    @Test
    void plainConductorLeavesTheNewSlotsEmpty() throws Exception {
        float[] r = parse("{" + METAL + "}");
        for (int i = M_MICRO; i < MAT_STRIDE; i++) {
            assertEquals(0f, r[i], "slot " + i);
        }
    }

    @Test
    void unitsAreConvertedToMetres() throws Exception {
        float[] r = parse("{" + METAL + ", \"hammered\": {\"size_mm\": 2, \"depth_mm\": 0.05, \"seed\": 7},"
                + " \"scratches\": {\"density_per_mm2\": 0.5, \"length_mm\": 3, \"width_um\": 8, \"direction\": [0, 2, 0], \"seed\": 3}}");
        assertEquals(1f, r[M_MICRO]);
        assertEquals(2e-3f, r[M_HAM_SIZE], 1e-9f);
        assertEquals(5e-5f, r[M_HAM_DEPTH], 1e-11f);
        assertEquals(7f, r[M_HAM_SEED]);
        assertEquals(5e5f, r[M_SCR_DENSITY], 1e-1f);
        assertEquals(3e-3f, r[M_SCR_LENGTH], 1e-9f);
        assertEquals(8e-6f, r[M_SCR_WIDTH], 1e-12f);
        assertEquals(SCRATCH_DIRECTION, r[M_SCR_MODE]);
        assertArrayEquals(new float[] {0, 1, 0}, java.util.Arrays.copyOfRange(r, M_SCR_VEC, M_SCR_VEC + 3), "normalised");
        assertEquals(3f, r[M_SCR_SEED]);
        // covered fraction 1 - exp(-0.5 * 3 * 0.008) times 0.4^2 / 3
        assertEquals((1 - Math.exp(-0.012)) * 0.16 / 3, r[M_SCR_VAR], 1e-7);

        float[] h = parse("{" + METAL + ", \"hammered\": {}}");
        assertEquals(1f, h[M_MICRO]);
        assertEquals(2e-3f, h[M_HAM_SIZE], 1e-9f);
        assertEquals(0f, h[M_SCR_DENSITY], "no scratches unless asked for");
        assertEquals(SCRATCH_RANDOM, parse("{" + METAL + ", \"scratches\": {}}")[M_SCR_MODE]);
        assertEquals(SCRATCH_CIRCULAR, parse("{" + METAL + ", \"scratches\": {\"direction\": \"circular\"}}")[M_SCR_MODE]);
        float[] c = parse("{" + METAL + ", \"scratches\": {\"direction\": \"circular\", \"center\": [0.1, 0.2, 0.3]}}");
        assertEquals(0.2f, c[M_SCR_VEC + 1]);
        assertEquals(0f, parse("{" + METAL + ", \"scratches\": {}}")[M_HAM_SIZE], "no facets unless asked for");
    }

    @Test
    void badFieldsAreRefusedByName() {
        String h = "{" + METAL + ", \"hammered\": ";
        String s = "{" + METAL + ", \"scratches\": ";
        refused(h + "{\"size_mm\": 0}}", "/materials/m/hammered/size_mm", "must be > 0");
        refused(h + "{\"size_mm\": 500}}", "/materials/m/hammered/size_mm", "must be > 0 and <= 100");
        refused(h + "{\"depth_mm\": -1}}", "/materials/m/hammered/depth_mm", "must be > 0");
        refused(h + "{\"size_mm\": 1, \"depth_mm\": 2}}", "/materials/m/hammered/depth_mm", "must not exceed size_mm");
        refused(h + "{\"seed\": 1.5}}", "/materials/m/hammered/seed", "expected an integer");
        refused(h + "{\"size\": 2}}", "/materials/m/hammered/size", "unknown field");
        refused(h + "3}", "/materials/m/hammered", "expected an object");
        refused(s + "{\"density_per_mm2\": 0}}", "/materials/m/scratches/density_per_mm2", "must be > 0");
        refused(s + "{\"density_per_mm2\": 5, \"length_mm\": 2}}", "/materials/m/scratches/density_per_mm2", "must be at most 8");
        refused(s + "{\"length_mm\": -2}}", "/materials/m/scratches/length_mm", "must be > 0");
        refused(s + "{\"width_um\": 0}}", "/materials/m/scratches/width_um", "must be > 0");
        refused(s + "{\"length_mm\": 0.01, \"width_um\": 20}}", "/materials/m/scratches/width_um", "wider than it is long");
        refused(s + "{\"direction\": [0, 0, 0]}}", "/materials/m/scratches/direction", "non-zero direction");
        refused(s + "{\"direction\": \"spiral\"}}", "/materials/m/scratches/direction", "expected one of random, circular");
        refused(s + "{\"direction\": [1, 0]}}", "/materials/m/scratches/direction", "expected an array of 3 numbers");
        refused(s + "{\"center\": [0, 0, 0]}}", "/materials/m/scratches/center", "circular");
        refused(s + "{\"angle\": 3}}", "/materials/m/scratches/angle", "unknown field");
        refused("{\"type\": \"diffuse\", \"hammered\": {}}", "/materials/m/hammered", "unknown field");
    }
}
