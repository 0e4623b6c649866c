package dev.carnation.tests;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/scene.schema.json describes what the loader accepts: every shipped scene validates. */
class SceneSchemaTest {
    static final Path ROOT = Path.of(System.getProperty("carnation.root", ".."));

    static JsonSchema schema() throws Exception {
        try (InputStream in = Files.newInputStream(ROOT.resolve("docs/scene.schema.json"))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    @Test
    void everyShippedSceneValidates() throws Exception {
        JsonSchema schema = schema();
        List<Path> scenes;
        try (Stream<Path> s = Files.list(ROOT.resolve("scenes"))) {
            scenes = s.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertTrue(scenes.size() >= 3);
        for (Path p : scenes) {
            Set<ValidationMessage> errors = schema.validate(new ObjectMapper().readTree(p.toFile()));
            assertTrue(errors.isEmpty(), p + ": " + errors);
        }
    }

    @Test
    void schemaRejectsWhatTheLoaderRejects() throws Exception {
        JsonSchema schema = schema();
        String[] bad = {
            "{\"camera\": {\"position\": [0,0,1], \"look_at\": [0,0,0], \"fov\": 40}}",
            "{\"camera\": {\"position\": [0,0,1], \"look_at\": [0,0,0]}, \"materials\": {\"m\": {\"type\": \"diffuse\", \"roughness\": 0.5}}}",
            "{\"camera\": {\"position\": [0,0,1], \"look_at\": [0,0,0]}, \"render\": {\"spp\": 0}}",
            "{\"camera\": {\"position\": [0,0,1]}}",
            "{\"camera\": {\"position\": [0,0,1], \"look_at\": [0,0,0]}, \"materials\": {\"h\": {\"type\": \"hair\", \"base_color_texture\": \"t.png\"}}}",
            "{\"camera\": {\"position\": [0,0,1], \"look_at\": [0,0,0]}, \"materials\": {\"h\": {\"type\": \"hair\", \"tip\": {\"beta_m\": 0.2}}}}",
        };
        for (String b : bad) {
            JsonNode n = new ObjectMapper().readTree(b);
            assertFalse(schema.validate(n).isEmpty(), b);
        }
    }

    @Test
    void hairMaterialsValidate() throws Exception {
        String json = "{\"camera\": {\"position\": [0,0,1], \"look_at\": [0,0,0]}, \"materials\": {"
                + "\"brown\": {\"type\": \"hair\", \"melanin\": 1.3, \"pheomelanin\": 0.2, \"tip\": {\"melanin\": 0.8},"
                + " \"beta_m\": 0.25, \"beta_n\": 0.3, \"alpha_deg\": 2, \"ior\": 1.55,"
                + " \"variation\": {\"melanin\": 0.2, \"roughness\": 0.1, \"tilt\": 0.3}},"
                + "\"dyed\": {\"type\": \"hair\", \"base_color\": [0.5, 0.2, 0.1], \"tip\": {\"base_color\": 0.8}}}}";
        Set<ValidationMessage> errors = schema().validate(new ObjectMapper().readTree(json));
        assertTrue(errors.isEmpty(), errors.toString());
    }
}
