package dev.carnation.integrator;

import static dev.carnation.kernel.Layout.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.film.Film;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.camera.Camera;
import dev.carnation.scene.geometry.Mesh;
import dev.carnation.scene.geometry.Strands;
import dev.carnation.scene.light.EnvironmentMap;
import dev.carnation.scene.material.Diffuse;
import dev.carnation.scene.material.Material;
import dev.carnation.scene.texture.Image;
import dev.carnation.scene.texture.TextureTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

/**
 * A sheet of parallel black fibers in front of a white environment, seen through a pinhole: the
 * share of the image the fibers cover is known in closed form. Round fibers of radius r spaced s
 * apart cover 2r / (s cos a) of a ray family crossing the sheet at angle a to its normal (in the
 * plane across the fibers): a flat ribbon would cover 2r / s whatever the angle, a missing radius
 * or a fiber lost at a joint would show as well.
 */
class HairCoverageTest {
    static final double D = 0.5;
    static final double FOCAL_MM = 85;

    /**
     * Fibers along x, spaced s apart across the sheet, the sheet through the origin tilted by tilt
     * radians about x (0: facing the camera on +z).
     */
    static Scene sheet(double r, double s, double tilt, int w, int h, int spp) {
        return sheet(r, s, tilt, w, h, spp, 0);
    }

    /** The same sheet of fibers of diffuse albedo rho. */
    static Scene sheet(double r, double s, double tilt, int w, int h, int spp, double rho) {
        Strands strands = new Strands();
        double halfX = 0.25;
        double halfU = 0.3;
        int fibers = (int) (2 * halfU / s);
        int points = 9;
        float[] p = new float[points * 3];
        float[] rad = new float[points];
        for (int j = 0; j < fibers; j++) {
            double u = -halfU + (j + 0.5) * s;
            for (int k = 0; k < points; k++) {
                p[k * 3] = (float) (-halfX + 2 * halfX * k / (points - 1));
                p[k * 3 + 1] = (float) (u * Math.cos(tilt));
                p[k * 3 + 2] = (float) (-u * Math.sin(tilt));
                rad[k] = (float) r;
            }
            strands.add(p, rad, points, j, 0, 0);
        }
        TextureTable textures = new TextureTable();
        int env = textures.add("white", Image.constant(32, 16, 1, 1, 1));
        List<Material> mats = new ArrayList<>(List.of(new Diffuse(rho, rho, rho)));
        Camera cam = new Camera(new Vector3f(0, 0, (float) D), new Vector3f(0, 0, -1), new Vector3f(0, 1, 0),
                new Vector3f(1, 0, 0), FOCAL_MM, 36, 24, 0, (float) D);
        RenderSettings rs = new RenderSettings(w, h, spp, 4, 3, 0, 0, 0, "none");
        return new Scene(Path.of("hair-sheet"), new Mesh(), mats, List.of("black"), textures,
                new EnvironmentMap(env, 1, 0), 0, cam, rs, List.of()).withStrands(strands);
    }

    /** Mean over pixel centres of 2r / (s cos a), a the angle between the ray and the sheet's normal across the fibers. */
    static double predicted(double r, double s, double tilt, int w, int h) {
        // 4:3 images are narrower than the 3:2 sensor: they span its full 24 mm height.
        double tanHalfH = 12.0 / FOCAL_MM;
        double ny = Math.sin(tilt);
        double nz = Math.cos(tilt);
        double sum = 0;
        for (int y = 0; y < h; y++) {
            double ty = tanHalfH * (1 - 2 * (y + 0.5) / h);
            // Only the ray's component across the fibers (y, z) matters.
            double cos = Math.abs(ty * ny - nz) / Math.sqrt(ty * ty + 1);
            sum += Math.min(1, 2 * r / (s * cos));
        }
        return sum / h;
    }

    static double meanAlpha(Film f) {
        float[] alpha = f.aov(7, 1);
        double a = 0;
        for (float v : alpha) {
            a += v;
        }
        return a / alpha.length;
    }

    static double meanRadiance(Film f) {
        double l = 0;
        for (int i = 0; i < f.pixels(); i++) {
            l += f.sum(i, 1);
        }
        return l / f.pixels() / f.spp();
    }

    @Test
    void thinFibersFacingTheCameraCoverTwoRadiiPerSpacing() {
        double r = 40e-6;
        double s = 320e-6;
        int w = 64;
        int h = 48;
        Film f = Scenes.render(sheet(r, s, 0, w, h, 16), 16, 2);
        double want = predicted(r, s, 0, w, h);
        double alpha = meanAlpha(f);
        System.out.printf("hair sheet facing: coverage %.4f, predicted %.4f, radiance %.4f%n", alpha, want, meanRadiance(f));
        assertEquals(want, alpha, 0.01);
        assertEquals(1 - want, meanRadiance(f), 0.01);
    }

    @Test
    void roundFibersCoverMoreOfATiltedSheet() {
        double r = 100e-6;
        double s = 800e-6;
        double tilt = Math.toRadians(60);
        int w = 64;
        int h = 48;
        Film f = Scenes.render(sheet(r, s, tilt, w, h, 16), 16, 2);
        double want = predicted(r, s, tilt, w, h);
        double alpha = meanAlpha(f);
        System.out.printf("hair sheet tilted 60 deg: coverage %.4f, predicted %.4f (a flat ribbon: %.4f)%n", alpha, want, 2 * r / s);
        assertEquals(want, alpha, 0.015);
    }

    /**
     * Grey fibers far apart see the white environment over their whole hemisphere (neighbours in
     * the sheet's plane sit at grazing angles): a fiber pixel is rho, the rest 1. A continuation
     * ray that found its own fiber again would darken the fibers by another factor rho.
     */
    @Test
    void greyFibersReflectTheirAlbedoWithoutFindingThemselves() {
        double r = 40e-6;
        double s = 320e-6;
        double rho = 0.5;
        int w = 64;
        int h = 48;
        Film f = Scenes.render(sheet(r, s, 0, w, h, 16, rho), 16, 2);
        double c = predicted(r, s, 0, w, h);
        double want = 1 - c + c * rho;
        System.out.printf("grey hair sheet: radiance %.4f, predicted %.4f (coverage %.4f)%n", meanRadiance(f), want, meanAlpha(f));
        assertEquals(want, meanRadiance(f), 0.01);
        assertEquals(0, f.nonFiniteSamples());
    }

    @Test
    void hairImagesDoNotDependOnThreadCount() {
        Scene scene = sheet(60e-6, 400e-6, Math.toRadians(30), 24, 18, 4);
        Film a = Scenes.render(scene, 4, 1);
        Film b = Scenes.render(scene, 4, 2);
        assertArrayEquals(a.accum(), b.accum());
        assertArrayEquals(a.aov(), b.aov());
        assertArrayEquals(a.stats(), b.stats());
    }
}
