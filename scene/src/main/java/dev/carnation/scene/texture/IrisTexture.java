package dev.carnation.scene.texture;

/**
 * The iris's texture in the polar coordinates of the eye's iris cone: u around (from the eye's
 * +x towards +y), v from the pupil margin (0) to the iris root (1). Taken from a photograph-like
 * image of a whole iris (a centre and the pupil's and the iris's radii in its uv units: the pupil of
 * the image is stretched onto the eye's pupil margin, whatever the pupil diameter), or made
 * procedurally when there is none. The limbal ring is darkened in: a band of the given width (mm)
 * inside the iris root, darkest at the root.
 */
public final class IrisTexture {
    private IrisTexture() {}

    public static final int WIDTH = 512;
    public static final int HEIGHT = 128;
    /** Largest albedo a gain may raise a texel to. */
    public static final double MAX_ALBEDO = 0.95;

    /**
     * source may be null (procedural). centre, pupilR and irisR in source uv units; irisWidthMm is
     * the iris's radial extent (root minus pupil radius), for the limbal band's width.
     */
    public static Image make(Image source, double cu, double cv, double pupilR, double irisR,
                             double irisWidthMm, double limbusWidthMm, double limbusStrength) {
        return make(source, cu, cv, pupilR, irisR, irisWidthMm, limbusWidthMm, limbusStrength, new double[] {1, 1, 1});
    }

    /**
     * As above, each texel times gain (a photograph's iris may be too dark to read under studio
     * light) and kept at most MAX_ALBEDO, so no gain makes the iris create light.
     */
    public static Image make(Image source, double cu, double cv, double pupilR, double irisR,
                             double irisWidthMm, double limbusWidthMm, double limbusStrength, double[] gain) {
        float[] px = new float[WIDTH * HEIGHT * 4];
        for (int y = 0; y < HEIGHT; y++) {
            double v = (y + 0.5) / HEIGHT;
            double fromRoot = (1 - v) * irisWidthMm;
            double k = limbusWidthMm > 0 ? Math.max(0, 1 - fromRoot / limbusWidthMm) : 0;
            double dark = 1 - limbusStrength * k * k * (3 - 2 * k);
            for (int x = 0; x < WIDTH; x++) {
                double u = (x + 0.5) / WIDTH;
                double phi = 2 * Math.PI * u;
                double r;
                double g;
                double b;
                if (source != null) {
                    double rr = pupilR + v * (irisR - pupilR);
                    // Source images have v down; the eye's +y (phi = 90 degrees) is up.
                    double su = cu + rr * Math.cos(phi);
                    double sv = cv - rr * Math.sin(phi);
                    double[] c = bilinear(source, su, sv);
                    r = c[0];
                    g = c[1];
                    b = c[2];
                } else {
                    double[] c = procedural(phi, v);
                    r = c[0];
                    g = c[1];
                    b = c[2];
                }
                int o = (y * WIDTH + x) * 4;
                px[o] = (float) Math.min(MAX_ALBEDO, r * gain[0] * dark);
                px[o + 1] = (float) Math.min(MAX_ALBEDO, g * gain[1] * dark);
                px[o + 2] = (float) Math.min(MAX_ALBEDO, b * gain[2] * dark);
                px[o + 3] = 1f;
            }
        }
        return new Image(WIDTH, HEIGHT, px);
    }

    /** A flat iris of one colour (energy tests), limbal ring included. */
    public static Image flat(double irisWidthMm, double limbusWidthMm, double limbusStrength) {
        return flat(make(null, 0, 0, 0, 0, irisWidthMm, limbusWidthMm, limbusStrength), irisWidthMm, limbusWidthMm,
                limbusStrength);
    }

    /** Replaces img's texels by the limbal darkening alone (white elsewhere). */
    private static Image flat(Image img, double irisWidthMm, double limbusWidthMm, double limbusStrength) {
        float[] px = img.rgba();
        for (int y = 0; y < HEIGHT; y++) {
            double v = (y + 0.5) / HEIGHT;
            double fromRoot = (1 - v) * irisWidthMm;
            double k = limbusWidthMm > 0 ? Math.max(0, 1 - fromRoot / limbusWidthMm) : 0;
            float dark = (float) (1 - limbusStrength * k * k * (3 - 2 * k));
            for (int x = 0; x < WIDTH; x++) {
                int o = (y * WIDTH + x) * 4;
                px[o] = dark;
                px[o + 1] = dark;
                px[o + 2] = dark;
            }
        }
        return img;
    }

    /**
     * Radial fibres (stroma) in a warm brown, a brighter collarette a third of the way out and a
     * darker band by the pupil: enough structure to see the refraction and depth of field.
     */
    static double[] procedural(double phi, double v) {
        double fib = 0.5 + 0.5 * Math.sin(61 * phi + 2.3 * Math.sin(7 * phi) + 6 * v)
                * Math.sin(23 * phi - 1.7 * Math.sin(5 * phi + 4 * v));
        double collarette = Math.exp(-Math.pow((v - 0.3) / 0.06, 2));
        double margin = Math.exp(-Math.pow(v / 0.05, 2));
        double l = (0.55 + 0.45 * fib) * (1 + 0.6 * collarette) * (1 - 0.6 * margin);
        return new double[] {0.32 * l, 0.15 * l, 0.055 * l};
    }

    /** Bilinear lookup in uv with (0, 0) the top-left corner, clamped at the edges. */
    static double[] bilinear(Image img, double u, double v) {
        int w = img.width();
        int h = img.height();
        double x = u * w - 0.5;
        double y = v * h - 0.5;
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double[] out = new double[3];
        for (int dy = 0; dy <= 1; dy++) {
            for (int dx = 0; dx <= 1; dx++) {
                int xi = Math.min(w - 1, Math.max(0, x0 + dx));
                int yi = Math.min(h - 1, Math.max(0, y0 + dy));
                double wgt = (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy);
                int o = (yi * w + xi) * 4;
                for (int c = 0; c < 3; c++) {
                    out[c] += wgt * img.rgba()[o + c];
                }
            }
        }
        return out;
    }
}
