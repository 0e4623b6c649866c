package dev.carnation.scene.texture;

/** A linear RGBA float image, row-major from the top-left texel. */
public record Image(int width, int height, float[] rgba) {
    public Image {
        if (rgba.length != (long) width * height * 4) {
            throw new IllegalArgumentException("rgba length " + rgba.length + " for " + width + "x" + height);
        }
    }

    /**
     * Sets every negative, NaN or infinite component to 0 and returns how many there were: light
     * is never negative, and one non-finite texel would turn every sample that sees it into NaN.
     */
    public int clearInvalid() {
        int n = 0;
        for (int i = 0; i < rgba.length; i++) {
            if (!(rgba[i] >= 0) || rgba[i] == Float.POSITIVE_INFINITY) {
                rgba[i] = 0;
                n++;
            }
        }
        return n;
    }

    public static Image constant(int width, int height, float r, float g, float b) {
        float[] px = new float[width * height * 4];
        for (int i = 0; i < width * height; i++) {
            px[i * 4] = r;
            px[i * 4 + 1] = g;
            px[i * 4 + 2] = b;
            px[i * 4 + 3] = 1f;
        }
        return new Image(width, height, px);
    }
}
