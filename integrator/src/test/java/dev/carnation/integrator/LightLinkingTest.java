package dev.carnation.integrator;

import static dev.carnation.kernel.Layout.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.film.Film;
import dev.carnation.kernel.geom.Surface;
import dev.carnation.kernel.geom.Traversal;
import dev.carnation.kernel.light.AreaLight;
import dev.carnation.kernel.light.LightLinking;
import dev.carnation.kernel.light.LightSampler;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.SceneException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Light linking (a light lights only some receivers) and shadow linking (a light's shadow rays pass
 * through some blockers), docs/light-sampling.md#light-and-shadow-linking.
 */
class LightLinkingTest {

    /**
     * A camera straight above a floor that fills the view, one light beside it out of view, one
     * bounce: every pixel is the floor's direct light. %s: the floor's material, %s: the light's
     * linking fields. A ball stands out of view (a name to link, a surface for BSDF rays).
     */
    static final String FLOOR = """
            {"camera": {"position": [0, 0.5, 0], "look_at": [0, 0, 0], "up": [0, 0, -1], "focal_length_mm": 50, "f_number": 0},
             "render": {"width": 24, "height": 16, "max_depth": 1, "seed": 3},
             "materials": {"floor": %s, "ball": {"type": "diffuse", "base_color": 0.5}},
             "shapes": [{"name": "floor", "type": "box", "size": [3, 0.2, 3], "material": "floor", "transform": {"translate": [0, -0.1, 0]}},
                        {"name": "ball", "type": "sphere", "radius": 0.05, "material": "ball", "transform": {"translate": [0.6, 0.05, 0]}}],
             "lights": [{"name": "softbox", "type": "%s", "position": [-0.4, 0.3, 0], "look_at": [0, 0, 0], %s "radiance": 3 %s}]}
            """;
    static final String DIFFUSE = "{\"type\": \"diffuse\", \"base_color\": 0.7}";
    static final String GLOSSY = "{\"type\": \"conductor\", \"preset\": \"silver\", \"roughness\": 0.4}";
    static final String SKIN = "{\"type\": \"skin\", \"base_color\": [0.7, 0.5, 0.4], \"mean_free_path_mm\": [2, 1, 0.5]}";

    static Scene floor(String material, String light, String linking) throws Exception {
        String size = light.equals("rectangle") ? "\"size\": [0.3, 0.3]," : "\"radius\": 0.15,";
        return Scenes.fromJson(FLOOR.formatted(material, light, size, linking));
    }

    static double sum(Film f) {
        double s = 0;
        for (float v : f.radiance()) {
            s += v;
        }
        return s;
    }

    /**
     * An excluded receiver gets exactly nothing from the light, by light samples, by BSDF-sampled
     * hits and under MIS, for diffuse, glossy and subsurface receivers (a walk's exit lies on the
     * skin object, which is the receiver); without the exclusion the same floor is lit.
     */
    @ParameterizedTest
    @ValueSource(strings = {"diffuse rectangle", "glossy rectangle", "skin rectangle", "diffuse sphere", "glossy disk"})
    void excludedReceiverGetsExactlyZero(String setup) throws Exception {
        String[] a = setup.split(" ");
        String mat = switch (a[0]) {
            case "diffuse" -> DIFFUSE;
            case "glossy" -> GLOSSY;
            default -> SKIN;
        };
        Scene lit = floor(mat, a[1], "");
        Scene excluded = floor(mat, a[1], ", \"light_linking\": {\"exclude\": [\"floor\"]}");
        Scene notIncluded = floor(mat, a[1], ", \"light_linking\": {\"include\": [\"ball\"]}");
        for (int nee : new int[] {NEE_MIS, NEE_LIGHTS_ONLY, NEE_BSDF_ONLY}) {
            assertTrue(sum(Scenes.render(lit, 16, 2, nee)) > 0, setup + ": the floor is lit without linking (mode " + nee + ")");
            Film ex = Scenes.render(excluded, 16, 2, nee);
            assertEquals(0.0, sum(ex), setup + ": an excluded floor (mode " + nee + ")");
            assertEquals(0.0, sum(Scenes.render(notIncluded, 16, 2, nee)), setup + ": a floor not included (mode " + nee + ")");
        }
    }

