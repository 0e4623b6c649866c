package dev.carnation.scene.light;

import dev.carnation.scene.geometry.Mesh;
import org.joml.Vector3f;

/**
 * Photographic light ratios. A light given in stops relative to the key gets the radiance that
 * makes its illuminance at the rig target 2^stops times the key's, as an incident light meter at
 * the target would read it (dome turned towards each light). Illuminance per unit radiance is
 * integrated over the light's triangles with a stratified rule; occlusion is ignored.
 */
public final class LightRig {
    private LightRig() {}

    /** Illuminance at target from a one- or two-sided emitter mesh of unit radiance. */
    public static double illuminancePerRadiance(Mesh light, boolean twoSided, Vector3f target) {
        float[] p = light.positions();
        int[] idx = light.indices();
        // Meter axis: towards the light's area-weighted centre.
        Vector3f centre = new Vector3f();
        double totalArea = 0;
        for (int t = 0; t < light.triangleCount(); t++) {
            Vector3f a = v(p, idx[t * 3]);
            Vector3f e1 = v(p, idx[t * 3 + 1]).sub(a);
            Vector3f e2 = v(p, idx[t * 3 + 2]).sub(a);
            float area = 0.5f * new Vector3f(e1).cross(e2).length();
            centre.fma(area, new Vector3f(a).add(new Vector3f(e1).add(e2).div(3)));
            totalArea += area;
        }
        centre.div((float) totalArea);
        Vector3f axis = new Vector3f(centre).sub(target).normalize();
        int n = 16;
        double e = 0;
        for (int t = 0; t < light.triangleCount(); t++) {
            Vector3f a = v(p, idx[t * 3]);
            Vector3f e1 = v(p, idx[t * 3 + 1]).sub(a);
            Vector3f e2 = v(p, idx[t * 3 + 2]).sub(a);
            Vector3f nrm = new Vector3f(e1).cross(e2);
            float area = 0.5f * nrm.length();
            nrm.normalize();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double su = Math.sqrt((i + 0.5) / n);
                    double b1 = 1 - su;
                    double b2 = (j + 0.5) / n * su;
                    Vector3f q = new Vector3f(a).fma((float) b1, e1).fma((float) b2, e2);
                    Vector3f d = new Vector3f(q).sub(target);
                    double r2 = d.lengthSquared();
                    d.normalize();
                    double cosL = -nrm.dot(d);
                    double cosM = Math.max(0, axis.dot(d));
                    if (twoSided) {
                        cosL = Math.abs(cosL);
                    }
                    if (cosL > 0) {
                        e += cosL * cosM / r2 * area / (n * n);
                    }
                }
            }
        }
        return e;
    }

    private static Vector3f v(float[] p, int i) {
        return new Vector3f(p[i * 3], p[i * 3 + 1], p[i * 3 + 2]);
    }
}
