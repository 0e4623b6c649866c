package dev.carnation.kernel.sampling;

/**
 * sin, cos, atan2 and acos in plain float arithmetic (+ - * / and sqrt, all correctly rounded in
 * IEEE 754), so the JVM, OpenCL and PTX compute the same bits. Library versions differ per device:
 * TornadoVM's PTX backend maps Math.sin/cos to sin.approx/cos.approx (about 1e-6 absolute error).
 * Accuracy here is a few float ulps over the ranges the kernels use.
 */
public final class DetMath {
    private DetMath() {}

    public static final float PI = 3.14159265358979f;
    public static final float HALF_PI = 1.5707963267948966f;
    // pi/2 in three parts for Cody-Waite reduction: k * HI and k * MID are exact for |k| < 2^12.
    static final float HALF_PI_HI = 1.5703125f;
    static final float HALF_PI_MID = 4.838705062866211e-4f;
    static final float HALF_PI_LO = -4.371138828673793e-8f;
    static final float TWO_OVER_PI = 0.6366197723675814f;
    static final float TAN_PI_8 = 0.41421356237309503f;
    static final float QUARTER_PI = 0.7853981633974483f;

    /** sin for |x| up to about 1e4. */
    public static float sin(float x) {
        int k = Warp.floorToInt(x * TWO_OVER_PI + 0.5f);
        float r = reduce(x, k);
        int q = k & 3;
        float v = sinPoly(r);
        if (q == 1) {
            v = cosPoly(r);
        } else if (q == 2) {
            v = -sinPoly(r);
        } else if (q == 3) {
            v = -cosPoly(r);
        }
        return v;
    }

    /** cos for |x| up to about 1e4. */
    public static float cos(float x) {
        int k = Warp.floorToInt(x * TWO_OVER_PI + 0.5f);
        float r = reduce(x, k);
        int q = k & 3;
        float v = cosPoly(r);
        if (q == 1) {
            v = -sinPoly(r);
        } else if (q == 2) {
            v = -cosPoly(r);
        } else if (q == 3) {
            v = sinPoly(r);
        }
        return v;
    }

    /**
     * Writes sin(x) to out[o] and cos(x) to out[o + 1]: one range reduction and two short
     * polynomials, with the quadrant applied by selection (no divergent calls).
     */
    public static void sinCos(float x, float[] out, int o) {
        int k = Warp.floorToInt(x * TWO_OVER_PI + 0.5f);
        float r = reduce(x, k);
        float sp = sinPoly(r);
        float cp = cosPoly(r);
        int q = k & 3;
        float sv = sp;
        float cv = cp;
        if (q == 1) {
            sv = cp;
            cv = -sp;
        } else if (q == 2) {
            sv = -sp;
            cv = -cp;
        } else if (q == 3) {
            sv = -cp;
            cv = sp;
        }
        out[o] = sv;
        out[o + 1] = cv;
    }

    static float reduce(float x, int k) {
        float kf = k;
        return ((x - kf * HALF_PI_HI) - kf * HALF_PI_MID) - kf * HALF_PI_LO;
    }

    /** Taylor series to r^9 on [-pi/4, pi/4]: truncation below 2e-9. */
    static float sinPoly(float r) {
        float s = r * r;
        return r + r * s * (-1f / 6f + s * (1f / 120f + s * (-1f / 5040f + s * (1f / 362880f))));
    }

    /** Taylor series to r^10 on [-pi/4, pi/4]: truncation below 1e-9. */
    static float cosPoly(float r) {
        float s = r * r;
        return 1f + s * (-0.5f + s * (1f / 24f + s * (-1f / 720f + s * (1f / 40320f + s * (-1f / 3628800f)))));
    }

