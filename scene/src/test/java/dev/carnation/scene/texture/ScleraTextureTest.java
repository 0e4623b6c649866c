package dev.carnation.scene.texture;

import static dev.carnation.kernel.Layout.M_TEX_BASE;
import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneException;
import dev.carnation.scene.SceneLoader;
import dev.carnation.scene.geometry.Eye;
import dev.carnation.scene.material.Retextured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.joml.Matrix3f;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sclera's vein map (docs/eyes.md, "Sclera"): deterministic, at its physical scale, clear of the limbus, fixed to the eye. */
class ScleraTextureTest {
    static final double R = 12;
    static final double LIMBUS = new Eye(Eye.Params.defaults()).limbusPolarAngle();

    @TempDir
    Path dir;

    @Test
    void sameSeedSameVeinsOtherSeedOtherVeins() {
        ScleraTexture.Params p = ScleraTexture.Params.defaults();
        float[] a = ScleraTexture.grow(p, R, LIMBUS).coverage();
        float[] b = ScleraTexture.grow(p, R, LIMBUS).coverage();
        float[] c = ScleraTexture.grow(new ScleraTexture.Params(p.minWidthUm(), p.maxWidthUm(), p.trunks(), p.strength(), 2), R, LIMBUS)
                .coverage();
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c), "another seed grows other veins");
    }

    /**
     * Coverage is box-filtered across each vessel, so its integral over the sphere divided by the
     * vessels' length is their width in mm, however the width compares with a texel (36.8 µm here).
     */
    @Test
    void measuredVesselWidthMatchesTheParameter() {
        for (double um : new double[] {20, 50, 100}) {
            ScleraTexture.Veins v = ScleraTexture.grow(new ScleraTexture.Params(um, um, 24, 1, 3), R, LIMBUS);
            double area = 0;
            for (int y = 0; y < ScleraTexture.HEIGHT; y++) {
                double th = Math.PI * (y + 0.5) / ScleraTexture.HEIGHT;
                double texel = (Math.PI * R / ScleraTexture.HEIGHT) * (2 * Math.PI * R * Math.sin(th) / ScleraTexture.WIDTH);
                for (int x = 0; x < ScleraTexture.WIDTH; x++) {
                    area += v.coverage()[y * ScleraTexture.WIDTH + x] * texel;
                }
            }
            double length = v.segments().stream().mapToDouble(ScleraTexture.Segment::lengthMm).sum();
            double measuredUm = 1e3 * area / length;
            assertTrue(length > 100, "vessels grown: " + length + " mm");
            assertEquals(um, measuredUm, 0.12 * um, "vessel width " + um + " µm measured from the texture");
        }
    }

    @Test
    void noVeinsNearTheLimbusAndSomeBeyondIt() {
        Image img = ScleraTexture.make(ScleraTexture.Params.defaults(), R, LIMBUS);
        int near = 0;
        int veinsOut = 0;
        for (int y = 0; y < ScleraTexture.HEIGHT; y++) {
            double th = Math.PI * (y + 0.5) / ScleraTexture.HEIGHT;
            double mm = (th - LIMBUS) * R;
            for (int x = 0; x < ScleraTexture.WIDTH; x++) {
                float r = img.rgba()[(y * ScleraTexture.WIDTH + x) * 4];
                if (mm < ScleraTexture.CLEAR_MM) {
                    near++;
                    assertEquals(1f, r, 0f, "a vessel within " + ScleraTexture.CLEAR_MM + " mm of the limbus, at " + mm + " mm");
                } else if (mm > ScleraTexture.FADE_MM && r < 0.97f) {
                    veinsOut++;
                }
            }
        }
        assertTrue(near > 100_000, "texels near the limbus checked: " + near);
        assertTrue(veinsOut > 2_000, "visible vessels beyond " + ScleraTexture.FADE_MM + " mm: " + veinsOut);
    }

    /**
     * The map rides on the eye: turning the gaze turns every sclera vertex with its texture
     * coordinate, so a point of the pattern moves with the eye (and the sclera's material carries
     * the generated map).
     */
    @Test
    void patternTurnsWithTheGaze() throws Exception {
        Scene a = SceneLoader.load(scene("[0, 0, 1]", "\"procedural\""), dir);
        Scene b = SceneLoader.load(scene("[0.5, 0, 0.8660254]", "\"procedural\""), dir);
        int sclera = a.materialNames().indexOf("/shapes/0/sclera");
        assertTrue(sclera >= 0, "a retextured sclera: " + a.materialNames());
        assertTrue(a.materials().get(sclera) instanceof Retextured);
        int tex = (int) a.materials().get(sclera).record()[M_TEX_BASE];
        assertEquals("sclera veins", a.textures().names().get(tex));
        // Gaze +z turned 30 degrees about y to (sin 30, 0, cos 30): the eye's frame turns with it.
        Matrix3f rot = new Matrix3f().rotateY((float) Math.toRadians(30));
        float[] pa = a.mesh().positions();
        float[] pb = b.mesh().positions();
        float[] ua = a.mesh().uvs();
        float[] ub = b.mesh().uvs();
        int[] idx = a.mesh().indices();
        int[] mat = a.mesh().materials();
        int checked = 0;
        for (int t = 0; t < a.mesh().triangleCount(); t++) {
            if (mat[t] != sclera) {
                continue;
            }
            int i = idx[t * 3];
            Vector3f p = rot.transform(new Vector3f(pa[i * 3], pa[i * 3 + 1], pa[i * 3 + 2]));
            assertEquals(p.x, pb[i * 3], 1e-6f);
            assertEquals(p.y, pb[i * 3 + 1], 1e-6f);
            assertEquals(p.z, pb[i * 3 + 2], 1e-6f);
            assertEquals(ua[i * 2], ub[i * 2], 0f);
            assertEquals(ua[i * 2 + 1], ub[i * 2 + 1], 0f);
            checked++;
        }
        assertTrue(checked > 1000, "sclera vertices checked: " + checked);
        // And a world point's texture coordinate is its polar angle from the gaze over pi.
        for (int t = 0; t < b.mesh().triangleCount(); t += 97) {
            if (mat[t] != sclera) {
                continue;
            }
            int i = idx[t * 3];
            Vector3f p = new Vector3f(pb[i * 3], pb[i * 3 + 1], pb[i * 3 + 2]).normalize();
            if (Math.abs(p.length()) < 0.5f) {
                continue;
            }
            double th = Math.acos(Math.max(-1, Math.min(1, p.dot(new Vector3f(0.5f, 0, 0.8660254f)))));
            if (new Vector3f(pb[i * 3], pb[i * 3 + 1], pb[i * 3 + 2]).length() > 0.0119f) {
                assertEquals(th / Math.PI, ub[i * 2 + 1], 2e-3, "v is the polar angle from the gaze");
            }
        }
    }

    @Test
    void badScleraTextureIsAOneLineErrorNamingFieldAndFile() throws Exception {
        SceneException e = assertThrows(SceneException.class, () -> SceneLoader.load(scene("[0, 0, 1]", "\"no-such-veins.png\""), dir));
        assertTrue(e.getMessage().contains("sclera_texture") && e.getMessage().contains("no-such-veins.png"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        SceneException t = assertThrows(SceneException.class, () -> SceneLoader.load(scene("[0, 0, 1]", "5"), dir));
        assertTrue(t.getMessage().contains("sclera_texture"), t.getMessage());
        assertFalse(t.getMessage().contains("\n"), t.getMessage());
        Files.writeString(dir.resolve("garbage.png"), "not an image");
        SceneException g = assertThrows(SceneException.class, () -> SceneLoader.load(scene("[0, 0, 1]", "\"garbage.png\""), dir));
        assertTrue(g.getMessage().contains("sclera_texture") && g.getMessage().contains("garbage.png"), g.getMessage());
    }

    private Path scene(String gaze, String sclera) throws Exception {
        Path f = Files.createTempFile(dir, "eye", ".json");
        Files.writeString(f, """
                {"camera": {"position": [0, 0, 0.1], "look_at": [0, 0, 0]},
                 "materials": {"white": {"type": "diffuse", "base_color": [0.8, 0.8, 0.8]}},
                 "shapes": [{"type": "eye", "material": "white", "iris_texture": "flat", "gaze": %s, "sclera_texture": %s}],
                 "lights": [{"type": "environment", "radiance": 1}]}
                """.formatted(gaze, sclera));
        return f;
    }
}
