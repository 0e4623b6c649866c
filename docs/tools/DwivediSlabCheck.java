import java.util.SplittableRandom;

/**
 * Stand-alone check behind docs/skin.md: does Dwivedi guiding pay for the random walk at skin
 * albedos? Walks a semi-infinite, index-matched, isotropic slab entered with a cosine-weighted
 * direction, as the renderer's walk does (channel chosen in proportion to throughput x max(alpha, 0.2),
 * balance heuristic over channels and strategies, Russian roulette below 0.25 of the entry), with
 * and without guiding, and prints per channel the reflectance, its variance per path and
 * 1 / (variance x steps per path): samples per unit of work.
 *
 * <p>Run: java docs/tools/DwivediSlabCheck.java [A_r A_g A_b [guided_share [paths]]]
 * (default: the head's 0.85 0.5 0.35, shares 0 and 0.5, 400k paths; mean free paths 3 / 1.1 / 0.55 mm).
 * Measured: guided share 0.5 roughly doubled the last column in every channel, means unchanged.
 */
public class DwivediSlabCheck {
    static double invertAlbedo(double a) {
        double s = 4.09712 + 4.20863 * a - Math.sqrt(9.59217 + 41.6808 * a + 17.7126 * a * a);
        return 1 - s * s;
    }

    /** Diffusion length of a semi-infinite medium (d'Eon and Krivanek's fit, as Cycles). */
    static double nu(double a) {
        return 1 / Math.sqrt(1 - Math.pow(a, 2.44294 - 0.0215813 * a + 0.578637 / a));
    }

    public static void main(String[] args) {
        double[] albedo = {0.85, 0.5, 0.35};
        if (args.length >= 3) {
            for (int c = 0; c < 3; c++) {
                albedo[c] = Double.parseDouble(args[c]);
            }
        }
        double[] shares = args.length >= 4 ? new double[] {Double.parseDouble(args[3])} : new double[] {0, 0.5};
        int paths = args.length >= 5 ? Integer.parseInt(args[4]) : 400_000;
        for (double share : shares) {
            run(albedo, new double[] {3, 1.1, 0.55}, share, paths);
        }
    }

    static void run(double[] albedo, double[] mfp, double share, int paths) {
        double[] alpha = new double[3];
        double[] sigma = new double[3];
        double amax = 0;
        for (int c = 0; c < 3; c++) {
            alpha[c] = invertAlbedo(albedo[c]);
            sigma[c] = 1 / mfp[c];
            amax = Math.max(amax, alpha[c]);
        }
        double v = nu(amax);
        double plog = Math.log((v + 1) / (v - 1));
        SplittableRandom rng = new SplittableRandom(7);
        double[] sum = new double[3];
        double[] sq = new double[3];
        long steps = 0;
        for (int p = 0; p < paths; p++) {
            double[] thr = {1, 1, 1};
            double u = rng.nextDouble();
            double dz = -Math.sqrt(1 - u); // only depth matters in a slab
            double z = 0;
            boolean first = true;
            boolean out = false;
            boolean alive = true;
            boolean guided = false;
            double mu = 0;
            double dirRatio = 0; // Dwivedi density / phase function density of the current direction
            while (alive && !out) {
                steps++;
                double[] w = new double[3];
                double ws = 0;
                for (int c = 0; c < 3; c++) {
                    w[c] = thr[c] * Math.max(alpha[c], 0.2);
                    ws += w[c];
                }
                double uc = rng.nextDouble() * ws;
                int ch = uc < w[0] ? 0 : uc < w[0] + w[1] ? 1 : 2;
                double stretch = 1 - mu / v;
                double t = -Math.log(1 - rng.nextDouble()) / (sigma[ch] * (guided ? stretch : 1));
                double toSurface = dz > 0 ? -z / dz : Double.POSITIVE_INFINITY;
                boolean leaves = t >= toSurface;
                if (leaves) {
                    t = toSurface;
                }
                double mixed = 0;
                double[] num = new double[3];
                for (int c = 0; c < 3; c++) {
                    double tr = Math.exp(-sigma[c] * t);
                    double pdf = leaves ? tr : sigma[c] * tr;
                    if (!first) {
                        double s2 = sigma[c] * stretch;
                        double tr2 = Math.exp(-s2 * t);
                        pdf = (1 - share) * pdf + share * dirRatio * (leaves ? tr2 : s2 * tr2);
                    }
                    mixed += w[c] / ws * pdf;
                    num[c] = leaves ? tr : alpha[c] * sigma[c] * tr;
                }
                for (int c = 0; c < 3; c++) {
                    thr[c] *= num[c] / mixed;
                }
                if (leaves) {
                    out = true;
                } else {
                    z += dz * t;
                    first = false;
                    double m = Math.max(thr[0], Math.max(thr[1], thr[2]));
                    if (m < 0.25) {
                        double keep = Math.max(0.05, m / 0.25);
                        if (rng.nextDouble() >= keep) {
                            alive = false;
                        }
                        for (int c = 0; c < 3; c++) {
                            thr[c] /= keep;
                        }
                    }
                    guided = rng.nextDouble() < share;
                    double u1 = rng.nextDouble();
                    mu = guided ? v - (v + 1) * Math.exp(-u1 * plog) : 1 - 2 * u1;
                    dz = mu;
                    dirRatio = (1 / (2 * Math.PI)) / ((v - mu) * plog) / (1 / (4 * Math.PI));
                }
            }
            if (out) {
                for (int c = 0; c < 3; c++) {
                    sum[c] += thr[c];
                    sq[c] += thr[c] * thr[c];
                }
            }
        }
        System.out.printf("albedo %s, guided share %.2f, nu %.2f: %.2f steps per path%n",
                java.util.Arrays.toString(albedo), share, v, (double) steps / paths);
        for (int c = 0; c < 3; c++) {
            double m = sum[c] / paths;
            double var = sq[c] / paths - m * m;
            System.out.printf("  channel %d, alpha %.4f: R %.4f +- %.4f, variance %.4f, 1 / (variance x steps) %.3f%n",
                    c, alpha[c], m, Math.sqrt(var / paths), var, 1 / (var * steps / paths));
        }
    }
}
