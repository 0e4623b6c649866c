package dev.carnation.scene.hair;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.scene.geometry.Mesh;
import dev.carnation.scene.geometry.Shapes;
import dev.carnation.scene.geometry.Strands;
import dev.carnation.scene.texture.Image;
import java.util.Arrays;
import org.joml.Matrix4f;
import org.junit.jupiter.api.Test;

/** The procedural groom: deterministic for a seed, as dense as asked, presets within their ranges. */
class GroomTest {
    static Strands grow(Groom g, Mesh m, Matrix4f at) {
        Strands s = new Strands();
        GroomGenerator.grow(g, m, at, 0, 0, 0, s);
        return s;
    }

    @Test
    void theSameSeedGrowsTheSameStrands() {
        Mesh sphere = Shapes.sphere(0.1f, 32, 64);
        Groom g = Groom.preset("scalp", 7, new Groom.Region(null, new double[] {-1, 0.03, -1}, new double[] {1, 1, 1}, null));
        Strands a = grow(g, sphere, new Matrix4f());
        Strands b = grow(g, sphere, new Matrix4f());
        assertTrue(a.strandCount() > 1000, a.strandCount() + " strands");
        assertEquals(a.strandCount(), b.strandCount());
        assertEquals(a.pointCount(), b.pointCount());
        assertArrayEquals(Arrays.copyOf(a.positions(), a.pointCount() * 3), Arrays.copyOf(b.positions(), b.pointCount() * 3));
        assertArrayEquals(Arrays.copyOf(a.radii(), a.pointCount()), Arrays.copyOf(b.radii(), b.pointCount()));
        Strands c = grow(g.with(8, g.region()), sphere, new Matrix4f());
        assertFalse(Arrays.equals(Arrays.copyOf(a.positions(), 300), Arrays.copyOf(c.positions(), 300)), "another seed, other strands");
    }

    @Test
    void strandCountFollowsDensityRegionAndMask() {
        // A 10 cm square: 100 cm².
        Mesh square = Shapes.rectangle(0.1f, 0.1f);
        Groom base = Groom.preset("stubble", 3, null).withDensity(50);
        assertEquals(5000, grow(base, square, new Matrix4f()).strandCount(), 2);
        // Half of it by texture coordinates: binomial, 2500 +- 35.
        Groom half = base.with(3, new Groom.Region(new double[] {0, 0, 0.5, 1}, null, null, null));
        assertEquals(2500, grow(half, square, new Matrix4f()).strandCount(), 4 * 35.4);
        // A mask: left half white, right half a quarter grey: 5000 (0.5 + 0.125) = 3125 +- 34.
        Image mask = new Image(2, 1, new float[] {1, 1, 1, 1, 0.25f, 0.25f, 0.25f, 1});
        Groom masked = base.with(3, new Groom.Region(null, null, null, mask));
        assertEquals(3125, grow(masked, square, new Matrix4f()).strandCount(), 4 * 34.2);
        // Density is per world area: a sphere of 5 cm scaled twice is 4 pi (10 cm)^2 = 1256.6 cm².
        Mesh sphere = Shapes.sphere(0.05f, 64, 128);
        int n = grow(Groom.preset("vellus", 1, null).withDensity(10), sphere, new Matrix4f().scale(2)).strandCount();
        assertEquals(12566, n, 0.01 * 12566 + 4 * Math.sqrt(12566));
    }

    @Test
    void presetsGrowStrandsOfTheirLengthAndTaper() {
        Mesh square = Shapes.rectangle(0.04f, 0.04f);
        for (String p : Groom.PRESETS) {
            Groom g = Groom.preset(p, 5, null);
            Strands s = grow(g, square, new Matrix4f());
            assertTrue(s.strandCount() > 100, p + ": " + s.strandCount());
            double meanLength = 0;
            for (int i = 0; i < s.strandCount(); i++) {
                int f = s.first(i);
                int n = s.points(i);
                double len = 0;
                for (int k = 1; k < n; k++) {
                    double dx = s.positions()[(f + k) * 3] - s.positions()[(f + k - 1) * 3];
                    double dy = s.positions()[(f + k) * 3 + 1] - s.positions()[(f + k - 1) * 3 + 1];
                    double dz = s.positions()[(f + k) * 3 + 2] - s.positions()[(f + k - 1) * 3 + 2];
                    len += Math.sqrt(dx * dx + dy * dy + dz * dz);
                }
                meanLength += len / s.strandCount();
                assertEquals(g.rootRadiusUm() * 1e-6, s.radii()[f], 1e-9, p);
                assertEquals(g.tipRadiusUm() * 1e-6, s.radii()[f + n - 1], 1e-9, p);
                // Roots stay on the surface (z = 0), strands leave it on the front side.
                assertEquals(0, s.positions()[f * 3 + 2], 1e-7, p);
                assertTrue(s.positions()[(f + 1) * 3 + 2] > 0, p + " grows into the surface");
            }
            // Clumping and curl only bend strands; their path stays within the jitter of the length.
            double want = g.lengthMm() * 1e-3;
            assertTrue(meanLength > 0.85 * want && meanLength < 1.6 * want, p + ": mean length " + meanLength + " for " + want);
        }
    }
}
