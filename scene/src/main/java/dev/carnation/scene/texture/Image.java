package dev.carnation.scene.texture;

/** A linear RGBA float image, row-major from the top-left texel. */
public record Image(int width, int height, float[] rgba) {
    public Image {
        if (rgba.length != width * height * 4) {
            throw new IllegalArgumentException("rgba length " + rgba.length + " for " + width + "x" + height);
        }
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
