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
