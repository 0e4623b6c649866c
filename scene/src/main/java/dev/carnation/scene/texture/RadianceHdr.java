package dev.carnation.scene.texture;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Radiance RGBE (.hdr) images: flat (uncompressed) scanlines, new-style run-length encoded
 * scanlines and old-style pixel repeats, in any mix, as Radiance's own reader accepts them.
 * Texels decode as mantissa * 2^(exponent - 136), as TwelveMonkeys' and Radiance's float
 * conversion do, so an image reads the same whichever tool wrote it.
 */
final class RadianceHdr {
    private RadianceHdr() {}

    /** The longest header line accepted: real headers hold short variable assignments. */
    private static final int MAX_LINE = 4096;

    static Image read(Path file, ImageFiles.SizeCheck check) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            if (!line(in).startsWith("#?")) {
                throw new IOException("not a Radiance HDR file (no #? signature)");
            }
            for (String l; !(l = line(in)).isEmpty(); ) {
                if (l.startsWith("FORMAT=") && !l.substring(7).strip().equals("32-bit_rle_rgbe")) {
                    throw new IOException("unsupported pixel format \"" + l.substring(7).strip() + "\" (only 32-bit_rle_rgbe)");
                }
            }
            String[] res = line(in).strip().split("\\s+");
            if (res.length != 4 || !(res[0].equals("-Y") || res[0].equals("+Y")) || !res[2].equals("+X")) {
                throw new IOException("unsupported resolution line \"" + String.join(" ", res) + "\" (expected -Y H +X W)");
            }
            int h = dimension(res[1]);
            int w = dimension(res[3]);
            check.admit(w, h);
            float[] px = new float[Math.toIntExact(ImageFiles.floats(w, h))];
            byte[] rgbe = new byte[w * 4];
            boolean bottomUp = res[0].equals("+Y");
            for (int y = 0; y < h; y++) {
                scanline(in, rgbe, w, y);
                int row = bottomUp ? h - 1 - y : y;
                for (int x = 0; x < w; x++) {
                    int e = rgbe[x * 4 + 3] & 0xff;
                    float f = e == 0 ? 0f : Math.scalb(1f, e - 136);
                    int o = (row * w + x) * 4;
                    px[o] = (rgbe[x * 4] & 0xff) * f;
                    px[o + 1] = (rgbe[x * 4 + 1] & 0xff) * f;
                    px[o + 2] = (rgbe[x * 4 + 2] & 0xff) * f;
                    px[o + 3] = 1f;
                }
            }
            return new Image(w, h, px);
        }
    }

    private static int dimension(String s) throws IOException {
        try {
            int v = Integer.parseInt(s);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException("invalid image size \"" + s + "\" in the resolution line");
    }

    /** One scanline into rgbe (4 bytes per pixel, r g b e). */
    private static void scanline(InputStream in, byte[] rgbe, int w, int y) throws IOException {
        int b0 = next(in);
        int b1 = next(in);
        int b2 = next(in);
        int b3 = next(in);
        if (w < 8 || w > 0x7fff || b0 != 2 || b1 != 2 || (b2 & 0x80) != 0) {
            flat(in, rgbe, w, new int[] {b0, b1, b2, b3});
            return;
        }
        if (((b2 << 8) | b3) != w) {
            throw new IOException("scanline " + y + " is " + ((b2 << 8) | b3) + " pixels wide, expected " + w);
        }
        // New-style RLE: the four channels one after another, each as runs and literal spans.
        for (int c = 0; c < 4; c++) {
            int x = 0;
            while (x < w) {
                int count = next(in);
                if (count > 128) {
                    count -= 128;
                    if (x + count > w) {
                        throw new IOException("scanline " + y + ": a run overflows the line");
                    }
                    byte v = (byte) next(in);
                    for (int i = 0; i < count; i++) {
                        rgbe[(x++) * 4 + c] = v;
                    }
                } else {
                    if (count == 0 || x + count > w) {
                        throw new IOException("scanline " + y + ": invalid run length " + count);
                    }
                    for (int i = 0; i < count; i++) {
                        rgbe[(x++) * 4 + c] = (byte) next(in);
                    }
                }
            }
        }
    }

    /**
     * A flat scanline whose first pixel was already read; (1, 1, 1, n) repeats the previous pixel
     * n times (old-style RLE, consecutive repeats counting in higher bytes).
     */
    private static void flat(InputStream in, byte[] rgbe, int w, int[] first) throws IOException {
        int x = 0;
        int shift = 0;
        int[] p = first;
        while (true) {
            // At the start of a line there is nothing to repeat: such a pixel is taken literally.
            if (p[0] == 1 && p[1] == 1 && p[2] == 1 && x > 0) {
                if (shift > 24) {
                    throw new IOException("invalid pixel repeat");
                }
                long n = (long) p[3] << shift;
                if (x + n > w) {
                    throw new IOException("a pixel repeat overflows the scanline");
                }
                for (long i = 0; i < n; i++, x++) {
                    System.arraycopy(rgbe, (x - 1) * 4, rgbe, x * 4, 4);
                }
                shift += 8;
            } else {
                for (int c = 0; c < 4; c++) {
                    rgbe[x * 4 + c] = (byte) p[c];
                }
                x++;
                shift = 0;
            }
            if (x >= w) {
                return;
            }
            p = new int[] {next(in), next(in), next(in), next(in)};
        }
    }

    private static int next(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int b; (b = next(in)) != '\n'; ) {
            if (sb.length() >= MAX_LINE) {
                throw new IOException("header line longer than " + MAX_LINE + " bytes (not a Radiance HDR file?)");
            }
            sb.append((char) b);
        }
        return sb.toString();
    }
}
