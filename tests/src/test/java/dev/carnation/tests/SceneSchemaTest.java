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
        };
        for (String b : bad) {
            JsonNode n = new ObjectMapper().readTree(b);
            assertFalse(schema.validate(n).isEmpty(), b);
        }
    }
}