    /** atan2(y, x) in (-pi, pi]. */
    public static float atan2(float y, float x) {
        float ax = Math.abs(x);
        float ay = Math.abs(y);
        float mx = Math.max(ax, ay);
        float mn = Math.min(ax, ay);
        // t = mn/mx, or (mn - mx)/(mn + mx) = (a - 1)/(a + 1) above tan(pi/8): one division either way.
        float num = mn;
        float den = mx;
        float base = 0f;
        if (mn > TAN_PI_8 * mx) {
            num = mn - mx;
            den = mn + mx;
            base = QUARTER_PI;
        }
        float t = 0f;
        if (den > 0f) {
            t = num / den;
        }
        float s = t * t;
        // atan series to t^19 for |t| <= tan(pi/8): truncation below 1e-9.
        float p = 1f / 17f + s * (-1f / 19f);
        p = 1f / 15f * -1f + s * p;
        p = 1f / 13f + s * p;
        p = -1f / 11f + s * p;
        p = 1f / 9f + s * p;
        p = -1f / 7f + s * p;
        p = 1f / 5f + s * p;
        p = -1f / 3f + s * p;
        float r = base + (t + t * s * p);
        if (ay > ax) {
            r = HALF_PI - r;
        }
        if (x < 0f) {
            r = PI - r;
        }
        if (y < 0f) {
            r = -r;
        }
        return r;
    }

    /** acos for x in [-1, 1] (clamped). */
    public static float acos(float x) {
        float c = Math.max(-1f, Math.min(1f, x));
        // (1 - c)(1 + c) keeps its precision near c = +-1, where 1 - c^2 cancels.
        return atan2((float) Math.sqrt(Math.max(0f, (1f - c) * (1f + c))), c);
    }

    static final float LN2 = 0.6931471805599453f;
    // ln 2 split for Cody-Waite reduction: k * LN2_HI is exact for |k| < 2^11.
    static final float LN2_HI = 0.693145751953125f;
    static final float LN2_LO = 1.4286068203094173e-6f;

    /**
     * e^x for x &lt;= 0 (transmittance), 0 below -87. exp(x) = 2^k e^r with r in [0, ln 2): a Taylor
     * series for e^r and 2^k by repeated squaring (no bit reinterpretation, which TornadoVM's
     * OpenCL backend cannot emit).
     */
    public static float expNeg(float x) {
        float result = 0f;
        if (x > -87f) {
            float xc = Math.min(x, 0f);
            int k = Warp.floorToInt(xc / LN2);
            float r = (xc - k * LN2_HI) - k * LN2_LO;
            float er = 1f + r * (1f + r * (0.5f + r * (1f / 6f + r * (1f / 24f + r * (1f / 120f
                    + r * (1f / 720f + r * (1f / 5040f + r * (1f / 40320f + r * (1f / 362880f)))))))));
            float p = 1f;
            float b = 0.5f;
            int n = -k;
            while (n > 0) {
                if ((n & 1) == 1) {
                    p = p * b;
                }
                b = b * b;
                n = n / 2;
            }
            result = er * p;
        }
        return result;
    }

    /** ln(x) for x in (0, 1] (free-flight sampling): halve the range into [0.5, 1), then atanh series. */
    public static float logUnit(float x) {
        float m = Math.max(x, 1e-30f);
        int e = 0;
        while (m < 0.5f) {
            m = m * 2f;
            e = e - 1;
        }
        float t = (m - 1f) / (m + 1f);
        float t2 = t * t;
        // 2 atanh(t), |t| <= 1/3: terms to t^15, truncation below 1e-9.
        float p = 1f / 13f + t2 * (1f / 15f);
        p = 1f / 11f + t2 * p;
        p = 1f / 9f + t2 * p;
        p = 1f / 7f + t2 * p;
        p = 1f / 5f + t2 * p;
        p = 1f / 3f + t2 * p;
        return e * LN2 + 2f * (t + t * t2 * p);
    }

