package dev.carnation.kernel.camera;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.kernel.sampling.Warp;

/**
 * Thin-lens perspective camera. Film coordinates (fx, fy) in [-1, 1] map to the focal plane at
 * the focus distance; the ray starts on the lens disk (radius = focal length / (2 N)), so
 * everything off the focal plane blurs as through a real lens.
 */
public final class ThinLens {
    private ThinLens() {}

    /** Writes the primary ray to s[S_RO], s[S_RD]. */
    public static void generateRay(float[] frameF, float fx, float fy, float u1, float u2, float[] s) {
        float fd = frameF[FF_FOCUS_DIST];
        // Point on the focal plane, camera space (x right, y up, z forward).
        float px = fx * frameF[FF_TAN_HALF_W] * fd;
        float py = fy * frameF[FF_TAN_HALF_H] * fd;
        float pz = fd;
        Warp.concentricDisk(u1, u2, s, S_WI);
        float lx = s[S_WI] * frameF[FF_LENS_RADIUS];
        float ly = s[S_WI + 1] * frameF[FF_LENS_RADIUS];
        float dx = px - lx;
        float dy = py - ly;
        float dz = pz;
        float inv = 1f / (float) Math.sqrt(dx * dx + dy * dy + dz * dz);
        dx *= inv;
        dy *= inv;
        dz *= inv;
        for (int k = 0; k < 3; k++) {
            s[S_RO + k] = frameF[FF_CAM_POS + k] + lx * frameF[FF_CAM_RIGHT + k] + ly * frameF[FF_CAM_UP + k];
            s[S_RD + k] = dx * frameF[FF_CAM_RIGHT + k] + dy * frameF[FF_CAM_UP + k] + dz * frameF[FF_CAM_FWD + k];
        }
    }
}
