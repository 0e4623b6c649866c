package dev.carnation.integrator.film;

import dev.carnation.scene.texture.ImageFiles;
import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Encodes images: PNG (exposure, tone map, sRGB, 8 bit), PFM and OpenEXR (linear float). */
public final class ImageOutput {
    private ImageOutput() {}

    public enum Format { PNG, EXR, PFM }

    public static Format formatOf(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".png")) {
            return Format.PNG;
        }
        if (n.endsWith(".exr")) {
            return Format.EXR;
        }
        if (n.endsWith(".pfm")) {
            return Format.PFM;
        }
        return null;
    }

    /**
     * Writes an image of 1 to 4 channels to file in the given format (the file is normally a
     * staged temporary, see {@link dev.carnation.integrator.output.StagedFiles}); PNG gets exposure
     * and tone mapping when display is true.
     */
    public static void write(Path file, Format format, int w, int h, float[] px, int channels, boolean display,
                             double exposureStops, String tonemap) throws IOException {
        switch (format) {
            case PNG -> png(file, w, h, px, channels, display, exposureStops, tonemap);
            case PFM -> pfm(file, w, h, px, channels);
            case EXR -> exr(file, w, h, px, channels);
        }
    }

    static void png(Path out, int w, int h, float[] px, int channels, boolean display, double stops, String tm)
            throws IOException {
        boolean alpha = channels == 4;
        BufferedImage img = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        float k = (float) Math.pow(2, stops);
        float[] rgb = new float[3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * channels;
                for (int c = 0; c < 3; c++) {
                    rgb[c] = px[i + Math.min(c, channels - 1)];
                }
                if (display) {
                    for (int c = 0; c < 3; c++) {
                        rgb[c] *= k;
                    }
                    ToneMap.apply(tm, rgb);
                }
                int argb = alpha ? to8(px[i + 3], false) << 24 : 0xff000000;
                argb |= to8(rgb[0], true) << 16 | to8(rgb[1], true) << 8 | to8(rgb[2], true);
                img.setRGB(x, y, argb);
            }
        }
        // Into the file as created (ImageIO.write(File) would delete and recreate it), and without
        // ImageIO's cache file in java.io.tmpdir, which may be on another, fuller disk.
        ImageIO.setUseCache(false);
        try (OutputStream os = Files.newOutputStream(out)) {
            if (!ImageIO.write(img, "png", os)) {
                throw new IOException("no PNG writer");
            }
        }
    }

    static int to8(float v, boolean srgb) {
        float c = ToneMap.clamp01(v);
        if (srgb) {
            c = ToneMap.srgbEncode(c);
        }
        return Math.round(c * 255f);
    }

    /** Portable float map: "PF" (RGB) or "Pf" (grey), little-endian, rows bottom to top. */
    static void pfm(Path out, int w, int h, float[] px, int channels) throws IOException {
        int ch = channels == 1 ? 1 : 3;
        try (OutputStream os = Files.newOutputStream(out); DataOutputStream d = new DataOutputStream(os)) {
            d.writeBytes((ch == 3 ? "PF" : "Pf") + "\n" + w + " " + h + "\n-1.0\n");
            ByteBuffer row = ByteBuffer.allocate(w * ch * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int y = h - 1; y >= 0; y--) {
                row.clear();
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < ch; c++) {
                        row.putFloat(px[(y * w + x) * channels + c]);
                    }
                }
                d.write(row.array());
            }
        }
    }

    static void exr(Path out, int w, int h, float[] px, int channels) throws IOException {
        float[] rgba = new float[w * h * 4];
        for (int i = 0; i < w * h; i++) {
            for (int c = 0; c < 3; c++) {
                rgba[i * 4 + c] = px[i * channels + Math.min(c, channels - 1)];
            }
            rgba[i * 4 + 3] = channels == 4 ? px[i * 4 + 3] : 1f;
        }
        ImageFiles.writeExr(out, w, h, rgba);
    }
}