    /**
     * A receiver the light still lights renders bit for bit as without linking: excluding another
     * object changes neither its light selection nor its MIS weights (one bounce, so the excluded
     * object's own light cannot reach it).
     */
    @ParameterizedTest
    @ValueSource(strings = {"rectangle", "sphere"})
    void includedReceiverUnchanged(String light) throws Exception {
        Scene plain = floor(GLOSSY, light, "");
        Scene linked = floor(GLOSSY, light, ", \"light_linking\": {\"exclude\": [\"ball\"]}");
        Scene included = floor(GLOSSY, light, ", \"light_linking\": {\"include\": [\"floor\"]}");
        for (int nee : new int[] {NEE_MIS, NEE_BSDF_ONLY}) {
            float[] a = Scenes.render(plain, 8, 2, nee).radiance();
            assertArrayEquals(a, Scenes.render(linked, 8, 2, nee).radiance(), light + ", mode " + nee);
            assertArrayEquals(a, Scenes.render(included, 8, 2, nee).radiance(), light + ", mode " + nee);
        }
    }

    /** The camera sees a light whatever it lights (here: nothing). */
    @Test
    void cameraStillSeesTheLight() throws Exception {
        Scene s = Scenes.fromJson("""
                {"camera": {"position": [0, 0, 0], "look_at": [0, 1, 0], "up": [0, 0, -1], "focal_length_mm": 20, "f_number": 0},
                 "render": {"width": 8, "height": 8, "max_depth": 2},
                 "materials": {"m": {"type": "diffuse"}},
                 "shapes": [{"name": "floor", "type": "rectangle", "size": [1, 1], "material": "m", "transform": {"translate": [0, -1, 0], "rotate_deg": [-90, 0, 0]}}],
                 "lights": [{"type": "rectangle", "position": [0, 1, 0], "look_at": [0, 0, 0], "size": [3, 3], "radiance": 2,
                             "light_linking": {"include": []}}]}
                """);
        float[] r = Scenes.render(s, 2, 1, NEE_MIS).radiance();
        for (float v : r) {
            assertEquals(2f, v, 1e-6f);
        }
    }

