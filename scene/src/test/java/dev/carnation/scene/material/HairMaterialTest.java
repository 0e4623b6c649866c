package dev.carnation.scene.material;

import static dev.carnation.kernel.Layout.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carnation.scene.SceneException;
import dev.carnation.scene.io.Fields;
import org.junit.jupiter.api.Test;

/** The "hair" material type: what each field puts in the record, and one-line refusals naming the field. */
class HairMaterialTest {
    static float[] parse(String json) throws Exception {
        return Materials.parse(new Fields("s.json", "/materials/h", new ObjectMapper().readTree(json)), new Material.Context(null, null)).record();
    }

    static void refused(String json, String pointer, String words) {
        SceneException x = assertThrows(SceneException.class, () -> parse(json));
        assertTrue(x.getMessage().startsWith("s.json: " + pointer + ": "), x.getMessage());
        assertTrue(x.getMessage().contains(words), x.getMessage());
    }

    @Test
    void defaultsAreBrownHairWithChiangsParameters() throws Exception {
        float[] r = parse("{\"type\": \"hair\"}");
        assertEquals(MAT_HAIR, r[M_TYPE]);
        assertEquals(HAIR_MELANIN, r[M_HAIR_MODE]);
        assertArrayEquals(new float[] {1.3f, 0f, 0f}, java.util.Arrays.copyOfRange(r, M_HAIR_ROOT, M_HAIR_ROOT + 3));
        assertArrayEquals(new float[] {1.3f, 0f, 0f}, java.util.Arrays.copyOfRange(r, M_HAIR_TIP, M_HAIR_TIP + 3));
        assertEquals(0.3f, r[M_HAIR_BETA_M]);
        assertEquals(0.3f, r[M_HAIR_BETA_N]);
        assertEquals(Math.toRadians(2), r[M_HAIR_ALPHA], 1e-7);
        assertEquals(1.55f, r[M_IOR]);
        assertEquals(0f, r[M_HAIR_VAR_MELANIN] + r[M_HAIR_VAR_ROUGH] + r[M_HAIR_VAR_TILT]);
        assertEquals(0f, r[M_EMIT] + r[M_EMIT + 1] + r[M_EMIT + 2]);
    }

    @Test
    void everyFieldReachesTheRecord() throws Exception {
        float[] r = parse("{\"type\": \"hair\", \"melanin\": 0.4, \"pheomelanin\": 1.1, \"tip\": {\"melanin\": 0.1},"
                + " \"beta_m\": 0.2, \"beta_n\": 0.6, \"alpha_deg\": 3, \"ior\": 1.5,"
                + " \"variation\": {\"melanin\": 0.3, \"roughness\": 0.1, \"tilt\": 0.5}}");
        assertEquals(0.4f, r[M_HAIR_ROOT]);
        assertEquals(1.1f, r[M_HAIR_ROOT + 1]);
        assertEquals(0.1f, r[M_HAIR_TIP]);
        assertEquals(1.1f, r[M_HAIR_TIP + 1], "the tip keeps the root's pheomelanin");
        assertEquals(0.2f, r[M_HAIR_BETA_M]);
        assertEquals(0.6f, r[M_HAIR_BETA_N]);
        assertEquals(Math.toRadians(3), r[M_HAIR_ALPHA], 1e-7);
        assertEquals(1.5f, r[M_IOR]);
        assertEquals(0.3f, r[M_HAIR_VAR_MELANIN]);
        assertEquals(0.1f, r[M_HAIR_VAR_ROUGH]);
        assertEquals(0.5f, r[M_HAIR_VAR_TILT]);

        float[] c = parse("{\"type\": \"hair\", \"base_color\": [0.6, 0.4, 0.2], \"tip\": {\"base_color\": 0.9}}");
        assertEquals(HAIR_COLOR, c[M_HAIR_MODE]);
        assertEquals(0.4f, c[M_HAIR_ROOT + 1]);
        assertEquals(0.9f, c[M_HAIR_TIP + 2]);

        float[] s = parse("{\"type\": \"hair\", \"sigma_a\": [0.1, 0.2, 0.3]}");
        assertEquals(HAIR_ABSORPTION, s[M_HAIR_MODE]);
        assertEquals(0.3f, s[M_HAIR_ROOT + 2]);
        assertEquals(0.3f, s[M_HAIR_TIP + 2]);
    }

    @Test
    void badFieldsAreRefusedByName() {
        refused("{\"type\": \"hair\", \"melanin\": 1, \"base_color\": 0.5}", "/materials/h/base_color", "give one of");
        refused("{\"type\": \"hair\", \"base_color\": 0.5, \"sigma_a\": [1, 1, 1]}", "/materials/h/sigma_a", "give one of");
        refused("{\"type\": \"hair\", \"melanin\": 1, \"tip\": {\"sigma_a\": [1, 1, 1]}}", "/materials/h/tip/sigma_a",
                "same kind of pigment as the root (melanin)");
        refused("{\"type\": \"hair\", \"melanin\": -1}", "/materials/h/melanin", "out of range [0.0, 100.0]");
        refused("{\"type\": \"hair\", \"base_color\": [0.5, 1.5, 0.5]}", "/materials/h/base_color", "colour components must be in [0, 1.0]");
        refused("{\"type\": \"hair\", \"sigma_a\": [1, -1, 1]}", "/materials/h/sigma_a", "must be in [0, 10000.0]");
        refused("{\"type\": \"hair\", \"sigma_a\": [1, 1]}", "/materials/h/sigma_a", "expected an array of 3 numbers");
        refused("{\"type\": \"hair\", \"beta_m\": 0}", "/materials/h/beta_m", "out of range [0.01, 1.0]");
        refused("{\"type\": \"hair\", \"beta_n\": 1.5}", "/materials/h/beta_n", "out of range [0.01, 1.0]");
        refused("{\"type\": \"hair\", \"alpha_deg\": 45}", "/materials/h/alpha_deg", "out of range [0.0, 10.0]");
        refused("{\"type\": \"hair\", \"ior\": 1}", "/materials/h/ior", "out of range");
        refused("{\"type\": \"hair\", \"variation\": {\"curl\": 1}}", "/materials/h/variation/curl", "unknown field");
        refused("{\"type\": \"hair\", \"variation\": {\"tilt\": 2}}", "/materials/h/variation/tilt", "out of range [0.0, 1.0]");
        refused("{\"type\": \"hair\", \"tip\": {\"melanin\": 1, \"beta_m\": 0.2}}", "/materials/h/tip/beta_m", "unknown field");
        refused("{\"type\": \"hair\", \"emission\": 1}", "/materials/h/emission", "unknown field");
        refused("{\"type\": \"hair\", \"tip\": 3}", "/materials/h/tip", "expected an object");
    }
}
