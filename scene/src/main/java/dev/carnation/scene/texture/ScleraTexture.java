package dev.carnation.scene.texture;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The sclera's colour map in the eye's own spherical coordinates around the gaze axis: u the
 * azimuth (from the eye's +x towards +y, over 2 pi), v the polar angle from the gaze over pi (top
 * row: the front pole, under the cornea; bottom row: the back of the eye). A photograph-like
 * equirectangular image in that layout can be given instead; this class makes one procedurally:
 * a white-pink base multiplied onto the sclera material's colour, and thin red conjunctival vessels.
 *
 * <p>Vessels are grown on the eyeball's sphere (millimetres, not texels): trunks start around the
 * equator, more of them towards the eye's corners (azimuth 0 and pi: the horizontal canthi, where
 * the exposed sclera is), and run towards the limbus, meandering, branching into thinner vessels and
 * thinning as they go. They stop at a random distance from the limbus and fade out before it; within
 * {@link #CLEAR_MM} of the limbus there are none (the clear perilimbal zone of a healthy eye).
 * Each vessel segment is drawn with its box-filtered coverage (the overlap of a texel's footprint
 * with the vessel across its direction), so coverage integrates to the vessel's width whatever the
 * texel size: a 20 µm vessel on 37 µm texels is a faint line of the right total density.
 * Deterministic for a seed.
 */
public final class ScleraTexture {
    private ScleraTexture() {}

    /** Texels around and from pole to pole: 36.8 µm at the equator of a 24 mm eye. */
    public static final int WIDTH = 2048;
    public static final int HEIGHT = 1024;
    /** No vessel within this distance of the limbus (mm, along the sphere); full strength from FADE_MM on. */
    public static final double CLEAR_MM = 1.0;
    public static final double FADE_MM = 3.0;
    /** Base colour (linear, multiplied onto the material's) and vessel colour (linear, absolute fraction of it). */
    static final double[] BASE = {1.0, 0.93, 0.91};
    static final double[] VESSEL = {0.62, 0.10, 0.09};
    /** Growth step along a vessel, mm. */
    static final double STEP_MM = 0.12;

    /** Generator parameters: widths in µm (thinnest, thickest), trunks around the eye, strength 0-1, seed. */
    public record Params(double minWidthUm, double maxWidthUm, int trunks, double strength, long seed) {
        public static Params defaults() {
            return new Params(20, 90, 48, 0.6, 1);
        }
    }

    /** One drawn vessel segment: ends (polar angle, azimuth in radians) and width in mm. */
    public record Segment(double th0, double ph0, double th1, double ph1, double widthMm, double lengthMm) {}

    /** The vessels' coverage (0-1 per texel, before strength and fade) and the segments that made it. */
    public record Veins(float[] coverage, List<Segment> segments) {}

    /**
     * The colour map for an eyeball of radius radiusMm whose limbus lies at polar angle limbusTh
     * (radians from the gaze).
     */
    public static Image make(Params p, double radiusMm, double limbusTh) {
        Veins veins = grow(p, radiusMm, limbusTh);
        float[] px = new float[WIDTH * HEIGHT * 4];
        for (int y = 0; y < HEIGHT; y++) {
            double th = Math.PI * (y + 0.5) / HEIGHT;
            double a = p.strength() * fade(radiusMm, th, limbusTh);
            // Pinker towards the equator and the corners (more, finer vessels below the resolution).
            double flush = 0.03 * smooth(0, 1, (th - limbusTh) / (0.5 * Math.PI - limbusTh));
            for (int x = 0; x < WIDTH; x++) {
                double ph = 2 * Math.PI * (x + 0.5) / WIDTH;
                double c = Math.cos(ph);
                double f = flush * (0.5 + 0.5 * c * c);
                int i = y * WIDTH + x;
                double k = a * veins.coverage()[i];
                int o = i * 4;
                px[o] = (float) ((1 - k) * BASE[0] + k * VESSEL[0]);
                px[o + 1] = (float) ((1 - k) * (BASE[1] - f) + k * VESSEL[1]);
                px[o + 2] = (float) ((1 - k) * (BASE[2] - f) + k * VESSEL[2]);
                px[o + 3] = 1f;
            }
        }
        return new Image(WIDTH, HEIGHT, px);
    }

    /** 0 within CLEAR_MM of the limbus, 1 from FADE_MM on, smooth between. */
    public static double fade(double radiusMm, double th, double limbusTh) {
        return smooth(CLEAR_MM, FADE_MM, (th - limbusTh) * radiusMm);
    }

    static double smooth(double a, double b, double x) {
        double t = Math.max(0, Math.min(1, (x - a) / (b - a)));
        return t * t * (3 - 2 * t);
    }

    /** Grows the vessels and draws their coverage. */
    public static Veins grow(Params p, double radiusMm, double limbusTh) {
        SplittableRandom rnd = new SplittableRandom(p.seed() * 0x9E3779B97F4A7C15L + 0x5C1E7AL);
        float[] cov = new float[WIDTH * HEIGHT];
        List<Segment> segs = new ArrayList<>();
        double wMax = 1e-3 * p.maxWidthUm();
        double wMin = 1e-3 * p.minWidthUm();
        // A stack of growing tips: polar angle, azimuth, heading (radians; 0 = towards the limbus, i.e. decreasing th), width.
        List<double[]> tips = new ArrayList<>();
        for (int t = 0; t < p.trunks(); t++) {
            // Azimuth with density 1 + 3 cos^2: four times as many at the corners as at top and bottom.
            double ph;
            do {
                ph = 2 * Math.PI * rnd.nextDouble();
            } while (rnd.nextDouble() * 4 > 1 + 3 * Math.cos(ph) * Math.cos(ph));
            double th = Math.PI * (0.45 + 0.15 * rnd.nextDouble());
            double w = wMin + (wMax - wMin) * (0.6 + 0.4 * rnd.nextDouble());
            tips.add(new double[] {th, ph, 0.3 * (rnd.nextDouble() - 0.5), w, 0});
        }
        int guard = 0;
        while (!tips.isEmpty() && guard++ < 200_000) {
            double[] tip = tips.remove(tips.size() - 1);
            double th = tip[0];
            double ph = tip[1];
            double head = tip[2];
            double w = tip[3];
            // Where this vessel ends: 1-3 mm short of the limbus (measured along the sphere).
            double stopTh = limbusTh + (CLEAR_MM + 2.0 * rnd.nextDouble()) / radiusMm;
            int steps = 0;
            while (th > stopTh && steps++ < 2000) {
                head += 0.2 * (rnd.nextDouble() - 0.5);
                head = Math.max(-0.9, Math.min(0.9, head));
                double dth = -STEP_MM * Math.cos(head) / radiusMm;
                double dph = STEP_MM * Math.sin(head) / (radiusMm * Math.max(0.2, Math.sin(th)));
                double th1 = th + dth;
                double ph1 = ph + dph;
                segs.add(new Segment(th, ph, th1, ph1, w, STEP_MM));
                draw(cov, radiusMm, th, ph, th1, ph1, w);
                th = th1;
                ph = ph1;
                w = Math.max(wMin, 0.996 * w);
                // A branch is thinner than its parent: none once it would be thinner than the thinnest.
                if (0.7 * w >= wMin && rnd.nextDouble() < 0.03) {
                    double cw = 0.7 * w;
                    double turn = (rnd.nextBoolean() ? 1 : -1) * (0.45 + 0.5 * rnd.nextDouble());
                    tips.add(new double[] {th, ph, head + turn, cw, 0});
                    w = Math.max(wMin, 0.85 * w);
                }
            }
        }
        return new Veins(cov, segs);
    }

    /** Draws one segment's box-filtered coverage, combining with what is there by max. */
    static void draw(float[] cov, double r, double th0, double ph0, double th1, double ph1, double w) {
        double tv = Math.PI * r / HEIGHT;
        double pad = (w / 2 + 2 * tv) / r;
        double thLo = Math.min(th0, th1) - pad;
        double thHi = Math.max(th0, th1) + pad;
        int y0 = Math.max(0, (int) Math.floor(thLo / Math.PI * HEIGHT));
        int y1 = Math.min(HEIGHT - 1, (int) Math.ceil(thHi / Math.PI * HEIGHT));
        double sinMin = Math.max(0.05, Math.min(Math.sin(Math.max(1e-3, thLo)), Math.sin(Math.min(Math.PI - 1e-3, thHi))));
        double padPh = pad / sinMin + 2 * Math.PI / WIDTH * 2;
        double phLo = Math.min(ph0, ph1) - padPh;
        double phHi = Math.max(ph0, ph1) + padPh;
        int x0 = (int) Math.floor(phLo / (2 * Math.PI) * WIDTH);
        int x1 = (int) Math.ceil(phHi / (2 * Math.PI) * WIDTH);
        // Local flat frame at the segment's middle: a along the polar angle, b along the azimuth, in mm.
        double thm = 0.5 * (th0 + th1);
        double s = Math.sin(thm);
        double ax = (th1 - th0) * r;
        double bx = (ph1 - ph0) * r * s;
        double len = Math.hypot(ax, bx);
        if (!(len > 0)) {
            return;
        }
        double ta = ax / len;
        double tb = bx / len;
        for (int y = y0; y <= y1; y++) {
            double th = Math.PI * (y + 0.5) / HEIGHT;
            double tu = 2 * Math.PI * r * Math.sin(th) / WIDTH;
            // The texel's footprint across the segment (its box projected on the segment's normal).
            double foot = Math.abs(tb) * tv + Math.abs(ta) * tu;
            for (int xx = x0; xx <= x1; xx++) {
                double ph = 2 * Math.PI * (xx + 0.5) / WIDTH;
                double pa = (th - th0) * r;
                double pb = (ph - ph0) * r * s;
                double along = pa * ta + pb * tb;
                double across = Math.abs(-pa * tb + pb * ta);
                // Segments chain end to end: count the texel for the segment whose span holds its projection.
                if (along < 0 || along >= len) {
                    continue;
                }
                double lo = Math.max(across - foot / 2, -w / 2);
                double hi = Math.min(across + foot / 2, w / 2);
                double c = hi > lo ? (hi - lo) / foot : 0;
                if (c <= 0) {
                    continue;
                }
                int x = Math.floorMod(xx, WIDTH);
                int i = y * WIDTH + x;
                if (c > cov[i]) {
                    cov[i] = (float) Math.min(1, c);
                }
            }
        }
    }
}