    /**
     * A card between the lights and the floor. Shadow rays of the light that ignores the card pass
     * through it: with light samples only, one bounce, the floor renders bit for bit as with no
     * card at all, and under MIS the same (a light with shadow linking is carried by light samples
     * alone). The other light is still shadowed by the card.
     */
    @ParameterizedTest
    @ValueSource(strings = {"rectangle", "sphere"})
    void shadowLinkedBlockerCastsNoShadowFromThatLight(String type) throws Exception {
        String scene = """
                {"camera": {"position": [CAMX, 0.6, 0], "look_at": [CAMX, 0, 0], "up": [0, 0, -1], "focal_length_mm": 300, "f_number": 0},
                 "render": {"width": 24, "height": 16, "max_depth": 1, "seed": 4},
                 "materials": {"floor": {"type": "diffuse", "base_color": 0.7}, "card": {"type": "diffuse", "base_color": 0.5}},
                 "shapes": [{"name": "floor", "type": "rectangle", "size": [3, 3], "material": "floor", "transform": {"rotate_deg": [-90, 0, 0]}}
                            %s],
                 "lights": [%s]}
                """;
        String card = ", {\"name\": \"card\", \"type\": \"rectangle\", \"size\": [0.2, 0.2], \"material\": \"card\","
                + " \"transform\": {\"translate\": [-0.25, 0.15, 0], \"rotate_deg\": [-90, 0, 0]}}";
        String shape = type.equals("sphere") ? "\"type\": \"sphere\", \"radius\": 0.05" : "\"type\": \"rectangle\", \"size\": [0.2, 0.2]";
        String a = "{" + shape + ", \"position\": [-0.4, 0.4, 0], \"look_at\": [0, 0, 0], \"radiance\": 40 %s}";
        String b = "{\"type\": \"rectangle\", \"size\": [0.2, 0.2], \"position\": [-0.42, 0.42, 0.03], \"look_at\": [0, 0, 0], \"radiance\": 40}";
        String ignore = ", \"shadow_linking\": {\"exclude\": [\"card\"]}";
        // Beside the card's shadow, where BSDF-sampled rays reach the light too: the same bits
        // (a light with shadow linking is never counted at BSDF-sampled hits).
        String beside = scene.replace("CAMX", "0.3");
        Film open = Scenes.render(Scenes.fromJson(beside.formatted("", a.formatted(""))), 16, 2, NEE_LIGHTS_ONLY);
        assertTrue(sum(open) > 0);
        assertArrayEquals(open.radiance(), Scenes.render(Scenes.fromJson(beside.formatted(card, a.formatted(ignore))), 16, 2, NEE_MIS)
                .radiance(), "MIS, beside the shadow");
        // In the card's shadow.
        scene = scene.replace("CAMX", "-0.1");
        Film noCard = Scenes.render(Scenes.fromJson(scene.formatted("", a.formatted(""))), 16, 2, NEE_LIGHTS_ONLY);
        Film withCard = Scenes.render(Scenes.fromJson(scene.formatted(card, a.formatted(""))), 16, 2, NEE_LIGHTS_ONLY);
        Scene linked = Scenes.fromJson(scene.formatted(card, a.formatted(ignore)));
        assertTrue(sum(withCard) < 0.97 * sum(noCard), "the card shadows the floor without linking: " + sum(withCard) + " vs " + sum(noCard));
        assertArrayEquals(noCard.radiance(), Scenes.render(linked, 16, 2, NEE_LIGHTS_ONLY).radiance(), "light samples only");
        assertArrayEquals(noCard.radiance(), Scenes.render(linked, 16, 2, NEE_MIS).radiance(), "MIS");
        // The other light: its shadow of the card stays.
        Film bNoCard = Scenes.render(Scenes.fromJson(scene.formatted("", b)), 16, 2, NEE_LIGHTS_ONLY);
        Film both = Scenes.render(Scenes.fromJson(scene.formatted(card, a.formatted(ignore) + ", " + b)), 64, 2, NEE_MIS);
        Film bothNoCard = Scenes.render(Scenes.fromJson(scene.formatted("", a.formatted("") + ", " + b)), 64, 2, NEE_MIS);
        // Where b's light falls through the card's place: below the card, darker with the card than without.
        double[] shade = regionSums(both, bothNoCard, bNoCard);
        assertTrue(shade[0] < shade[1] - 5 * Math.sqrt(shade[2]), String.format(
                "under the card, both lights: %.4f with the card (a ignores it), %.4f without (sigma %.4f)", shade[0], shade[1],
                Math.sqrt(shade[2])));
    }

    /**
     * Sums over the pixels that b alone lights most (the floor below b, where the card stands in
     * b's way): of film x and film y, and the variance of their difference.
     */
    static double[] regionSums(Film x, Film y, Film b) {
        float[] lb = b.radiance();
        double max = 0;
        for (float v : lb) {
            max = Math.max(max, v);
        }
        double sx = 0;
        double sy = 0;
        double var = 0;
        double[] vx = x.varianceOfMean();
        double[] vy = y.varianceOfMean();
        for (int i = 0; i < lb.length; i++) {
            if (lb[i] > 0.5 * max) {
                sx += x.radiance()[i];
                sy += y.radiance()[i];
                var += vx[i] + vy[i];
            }
        }
        return new double[] {sx, sy, var};
    }