    /**
     * e^x for any x, 0 below -87 and clamped at 88: as expNeg, but with 2^k built by seven fixed
     * conditional squarings instead of a loop, since loops inlined into a branch of the path loop
     * lose their results on PoCL (docs/tornadovm-notes.md, item 5). The hair closure calls it
     * from the surface and BSDF stages.
     */
    public static float exp(float x) {
        float xc = Math.min(x, 88f);
        int k = Warp.floorToInt(xc / LN2);
        float r = (xc - k * LN2_HI) - k * LN2_LO;
        float er = 1f + r * (1f + r * (0.5f + r * (1f / 6f + r * (1f / 24f + r * (1f / 120f
                + r * (1f / 720f + r * (1f / 5040f + r * (1f / 40320f + r * (1f / 362880f)))))))));
        float b = 2f;
        int n = k;
        if (k < 0) {
            b = 0.5f;
            n = -k;
        }
        float p = 1f;
        if ((n & 1) != 0) {
            p = p * b;
        }
        b = b * b;
        if ((n & 2) != 0) {
            p = p * b;
        }
        b = b * b;
        if ((n & 4) != 0) {
            p = p * b;
        }
        b = b * b;
        if ((n & 8) != 0) {
            p = p * b;
        }
        b = b * b;
        if ((n & 16) != 0) {
            p = p * b;
        }
        b = b * b;
        if ((n & 32) != 0) {
            p = p * b;
        }
        b = b * b;
        if ((n & 64) != 0) {
            p = p * b;
        }
        float result = er * p;
        if (x <= -87f) {
            result = 0f;
        }
        return result;
    }

    /**
     * ln(x) for any x &gt; 0 (clamped to [1e-37, 3e38]) without a loop: the binary exponent is
     * found by halving steps of 2^64 ... 2 in each direction (exact scalings by powers of two), the
     * mantissa moved into [sqrt(1/2), sqrt(2)) and the atanh series of logUnit applied.
     */
    public static float log(float x) {
        float m = Math.max(1e-37f, Math.min(3e38f, x));
        int e = 0;
        if (m < 5.421010862427522e-20f) { // 2^-64
            m = m * 1.8446744073709552e19f;
            e = e - 64;
        }
        if (m < 2.3283064365386963e-10f) { // 2^-32
            m = m * 4294967296f;
            e = e - 32;
        }
        if (m < 1.52587890625e-5f) {
            m = m * 65536f;
            e = e - 16;
        }
        if (m < 0.00390625f) {
            m = m * 256f;
            e = e - 8;
        }
        if (m < 0.0625f) {
            m = m * 16f;
            e = e - 4;
        }
        if (m < 0.25f) {
            m = m * 4f;
            e = e - 2;
        }
        if (m < 0.5f) {
            m = m * 2f;
            e = e - 1;
        }
        if (m >= 1.8446744073709552e19f) {
            m = m * 5.421010862427522e-20f;
            e = e + 64;
        }
        if (m >= 4294967296f) {
            m = m * 2.3283064365386963e-10f;
            e = e + 32;
        }
        if (m >= 65536f) {
            m = m * 1.52587890625e-5f;
            e = e + 16;
        }
        if (m >= 256f) {
            m = m * 0.00390625f;
            e = e + 8;
        }
        if (m >= 16f) {
            m = m * 0.0625f;
            e = e + 4;
        }
        if (m >= 4f) {
            m = m * 0.25f;
            e = e + 2;
        }
        if (m >= 2f) {
            m = m * 0.5f;
            e = e + 1;
        }
        // m in [0.5, 2): centre it on 1 so the series argument stays below 0.172.
        if (m < 0.70710678f) {
            m = m * 2f;
            e = e - 1;
        }
        if (m >= 1.41421356f) {
            m = m * 0.5f;
            e = e + 1;
        }
        return e * LN2 + logSeries(m);
    }

    /**
     * ln(m) for m near 1 (within [0.5, 2)): 2 atanh((m - 1) / (m + 1)) by its odd series to t^15, in
     * plain float arithmetic (no library call, so every backend rounds the same).
     */
    public static float logSeries(float m) {
        float t = (m - 1f) / (m + 1f);
        float t2 = t * t;
        float p = 1f / 13f + t2 * (1f / 15f);
        p = 1f / 11f + t2 * p;
        p = 1f / 9f + t2 * p;
        p = 1f / 7f + t2 * p;
        p = 1f / 5f + t2 * p;
        p = 1f / 3f + t2 * p;
        return 2f * (t + t * t2 * p);
    }
}
