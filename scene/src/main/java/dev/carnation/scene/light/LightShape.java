package dev.carnation.scene.light;

import dev.carnation.scene.geometry.Mesh;
import dev.carnation.scene.geometry.Shapes;
import org.joml.Vector3f;

/**
 * The analytic form of an emitting object, read from its world-space tessellation, so that light
 * sampling can work in solid angle (kernel light/AreaLight). Objects without one are sampled by
 * the area of their triangles.
 */
public sealed interface LightShape {
    /** The object id of the triangles this shape stands for. */
    int object();

    /** A rectangle: a corner and the two orthogonal edges from it, exactly the rectangle's two triangles. */
    record Rectangle(int object, Vector3f corner, Vector3f edgeX, Vector3f edgeY) implements LightShape {}

    /** A sphere whose radius bounds its tessellation (the triangles are inscribed). */
    record Sphere(int object, Vector3f centre, float radius) implements LightShape {}

    /**
     * The rectangle that {@link Shapes#rectangle} put at vertex first of a world mesh, or null
     * when its transform sheared it into a parallelogram.
     */
    static Rectangle rectangle(Mesh world, int first, int object) {
        Vector3f corner = vertex(world, first + Shapes.RECT_CORNER);
        Vector3f ex = vertex(world, first + Shapes.RECT_X_END).sub(corner);
        Vector3f ey = vertex(world, first + Shapes.RECT_Y_END).sub(corner);
        boolean square = Math.abs(ex.dot(ey)) <= 1e-5f * ex.length() * ey.length();
        return square ? new Rectangle(object, corner, ex, ey) : null;
    }

    /**
     * The sphere that {@link Shapes#sphere} put at vertices [first, first + count) of a world mesh
     * around centre, or null when its transform scaled it unevenly (then it is an ellipsoid).
     */
    static Sphere sphere(Mesh world, int first, int count, Vector3f centre, int object) {
        float min = Float.POSITIVE_INFINITY;
        float max = 0;
        for (int v = first; v < first + count; v++) {
            float d = vertex(world, v).distance(centre);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        // A float ulp of slack so that the bounding sphere holds every vertex.
        return max > 0 && max <= min * (1 + 1e-4f) ? new Sphere(object, centre, max * (1 + 1e-6f)) : null;
    }

    private static Vector3f vertex(Mesh m, int v) {
        float[] p = m.positions();
        return new Vector3f(p[v * 3], p[v * 3 + 1], p[v * 3 + 2]);
    }
}
