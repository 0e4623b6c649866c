package dev.carnation.kernel.light;

import dev.carnation.kernel.sampling.DetMath;

/**
 * Uniform sampling of the solid angle a rectangle subtends (Ureña, Fajardo and King 2013, "An
 * Area-Preserving Parametrization for Spherical Rectangles"), in the rectangle's own frame seen
 * from the shading point: the rectangle spans [x0, x1] x [y0, y1] in the plane z = z0 &lt; 0.
 *
 * <p>The paper's internal angles are each pi/2 plus a small term, and their sum minus 2 pi
 * cancels catastrophically in float for small or distant rectangles. Written instead with the
 * per-corner terms F(x, y) = asin(x y / sqrt((x^2 + z^2)(y^2 + z^2))) = atan2(x y, |z| |v|), the
 * closed form of the rectangle's solid angle, F(x1, y1) - F(x0, y1) - F(x1, y0) + F(x0, y0),
 * keeps full relative precision; the sampling formulas take the same terms (their angle au is the
 * paper's minus pi, which only flips the signs of its sine and cosine).
 */
public final class SphericalRectangle {
    private SphericalRectangle() {}

    /**
     * Below this solid angle (sr) and above MAX_SOLID_ANGLE the light is sampled by area instead:
     * a distant rectangle is sampled as well by area at less cost, and a point almost in the
     * rectangle's plane, inside its outline, sees a nearly flat hemisphere where the mapping degenerates.
     */
    public static final float MIN_SOLID_ANGLE = 1e-3f;
    public static final float MAX_SOLID_ANGLE = 6.2f;

    /** The corner term F(x, y) for the rectangle's plane at depth z (|z| taken). */
    static float corner(float x, float y, float z) {
        return DetMath.atan2(x * y, Math.abs(z) * (float) Math.sqrt(x * x + y * y + z * z));
    }

    /** Solid angle of [x0, x1] x [y0, y1] at depth z0 (x0 &lt; x1, y0 &lt; y1). */
    public static float solidAngle(float x0, float x1, float y0, float y1, float z0) {
        return corner(x1, y1, z0) - corner(x0, y1, z0) - corner(x1, y0, z0) + corner(x0, y0, z0);
    }

    /**
     * The x coordinate of the sample for u0 (the first stage of the paper's algorithm): the
     * vertical strip x &lt;= xu holds the fraction u0 of the solid angle sa.
     */
    public static float sampleX(float x0, float x1, float y0, float y1, float z0, float sa, float u0, float[] s, int tmp) {
        return sampleXFrom(corner(x0, y1, z0) - corner(x0, y0, z0), x0, x1, y0, y1, z0, sa, u0, s, tmp);
    }

    /**
     * {@link #sampleX} given left = F(x0, y1) - F(x0, y0), the left edge's corner terms, which the
     * solid angle has already computed (each term is an atan2 and a square root).
     */
    public static float sampleXFrom(float left, float x0, float x1, float y0, float y1, float z0, float sa, float u0,
                                    float[] s, int tmp) {
        // phi = au + pi, with au = u0 * S - gamma2 - gamma3 as in pbrt-v4 (gamma_i = pi/2 + corner terms)
        float phi = u0 * sa + left;
        DetMath.sinCos(phi, s, tmp);
        float sinPhi = s[tmp];
        float cosPhi = s[tmp + 1];
        float z2 = z0 * z0;
        float b0 = -y0 / (float) Math.sqrt(z2 + y0 * y0);
        float b1 = y1 / (float) Math.sqrt(z2 + y1 * y1);
        // cu = sign(fu) / sqrt(fu^2 + b0^2) with fu = (cos(au) b0 - b1) / sin(au) = num / sinPhi,
        // rearranged so that sin(au) = 0 divides nothing.
        float num = cosPhi * b0 + b1;
        float den = (float) Math.sqrt(num * num + b0 * b0 * sinPhi * sinPhi);
        float cu = 0f;
        if (den > 0f) {
            cu = sinPhi / den;
            if (num < 0f) {
                cu = -cu;
            }
        }
        cu = Math.max(-0.99999994f, Math.min(0.99999994f, cu));
        float xu = -(cu * z0) / (float) Math.sqrt(1f - cu * cu);
        return Math.max(x0, Math.min(x1, xu));
    }

    /** The y coordinate of the sample along the line x = xu for u1 (uniform in solid angle along it). */
    public static float sampleY(float xu, float y0, float y1, float z0, float u1) {
        float dd2 = xu * xu + z0 * z0;
        float dd = (float) Math.sqrt(dd2);
        float h0 = sine(y0, dd2);
        float h1 = sine(y1, dd2);
        float hv = h0 + u1 * (h1 - h0);
        float yv = y1;
        if (hv * hv < 1f - 1e-6f) {
            yv = hv * dd / (float) Math.sqrt((1f - hv) * (1f + hv));
        }
        return Math.max(y0, Math.min(y1, yv));
    }

    /** The u0 that {@link #sampleX} maps to xu: the share of the solid angle left of x = xu. */
    public static float invertX(float x0, float y0, float y1, float z0, float sa, float xu) {
        return Math.max(0f, Math.min(1f, solidAngle(x0, xu, y0, y1, z0) / sa));
    }

    /** The u1 that {@link #sampleY} maps to yv along x = xu. */
    public static float invertY(float xu, float y0, float y1, float z0, float yv) {
        float dd2 = xu * xu + z0 * z0;
        float h0 = sine(y0, dd2);
        float h1 = sine(y1, dd2);
        float r = 0f;
        if (h1 > h0) {
            r = (sine(yv, dd2) - h0) / (h1 - h0);
        }
        return Math.max(0f, Math.min(1f, r));
    }

    /** y / sqrt(dd2 + y^2): the sine of the elevation of height y along the line at squared distance dd2. */
    static float sine(float y, float dd2) {
        return y / (float) Math.sqrt(dd2 + y * y);
    }
}
