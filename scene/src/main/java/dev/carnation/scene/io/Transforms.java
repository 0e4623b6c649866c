package dev.carnation.scene.io;

import dev.carnation.scene.SceneException;
import org.joml.Matrix4f;
import org.joml.Vector3f;

/**
 * Reads a transform: {"matrix": [16, row-major]} or any of {"translate": [x,y,z],
 * "rotate_deg": [x,y,z], "scale": s | [sx,sy,sz]}, applied as scale, then rotation about X, Y, Z,
 * then translation.
 */
public final class Transforms {
    private Transforms() {}

    /** Largest scale factor (and matrix entry of the linear part) a transform may have. */
    public static final double MAX_SCALE = 1e6;

    /**
     * Reads a transform; every entry must be finite in single precision and the result affine, so
     * that no vertex can become infinite or NaN and no instance can be a projection.
     */
    public static Matrix4f read(Fields f) {
        Matrix4f m = new Matrix4f();
        if (f.has("matrix")) {
            double[] a = f.vector("matrix", 16);
            if (a[12] != 0 || a[13] != 0 || a[14] != 0 || a[15] != 1) {
                throw f.error("matrix", "the bottom row must be [0, 0, 0, 1] (an affine transform; projective matrices are not supported)");
            }
            for (int i = 0; i < 12; i++) {
                boolean translation = i % 4 == 3;
                double max = translation ? Fields.MAX_COORDINATE : MAX_SCALE;
                if (Math.abs(a[i]) > max) {
                    throw SceneException.at(f.file(), f.pointer("matrix") + "/" + i, (translation
                            ? "translation must be within ±1e6 m" : "linear part entries must be within ±1e6") + ", got " + a[i]);
                }
            }
            // Row-major in the file (as written on paper); JOML is column-major.
            m.set((float) a[0], (float) a[4], (float) a[8], (float) a[12],
                  (float) a[1], (float) a[5], (float) a[9], (float) a[13],
                  (float) a[2], (float) a[6], (float) a[10], (float) a[14],
                  (float) a[3], (float) a[7], (float) a[11], (float) a[15]);
            if (Math.abs(m.determinant3x3()) < 1e-12f) {
                throw f.error("matrix", "is singular");
            }
            f.done();
            return m;
        }
        double[] t = f.bounded("translate", f.vector("translate", 0, 0, 0), Fields.MAX_COORDINATE, "translation must be within ±1e6 m");
        // Angles beyond a turn are almost always a unit mistake (radians, or garbage); they would also
        // lose all precision in float (1e300 degrees is infinite there).
        double[] r = f.bounded("rotate_deg", f.vector("rotate_deg", 0, 0, 0), 360, "angles must be within ±360 degrees");
        double[] s;
        if (f.has("scale") && f.raw("scale").isNumber()) {
            double k = f.number("scale");
            s = new double[] {k, k, k};
        } else {
            s = f.vector("scale", 1, 1, 1);
        }
        for (int i = 0; i < 3; i++) {
            if (!(Math.abs(s[i]) > 1e-9) || Math.abs(s[i]) > MAX_SCALE) {
                throw f.error("scale", "must be non-zero and at most 1e6 in magnitude");
            }
        }
        f.done();
        return m.translate((float) t[0], (float) t[1], (float) t[2])
                .rotateZ((float) Math.toRadians(r[2]))
                .rotateY((float) Math.toRadians(r[1]))
                .rotateX((float) Math.toRadians(r[0]))
                .scale((float) s[0], (float) s[1], (float) s[2]);
    }

    /** Places an object whose local +z faces from 'position' towards 'target'. */
    public static Matrix4f lookAt(Vector3f position, Vector3f target, Vector3f upHint) {
        Vector3f z = new Vector3f(target).sub(position).normalize();
        Vector3f up = Math.abs(z.dot(upHint)) > 0.999f ? new Vector3f(0, 0, 1) : new Vector3f(upHint);
        Vector3f x = new Vector3f(up).cross(z).normalize();
        Vector3f y = new Vector3f(z).cross(x);
        return new Matrix4f(x.x, x.y, x.z, 0, y.x, y.y, y.z, 0, z.x, z.y, z.z, 0,
                position.x, position.y, position.z, 1);
    }
}
