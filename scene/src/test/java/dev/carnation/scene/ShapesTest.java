package dev.carnation.scene;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.scene.geometry.Mesh;
import dev.carnation.scene.geometry.Shapes;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tessellated helpers: winding agrees with normals (front faces emit), areas match the analytic ones. */
class ShapesTest {
    @Test
    void windingMatchesNormalsAndAreasAreRight() {
        Map<String, Object[]> shapes = Map.of(
                "sphere", new Object[] {Shapes.sphere(0.5f, 64, 128), Math.PI},
                "rectangle", new Object[] {Shapes.rectangle(2, 3), 6.0},
                "disk", new Object[] {Shapes.disk(1, 256), Math.PI},
                "torus", new Object[] {Shapes.torus(1, 0.25f, 256, 64), 4 * Math.PI * Math.PI * 0.25},
                "box", new Object[] {Shapes.box(1, 2, 3, false), 22.0},
                "room", new Object[] {Shapes.box(1, 2, 3, true), 22.0},
                "cyclorama", new Object[] {Shapes.cyclorama(2, 1, 1, 0.5f, 64), 2 * (1 + 1 + Math.PI * 0.5 / 2)});
        for (var e : shapes.entrySet()) {
            Mesh m = (Mesh) e.getValue()[0];
            double area = 0;
            float[] p = m.positions();
            float[] n = m.normals();
            int[] idx = m.indices();
            for (int t = 0; t < m.triangleCount(); t++) {
                int a = idx[t * 3];
                int b = idx[t * 3 + 1];
                int c = idx[t * 3 + 2];
                double[] e1 = {p[b * 3] - p[a * 3], p[b * 3 + 1] - p[a * 3 + 1], p[b * 3 + 2] - p[a * 3 + 2]};
                double[] e2 = {p[c * 3] - p[a * 3], p[c * 3 + 1] - p[a * 3 + 1], p[c * 3 + 2] - p[a * 3 + 2]};
                double gx = e1[1] * e2[2] - e1[2] * e2[1];
                double gy = e1[2] * e2[0] - e1[0] * e2[2];
                double gz = e1[0] * e2[1] - e1[1] * e2[0];
                double len = Math.sqrt(gx * gx + gy * gy + gz * gz);
                assertTrue(len > 0, e.getKey() + ": degenerate triangle " + t);
                area += 0.5 * len;
                double nx = n[a * 3] + n[b * 3] + n[c * 3];
                double ny = n[a * 3 + 1] + n[b * 3 + 1] + n[c * 3 + 1];
                double nz = n[a * 3 + 2] + n[b * 3 + 2] + n[c * 3 + 2];
                assertTrue(gx * nx + gy * ny + gz * nz > 0, e.getKey() + ": triangle " + t + " winds against its normals");
            }
            double want = (double) e.getValue()[1];
            assertEquals(want, area, 0.01 * want, e.getKey() + " area");
        }
    }

    @Test
    void tangentsAreUnitAndOrthogonalToNormals() {
        Mesh m = Shapes.torus(1, 0.3f, 32, 16);
        float[] t = m.tangents();
        float[] n = m.normals();
        for (int v = 0; v < m.vertexCount(); v++) {
            double len = Math.sqrt(t[v * 4] * t[v * 4] + t[v * 4 + 1] * t[v * 4 + 1] + t[v * 4 + 2] * t[v * 4 + 2]);
            assertEquals(1, len, 1e-4);
            double d = t[v * 4] * n[v * 3] + t[v * 4 + 1] * n[v * 3 + 1] + t[v * 4 + 2] * n[v * 3 + 2];
            assertEquals(0, d, 1e-4);
        }
    }
}