    /**
     * Under linking, MIS stays consistent: MIS, light samples alone and BSDF-sampled hits alone
     * render the same image in expectation, with lights excluded from some receivers, a light that
     * lights one object only, and an environment kept off the floor (three bounces: light that
     * reaches an excluded floor off another object counts, as it should).
     */
    @Test
    void misConsistentUnderLinking() throws Exception {
        String scene = """
                {"camera": {"position": [0, 0.55, 1.3], "look_at": [0, 0.12, 0], "focal_length_mm": 35},
                 "render": {"width": 32, "height": 24, "max_depth": 3, "seed": %d},
                 "materials": {"floor": {"type": "diffuse", "base_color": 0.6},
                               "metal": {"type": "conductor", "preset": "gold", "roughness": 0.35},
                               "ball": {"type": "diffuse", "base_color": 0.4}},
                 "shapes": [{"name": "floor", "type": "rectangle", "size": [3, 3], "material": "floor", "transform": {"rotate_deg": [-90, 0, 0]}},
                            {"name": "metal", "type": "sphere", "radius": 0.12, "material": "metal", "transform": {"translate": [-0.2, 0.12, 0]}},
                            {"name": "ball", "type": "sphere", "radius": 0.1, "material": "ball", "transform": {"translate": [0.22, 0.1, 0.1]}}],
                 "lights": [{"type": "rectangle", "position": [-0.5, 0.45, 0.3], "look_at": [0, 0.1, 0], "size": [0.5, 0.4], "radiance": 4,
                             "light_linking": {"exclude": ["floor"]}},
                            {"type": "sphere", "position": [0.35, 0.45, -0.1], "radius": 0.06, "radiance": 20,
                             "light_linking": {"include": ["metal"]}},
                            {"type": "disk", "position": [0.1, 0.7, 0.4], "look_at": [0, 0, 0], "radius": 0.12, "radiance": 3,
                             "light_linking": {"exclude": ["ball", "metal"]}},
                            {"type": "environment", "radiance": [0.08, 0.1, 0.14], "light_linking": {"exclude": ["floor"]}}]}
                """;
        Film mis = Scenes.render(Scenes.fromJson(scene.formatted(5)), 256, 2, NEE_MIS);
        MisConsistencyTest.compare("BSDF only, linked", mis, Scenes.render(Scenes.fromJson(scene.formatted(7)), 1024, 2, NEE_BSDF_ONLY));
        MisConsistencyTest.compare("lights only, linked", mis, Scenes.render(Scenes.fromJson(scene.formatted(6)), 512, 2, NEE_LIGHTS_ONLY));
    }

    /**
     * At a receiver of each link group, every light sample's density (selection among the lights
     * that light it included) equals the density emitterPdf gives the ray that hits the light, and
     * no sample goes to a light that does not light the receiver.
     */
    @Test
    void lightSampleDensityEqualsEmitterHitDensityPerGroup() throws Exception {
        Scene scene = Scenes.fromJson("""
                {"camera": {"position": [0, 0.5, 1.3], "look_at": [0, 0, 0]},
                 "materials": {"m": {"type": "diffuse"}},
                 "shapes": [{"name": "floor", "type": "rectangle", "size": [3, 3], "material": "m", "transform": {"rotate_deg": [-90, 0, 0]}},
                            {"name": "post", "type": "box", "size": [0.02, 0.02, 0.02], "material": "m", "transform": {"translate": [0, -0.5, 0]}}],
                 "lights": [{"type": "rectangle", "position": [-0.5, 0.45, 0.3], "look_at": [0, 0.1, 0], "size": [0.5, 0.4], "radiance": 4},
                            {"type": "sphere", "position": [0.35, 0.45, -0.1], "radius": 0.06, "radiance": 20,
                             "light_linking": {"include": ["post"]}},
                            {"type": "rectangle", "position": [0.1, 0.7, 0.4], "look_at": [0, 0, 0], "size": [0.2, 0.2], "radiance": 3,
                             "light_linking": {"exclude": ["post"]}},
                            {"type": "environment", "radiance": [0.1, 0.1, 0.1], "light_linking": {"exclude": ["floor"]}}]}
                """);
        SceneBuffers b = SceneBuffers.pack(scene);
        int[] si = b.sceneI();
        float[] sf = b.sceneF();
        assertEquals(1, si[H_LINKING]);
        // Object ids: floor 0, post 1, then the lights 2, 3, 4.
        int floorBit = LightLinking.receiverBit(si, 0);
        int postBit = LightLinking.receiverBit(si, 1);
        assertNotEquals(floorBit, postBit);
        float[] s = new float[S_SIZE];
        float[] e = new float[S_SIZE];
        int[] stack = new int[STACK_SIZE];
        SplittableRandom rng = new SplittableRandom(2);
        int[][] picked = new int[2][4];
        int checked = 0;
        for (int i = 0; i < 20_000; i++) {
            int which = i % 2;
            int bit = which == 0 ? floorBit : postBit;
            float px = (float) rng.nextDouble(-0.6, 0.6);
            float pz = (float) rng.nextDouble(-0.5, 0.6);
            float py = 0.001f;
            if (!LightSampler.sample(si, sf, b.texels(), px, py, pz, 0, 1, 0, (float) rng.nextDouble(),
                    (float) rng.nextDouble(), (float) rng.nextDouble(), bit, s)) {
                continue;
            }
            int light = (int) s[S_LID];
            picked[which][light + 1]++;
            if (light < 0) {
                continue;
            }
            assertEquals(1f, LightLinking.lit(si, light, bit), "a sample of a light that does not light the receiver");
            float dx = s[S_LWI];
            float dy = s[S_LWI + 1];
            float dz = s[S_LWI + 2];
            int tri = Traversal.closestHit(si, sf, e, stack, px, py, pz, dx, dy, dz, 1e30f, -1);
            if (tri < 0 || si[si[H_TRI_OFF] + tri * TRI_STRIDE + T_LIGHT] != light) {
                continue;
            }
            float t = e[S_T];
            Surface.geometricNormal(si, sf, tri, e);
            float pdf = LightSampler.emitterPdf(si, sf, tri, px, py, pz, 0, 1, 0, dx, dy, dz,
                    px + t * dx, py + t * dy, pz + t * dz, e[S_NG], e[S_NG + 1], e[S_NG + 2], s[S_LSUM], bit, e);
            assertEquals(s[S_LPDF], pdf, 2e-3f * s[S_LPDF], "light " + light + ", receiver bit " + bit);
            checked++;
        }
        // The floor: the environment and the sphere never; the post: the second rectangle never,
        // and the environment and the sphere share its samples.
        assertEquals(0, picked[0][0], "environment samples on the floor");
        assertEquals(0, picked[0][2], "sphere samples on the floor");
        assertEquals(0, picked[1][3], "second rectangle's samples on the post");
        assertTrue(picked[1][0] > 300 && picked[1][2] > 300 && picked[0][1] > 300 && picked[0][3] > 300,
                java.util.Arrays.deepToString(picked));
        assertTrue(checked > 5000, "checked " + checked);
        assertEquals(LIGHT_SPHERE, AreaLight.type(si, 1));
    }

