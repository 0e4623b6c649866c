package dev.carnation.kernel.sampling;

/** Maps of uniform samples to shapes, and discrete sampling from tabulated cdfs. */
public final class Warp {
    private Warp() {}

    public static final float PI = 3.14159265358979f;
    public static final float INV_PI = 0.31830988618379f;

    /** Shirley-Chiu concentric map; writes x, y at out[o], out[o+1]. */
    public static void concentricDisk(float u1, float u2, float[] out, int o) {
        float a = 2f * u1 - 1f;
        float b = 2f * u2 - 1f;
        float r = 0f;
        float phi = 0f;
        if (a == 0f && b == 0f) {
            r = 0f;
        } else if (Math.abs(a) > Math.abs(b)) {
            r = a;
            phi = (PI / 4f) * (b / a);
        } else {
            r = b;
            phi = (PI / 2f) - (PI / 4f) * (a / b);
        }
        DetMath.sinCos(phi, out, o);
        float sn = out[o];
        out[o] = r * out[o + 1];
        out[o + 1] = r * sn;
    }

    /**
     * Index i with cdf[off+i] &lt;= u &lt; cdf[off+i+1] over n intervals (cdf has n+1 entries,
     * cdf[off] = 0, cdf[off+n] = 1). Ends through its loop condition: no break (kernel rule).
     */
    public static int searchCdf(float[] cdf, int off, int n, float u) {
        int lo = 0;
        int hi = n;
        while (hi - lo > 1) {
            int mid = lo + (hi - lo) / 2;
            if (cdf[off + mid] <= u) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** x in [0, 1) with density proportional to (1 - x) a + x b (a, b &gt;= 0, not both 0), from u (pbrt-v4). */
    public static float sampleLinear(float u, float a, float b) {
        float x = 0f;
        if (u > 0f) {
            x = u * (a + b) / (a + (float) Math.sqrt((1f - u) * a * a + u * b * b));
        }
        return Math.min(x, 0.99999994f);
    }

    /**
     * Density at (x, y) in the unit square of the bilinear distribution with corner weights w00
     * (at x = 0, y = 0), w10, w01 and w11: sample y with sampleLinear(u, w00 + w10, w01 + w11),
     * then x with sampleLinear(u, lerp(y, w00, w01), lerp(y, w10, w11)).
     */
    public static float bilinearPdf(float x, float y, float w00, float w10, float w01, float w11) {
        return 4f * ((1f - x) * (1f - y) * w00 + x * (1f - y) * w10 + (1f - x) * y * w01 + x * y * w11)
                / (w00 + w10 + w01 + w11);
    }

    public static float luminance(float r, float g, float b) {
        return 0.2126f * r + 0.7152f * g + 0.0722f * b;
    }

    /**
     * floor() for |x| &lt; 2^31. Math.floor cannot be used in kernels: on TornadoVM 5.2 (JDK 25) its
     * lowering emits a bit reinterpretation the OpenCL backend does not implement (docs/tornadovm-notes.md).
     */
    public static int floorToInt(float x) {
        int i = (int) x;
        if (x < i) {
            i = i - 1;
        }
        return i;
    }

    /** True for a finite float: NaN fails every comparison. */
    public static boolean finite(float v) {
        return Math.abs(v) <= 3.0e38f;
    }
}
