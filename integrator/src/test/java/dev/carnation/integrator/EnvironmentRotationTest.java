package dev.carnation.integrator;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.film.Film;
import dev.carnation.scene.texture.ImageFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Orientation of the environment map. docs/scene-format.md: "The image centre looks down -z",
 * with u = 1/2 + atan2(x, -z) / 2pi (EnvironmentLight), and "rotation_deg (about +y)". The docs
 * do not say which way a positive angle turns; this test pins it as a right-handed rotation of the
 * environment about +y (counter-clockwise seen from above), which carries what was at -z towards
 * -x: the radiance seen along d is the unrotated map's along R_y(-angle) d.
 *
 * <p>The map has four 90-degree longitude sectors centred on the axes, in colours of very
 * different luminance so that the importance sampling of the map is far from uniform too.
 */
class EnvironmentRotationTest {
    static final int W = 64;
    static final int H = 32;
    /** Sector colours centred on -z, +x, +z, -x (u = 0.5, 0.75, 0, 0.25). */
    static final double[][] SECTOR = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.2, 0.2, 0.2}};

    @TempDir
    static Path dir;

    /** Sector index of a direction in the unrotated map, from the documented u. */
    static int sector(double x, double z) {
        double u = 0.5 + Math.atan2(x, -z) / (2 * Math.PI);
        // Sectors are centred on u = 0.5, 0.75, 0, 0.25.
        int k = (int) Math.floor((u - 0.5) * 4 + 0.5);
        return Math.floorMod(k, 4);
    }

    /** The documented map turned right-handedly by deg about +y, evaluated along (x, y, z). */
    static double[] sky(double deg, double x, double z) {
        double a = Math.toRadians(-deg);
        // R_y(a): x' = x cos a + z sin a, z' = -x sin a + z cos a.
        double xr = x * Math.cos(a) + z * Math.sin(a);
        double zr = -x * Math.sin(a) + z * Math.cos(a);
        return SECTOR[sector(xr, zr)];
    }

    static Path writeMap() throws Exception {
        Path f = dir.resolve("sectors.exr");
        float[] rgba = new float[W * H * 4];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double u = (x + 0.5) / W;
                double phi = (u - 0.5) * 2 * Math.PI;
                // Direction of texel column x on the horizon: atan2(dx, -dz) = phi.
                double[] c = SECTOR[sector(Math.sin(phi), -Math.cos(phi))];
                for (int k = 0; k < 3; k++) {
                    rgba[(y * W + x) * 4 + k] = (float) c[k];
                }
                rgba[(y * W + x) * 4 + 3] = 1;
            }
        }
        ImageFiles.writeExr(f, W, H, rgba);
        return f;
    }

    /**
     * A pinhole with a 7-degree field looking along a horizontal axis sees the middle of one sector
     * (texel blending reaches only ~3 degrees into a sector), so every pixel has exactly that
     * sector's colour.
     */
    @ParameterizedTest(name = "rotation {0} deg, looking along ({1}, 0, {2})")
    @CsvSource({"0, 0, -1", "0, 1, 0", "90, -1, 0", "90, 0, 1", "90, 0, -1", "90, 1, 0", "-90, -1, 0", "-90, 0, -1", "180, 0, 1"})
    void cameraSeesTheSectorTheConventionPredicts(double deg, double dx, double dz) throws Exception {
        Path map = writeMap();
        Film film = Scenes.render(Scenes.fromJson("""
                {"camera": {"position": [0, 0, 0], "look_at": [%s, 0, %s], "focal_length_mm": 200},
                 "render": {"width": 8, "height": 8},
                 "lights": [{"type": "environment", "file": "%s", "rotation_deg": %s}]}
                """.formatted(dx, dz, map.toAbsolutePath(), deg)), 4, 2);
        double[] want = sky(deg, dx, dz);
        float[] rgb = film.radiance();
        for (int i = 0; i < rgb.length / 3; i++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(want[c], rgb[i * 3 + c], 1e-4, "rotation " + deg + " deg, looking along (" + dx + ", 0, " + dz + "): pixel " + i + " channel " + c);
            }
        }
    }

    /**
     * A white Lambertian square facing +z reflects rho / pi times the cosine-weighted integral of
     * the rotated sky over its hemisphere, computed here by quadrature of the documented map. This
     * goes through light sampling and MIS as well: a map sampled with a rotation that does not
     * match its evaluation gets wrong densities and a biased image. 16 x 16 x 256 samples leave
     * ~0.3 % noise; 2 % tolerance also covers the texel blending at sector edges (~0.5 %). With the
     * rotation reversed, +z would face the sector of the other side: red and green swap places.
     */
    @ParameterizedTest
    @ValueSource(doubles = {90, 30})
    void diffuseSquareIsLitByTheRotatedSky(double deg) throws Exception {
        Path map = writeMap();
        double rho = 0.8;
        Film film = Scenes.render(Scenes.fromJson("""
                {"camera": {"position": [0, 0, 3], "look_at": [0, 0, 0], "focal_length_mm": 200},
                 "render": {"width": 16, "height": 16, "max_depth": 4},
                 "materials": {"m": {"type": "diffuse", "base_color": %s}},
                 "shapes": [{"type": "rectangle", "size": [1, 1], "material": "m"}],
                 "lights": [{"type": "environment", "file": "%s", "rotation_deg": %s}]}
                """.formatted(rho, map.toAbsolutePath(), deg)), 256, 2);
        // Hemisphere z > 0 in (theta from +z, phi) with a midpoint rule.
        int nt = 400;
        int np = 1600;
        double[] want = new double[3];
        for (int i = 0; i < nt; i++) {
            double t = (i + 0.5) / nt * Math.PI / 2;
            for (int j = 0; j < np; j++) {
                double p = (j + 0.5) / np * 2 * Math.PI;
                double x = Math.sin(t) * Math.cos(p);
                double z = Math.cos(t);
                double[] l = sky(deg, x, z);
                double w = Math.cos(t) * Math.sin(t) * (Math.PI / 2 / nt) * (2 * Math.PI / np);
                for (int c = 0; c < 3; c++) {
                    want[c] += rho / Math.PI * l[c] * w;
                }
            }
        }
        double[] got = ConductorFresnelTest.meanRgb(film);
        for (int c = 0; c < 3; c++) {
            System.out.printf("diffuse square, sky rotated %.0f deg, channel %d: %.4f (quadrature %.4f)%n", deg, c, got[c], want[c]);
        }
        for (int c = 0; c < 3; c++) {
            assertEquals(want[c], got[c], 0.02 * Math.max(want[c], 0.05), "channel " + c);
        }
    }
}