    /** Unknown names and linking on something that is not a light are one-line errors naming file and field. */
    @Test
    void badLinkingIsAnError() {
        String base = """
                {"camera": {"position": [0, 0.5, 1], "look_at": [0, 0, 0]},
                 "materials": {"m": {"type": "diffuse"}, "glow": {"type": "diffuse", "emission": 2}},
                 "shapes": [{"name": "backdrop", "type": "rectangle", "size": [1, 1], "material": "m" %s}],
                 "lights": [{"type": "rectangle", "position": [0, 1, 0], "look_at": [0, 0, 0], "size": [0.2, 0.2], "radiance": 2 %s}]}
                """;
        SceneException e = assertThrows(SceneException.class,
                () -> Scenes.fromJson(base.formatted("", ", \"light_linking\": {\"exclude\": [\"backdrop\", \"backdorp\"]}")));
        assertTrue(e.getMessage().matches(".*\\.json: /lights/0/light_linking/exclude/1: no object named \"backdorp\" \\(named objects: backdrop\\)"),
                e.getMessage());
        e = assertThrows(SceneException.class,
                () -> Scenes.fromJson(base.formatted("", ", \"shadow_linking\": {\"include\": [\"nothing\"]}")));
        assertTrue(e.getMessage().contains("/lights/0/shadow_linking/include/0: no object named \"nothing\""), e.getMessage());
        e = assertThrows(SceneException.class,
                () -> Scenes.fromJson(base.formatted(", \"light_linking\": {\"exclude\": [\"backdrop\"]}", "")));
        assertTrue(e.getMessage().contains("/shapes/0/light_linking: applies to lights"), e.getMessage());
        e = assertThrows(SceneException.class,
                () -> Scenes.fromJson(base.formatted("", ", \"light_linking\": {\"exclude\": \"backdrop\"}")));
        assertTrue(e.getMessage().contains("/lights/0/light_linking/exclude: expected an array of object names"), e.getMessage());
        e = assertThrows(SceneException.class,
                () -> Scenes.fromJson(base.formatted("", ", \"light_linking\": {\"exlude\": [\"backdrop\"]}")));
        assertTrue(e.getMessage().contains("/lights/0/light_linking/exlude: unknown field"), e.getMessage());
        // An emissive shape is a light and takes linking (here: it lights nothing but itself).
        assertDoesNotThrow(() -> Scenes.fromJson(base.replace("\"material\": \"m\" %s", "\"material\": \"glow\" %s")
                .formatted(", \"light_linking\": {\"include\": [\"backdrop\"]}", "")));
    }

