package dev.carnation.kernel.closure;

import java.util.Arrays;

/**
 * Chi-square goodness of fit between sampled directions and a pdf over the sphere, binned in
 * (cos theta, phi) where solid angle is uniform per cell. Cells expecting fewer than 5 samples are
 * pooled (as pbrt-v4's bsdfs_test does). Regularised incomplete gamma after Numerical Recipes.
 * Shared with the light sampling tests.
 */
public final class ChiSquare {
    private ChiSquare() {}

    public record Result(double statistic, int dof, double pValue) {}

    public static Result test(double[] observed, double[] expected) {
        Integer[] order = new Integer[expected.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(expected[a], expected[b]));
        double pooledExp = 0;
        double pooledObs = 0;
        double chi = 0;
        int cells = 0;
        for (int k : order) {
            if (expected[k] < 5 && pooledExp < 5) {
                pooledExp += expected[k];
                pooledObs += observed[k];
            } else if (expected[k] > 0) {
                chi += sq(observed[k] - expected[k]) / expected[k];
                cells++;
            }
        }
        if (pooledExp > 0) {
            chi += sq(pooledObs - pooledExp) / pooledExp;
            cells++;
        }
        int dof = Math.max(1, cells - 1);
        return new Result(chi, dof, gammaQ(dof / 2.0, chi / 2.0));
    }

    static double sq(double x) {
        return x * x;
    }

    static double gammaQ(double a, double x) {
        if (x <= 0) {
            return 1;
        }
        if (x < a + 1) {
            double ap = a;
            double sum = 1 / a;
            double del = sum;
            for (int n = 0; n < 100000; n++) {
                ap += 1;
                del *= x / ap;
                sum += del;
                if (Math.abs(del) < Math.abs(sum) * 1e-15) {
                    break;
                }
            }
            return 1 - sum * Math.exp(-x + a * Math.log(x) - lnGamma(a));
        }
        double b = x + 1 - a;
        double c = 1 / 1e-300;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 100000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < 1e-300) {
                d = 1e-300;
            }
            c = b + an / c;
            if (Math.abs(c) < 1e-300) {
                c = 1e-300;
            }
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-15) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
    }

    static double lnGamma(double x) {
        double[] cof = {76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155,
            0.1208650973866179e-2, -0.5395239384953e-5};
        double y = x;
        double tmp = x + 5.5;
        tmp -= (x + 0.5) * Math.log(tmp);
        double ser = 1.000000000190015;
        for (double c : cof) {
            y += 1;
            ser += c / y;
        }
        return -tmp + Math.log(2.5066282746310005 * ser / x);
    }
}
