package dev.carnation.kernel.closure;

import static dev.carnation.kernel.Layout.*;

/** Hair material records and hit scratch arrays filled as Surface.setup and Bsdf.setup fill them. */
final class HairFixtures {
    private HairFixtures() {}

    static final float IOR = 1.55f;
    static final float ALPHA = (float) Math.toRadians(2);

    /** A material record: mode HAIR_*, root and tip values, roughness, tilt in radians, no per-strand spread. */
    static float[] record(int mode, float[] root, float[] tip, float betaM, float betaN, float alpha) {
        float[] r = new float[MAT_STRIDE];
        r[M_TYPE] = MAT_HAIR;
        r[M_IOR] = IOR;
        r[M_HAIR_MODE] = mode;
        System.arraycopy(root, 0, r, M_HAIR_ROOT, 3);
        System.arraycopy(tip, 0, r, M_HAIR_TIP, 3);
        r[M_HAIR_BETA_M] = betaM;
        r[M_HAIR_BETA_N] = betaN;
        r[M_HAIR_ALPHA] = alpha;
        return r;
    }

    /** The scratch of a hit at offset h, strand value strand and position v along the strand. */
    static float[] hit(float[] record, float h, float strand, float v) {
        float[] s = new float[S_SIZE];
        s[S_MTYPE] = record[M_TYPE];
        s[S_ETA] = record[M_IOR];
        s[S_HAIR_H] = h;
        s[S_HAIR_STRAND] = strand;
        s[S_HAIR_V] = v;
        Bsdf.setup(null, record, null, 0, 0f, 0f, 0f, s);
        return s;
    }

    /** A hit with absorption sigma (per unit radius, grey) and the default IOR and tilt. */
    static float[] grey(float betaM, float betaN, float sigma, float h) {
        float[] g = {sigma, sigma, sigma};
        return hit(record(HAIR_ABSORPTION, g, g, betaM, betaN, ALPHA), h, 0f, 0f);
    }

    static float[] unit(double x, double y, double z) {
        double l = Math.sqrt(x * x + y * y + z * z);
        return new float[] {(float) (x / l), (float) (y / l), (float) (z / l)};
    }

    /** Direction with sin(theta) = sinTheta along the fibre and azimuth phi = atan2(z, y). */
    static float[] dir(double sinTheta, double phi) {
        double c = Math.sqrt(Math.max(0, 1 - sinTheta * sinTheta));
        return new float[] {(float) sinTheta, (float) (c * Math.cos(phi)), (float) (c * Math.sin(phi))};
    }
}