    /**
     * Names reach every object of their entry: a groom's strands and an eye's five parts, and
     * nothing else; the masks pack so that exactly their primitives are left out.
     */
    @Test
    void namesCoverGroomsAndEyes() throws Exception {
        Scene scene = Scenes.fromJson("""
                {"camera": {"position": [0, 0.1, 0.5], "look_at": [0, 0, 0]},
                 "materials": {"m": {"type": "diffuse"}, "white": {"type": "diffuse", "base_color": 0.8},
                               "hair": {"type": "hair", "melanin": 1}},
                 "shapes": [{"name": "head", "type": "sphere", "radius": 0.05, "material": "m", "rings": 8, "segments": 16,
                             "grooms": [{"name": "hair", "material": "hair", "density_per_cm2": 2, "clumps_per_cm2": 0, "length_mm": 5, "points": 4}]},
                            {"name": "eye", "type": "eye", "material": "white", "segments": 16, "transform": {"translate": [0.1, 0, 0]}}],
                 "lights": [{"type": "rectangle", "position": [0, 1, 0], "look_at": [0, 0, 0], "size": [0.2, 0.2], "radiance": 2,
                             "light_linking": {"exclude": ["hair", "eye"]}}]}
                """);
        SceneBuffers b = SceneBuffers.pack(scene);
        int[] si = b.sceneI();
        int light = 0;
        int curves = 0;
        int eye = 0;
        for (int i = 0; i < si[H_TRI_COUNT]; i++) {
            int rec = si[H_TRI_OFF] + i * TRI_STRIDE;
            boolean isCurve = si[rec + T_TYPE] == PRIM_CURVE;
            String mat = scene.materialNames().get(si[rec + T_MAT]);
            boolean isEye = mat.equals("white") || mat.startsWith("/shapes/1/");
            boolean left = LightLinking.lit(si, light, LightLinking.receiverBit(si, si[rec + T_OBJECT])) == 0f;
            assertEquals(isCurve || isEye, left, "primitive " + i + " (" + mat + ")");
            curves += isCurve ? 1 : 0;
            eye += isEye ? 1 : 0;
        }
        assertTrue(curves > 0 && eye > 0, curves + " curve segments, " + eye + " eye triangles");
    }

    /** More than 32 different sets of lights over the objects is refused, naming a light. */
    @Test
    void tooManyLinkGroups() {
        StringBuilder shapes = new StringBuilder();
        for (int i = 0; i < 33; i++) {
            shapes.append(i == 0 ? "" : ", ").append("{\"name\": \"s").append(i)
                    .append("\", \"type\": \"rectangle\", \"size\": [0.1, 0.1], \"material\": \"m\"}");
        }
        StringBuilder lights = new StringBuilder();
        for (int j = 0; j < 6; j++) {
            StringBuilder ex = new StringBuilder();
            for (int i = 0; i < 33; i++) {
                if ((i >> j & 1) != 0) {
                    ex.append(ex.length() == 0 ? "" : ", ").append("\"s").append(i).append('"');
                }
            }
            lights.append(j == 0 ? "" : ", ").append("{\"type\": \"rectangle\", \"position\": [0, 1, ").append(j)
                    .append("], \"look_at\": [0, 0, 0], \"size\": [0.1, 0.1], \"radiance\": 1, \"light_linking\": {\"exclude\": [")
                    .append(ex).append("]}}");
        }
        String json = "{\"camera\": {\"position\": [0, 0.5, 1], \"look_at\": [0, 0, 0]}, \"materials\": {\"m\": {\"type\": \"diffuse\"}},"
                + " \"shapes\": [" + shapes + "], \"lights\": [" + lights + "]}";
        SceneException e = assertThrows(SceneException.class, () -> Scenes.fromJson(json));
        assertTrue(e.getMessage().contains("/lights/5/light_linking: the lights' light_linking lists split the objects into more than 32"),
                e.getMessage());
        // 32 sets are fine: the last light leaves nothing out, so the 33rd object joins the first set.
        assertDoesNotThrow(() -> Scenes.fromJson(json.replace("[\"s32\"]", "[]")));
    }
}
