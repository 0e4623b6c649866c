package dev.carnation.integrator.film;

/**
 * Per-channel agreement of two RGB images of the same scene: mean of each, relative difference of
 * the means, fraction of values bit-identical, fraction within a relative tolerance (relative to
 * the larger magnitude, with 1e-6 as the floor so that near-black values compare absolutely), and
 * the largest absolute difference.
 */
public record ImageComparison(double[] meanA, double[] meanB, double[] meanRelDiff, double[] identical,
                              double[] withinTolerance, double[] maxAbsDiff, double tolerance) {

    public static ImageComparison of(float[] a, float[] b, double tolerance) {
        if (a.length != b.length || a.length % 3 != 0) {
            throw new IllegalArgumentException("images differ in size");
        }
        int n = a.length / 3;
        double[] ma = new double[3];
        double[] mb = new double[3];
        double[] same = new double[3];
        double[] close = new double[3];
        double[] max = new double[3];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                float x = a[i * 3 + c];
                float y = b[i * 3 + c];
                ma[c] += x;
                mb[c] += y;
                if (Float.floatToIntBits(x) == Float.floatToIntBits(y)) {
                    same[c]++;
                }
                double d = Math.abs((double) x - y);
                if (d <= tolerance * Math.max(1e-6, Math.max(Math.abs(x), Math.abs(y)))) {
                    close[c]++;
                }
                max[c] = Math.max(max[c], d);
            }
        }
        double[] rel = new double[3];
        for (int c = 0; c < 3; c++) {
            ma[c] /= n;
            mb[c] /= n;
            same[c] /= n;
            close[c] /= n;
            rel[c] = ma[c] == mb[c] ? 0 : Math.abs(ma[c] - mb[c]) / Math.max(Math.abs(ma[c]), 1e-30);
        }
        return new ImageComparison(ma, mb, rel, same, close, max, tolerance);
    }

    /** Means within meanTolerance (relative) and at least minFraction of values within tolerance, per channel. */
    public boolean agrees(double meanTolerance, double minFraction) {
        for (int c = 0; c < 3; c++) {
            if (!(meanRelDiff[c] <= meanTolerance) || !(withinTolerance[c] >= minFraction)) {
                return false;
            }
        }
        return true;
    }
}
