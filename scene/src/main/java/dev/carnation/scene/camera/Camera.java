package dev.carnation.scene.camera;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.scene.io.Fields;
import org.joml.Vector3f;

/**
 * Thin-lens camera in photographic units: focal length and sensor size in millimetres, f-number,
 * focus distance in metres. The sensor is fitted to the image aspect by cropping ("fill"): the
 * image covers the full sensor width, or its full height for images narrower than the sensor.
 */
public record Camera(Vector3f position, Vector3f forward, Vector3f up, Vector3f right,
                     double focalMm, double sensorWidthMm, double sensorHeightMm,
                     double fNumber, double focusDistance) {

    public static Camera parse(Fields f) {
        Vector3f pos = vec(f.point("position"));
        Vector3f target = vec(f.point("look_at"));
        Vector3f upHint = vec(f.direction("up", 0, 1, 0));
        Vector3f fwd = new Vector3f(target).sub(pos);
        if (fwd.length() < 1e-6f) {
            throw f.error("look_at", "must differ from position");
        }
        fwd.normalize();
        Vector3f right = new Vector3f(fwd).cross(upHint);
        if (right.length() < 1e-6f) {
            throw f.error("up", "must not be parallel to the viewing direction");
        }
        right.normalize();
        Vector3f up = new Vector3f(right).cross(fwd).normalize();
        double focal = f.number("focal_length_mm", 50, 1, 2000);
        double[] sensor = f.vector("sensor_mm", 36, 24);
        if (!(sensor[0] > 0 && sensor[1] > 0 && sensor[0] < 1000 && sensor[1] < 1000)) {
            throw f.error("sensor_mm", "sensor sides must be in (0, 1000) mm");
        }
        double fNumber = f.number("f_number", 0, 0, 1000); // 0 = pinhole
        if (fNumber > 0 && fNumber < 0.5) {
            throw f.error("f_number", "must be 0 (pinhole) or at least 0.5");
        }
        double focus;
        if (f.has("focus_on")) {
            Vector3f p = vec(f.point("focus_on"));
            focus = new Vector3f(p).sub(pos).dot(fwd);
            if (!(focus > 1e-4)) {
                throw f.error("focus_on", "point is behind the camera");
            }
        } else {
            focus = f.positive("focus_distance_m", new Vector3f(target).sub(pos).length(), 1e6);
        }
        f.done();
        return new Camera(pos, fwd, up, right, focal, sensor[0], sensor[1], fNumber, focus);
    }

    static Vector3f vec(double[] v) {
        return new Vector3f((float) v[0], (float) v[1], (float) v[2]);
    }

    /** Fills the camera part of the per-frame float parameters for an image of width x height. */
    public void pack(float[] frameF, int width, int height) {
        double aspect = (double) width / height;
        double sw = sensorWidthMm;
        double sh = sensorWidthMm / aspect;
        if (aspect < sensorWidthMm / sensorHeightMm) {
            sh = sensorHeightMm;
            sw = sensorHeightMm * aspect;
        }
        put(frameF, FF_CAM_POS, position);
        put(frameF, FF_CAM_RIGHT, right);
        put(frameF, FF_CAM_UP, up);
        put(frameF, FF_CAM_FWD, forward);
        frameF[FF_TAN_HALF_W] = (float) (sw / 2 / focalMm);
        frameF[FF_TAN_HALF_H] = (float) (sh / 2 / focalMm);
        frameF[FF_LENS_RADIUS] = fNumber > 0 ? (float) (focalMm / 1000.0 / (2 * fNumber)) : 0f;
        frameF[FF_FOCUS_DIST] = (float) focusDistance;
    }

    private static void put(float[] a, int o, Vector3f v) {
        a[o] = v.x;
        a[o + 1] = v.y;
        a[o + 2] = v.z;
    }
}
