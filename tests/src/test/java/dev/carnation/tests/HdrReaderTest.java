package dev.carnation.tests;

import static org.junit.jupiter.api.Assertions.*;

import com.twelvemonkeys.imageio.plugins.hdr.HDRImageReadParam;
import com.twelvemonkeys.imageio.plugins.hdr.tonemap.NullToneMapper;
import dev.carnation.scene.texture.Image;
import dev.carnation.scene.texture.ImageFiles;
import java.awt.image.Raster;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Radiance .hdr: flat and run-length encoded files both read, to the same floats as the reference reader. */
class HdrReaderTest {
    @TempDir
    Path tmp;

    static final int W = 19;
    static final int H = 5;

    @Test
    void flatFilesRead() throws Exception {
        byte[] px = Fixtures.hdrPixels(W, H);
        Image img = ImageFiles.read(Files.write(tmp.resolve("flat.hdr"), Fixtures.hdrFlat(W, H, px)), false);
        assertEquals(W, img.width());
        assertEquals(H, img.height());
        for (int i = 0; i < W * H; i++) {
            int e = px[i * 4 + 3] & 0xff;
            for (int c = 0; c < 3; c++) {
                // Radiance's decoding: mantissa * 2^(exponent - 136).
                double want = (px[i * 4 + c] & 0xff) * Math.pow(2, e - 136);
                assertEquals(want, img.rgba()[i * 4 + c], 0, "texel " + i + " channel " + c);
            }
            assertEquals(1f, img.rgba()[i * 4 + 3]);
        }
        // The RGBE round trip keeps about 2 significant digits.
        assertEquals(0.01f + 3 * 0.37f, img.rgba()[(W + 3) * 4], 0.01f);
        assertEquals(0f, img.rgba()[(W + 3) * 4 + 2]);
    }

    @Test
    void runLengthEncodedFilesReadTheSame() throws Exception {
        byte[] px = Fixtures.hdrPixels(W, H);
        Image flat = ImageFiles.read(Files.write(tmp.resolve("flat.hdr"), Fixtures.hdrFlat(W, H, px)), false);
        byte[] rle = Fixtures.hdrRle(W, H, px);
        assertTrue(rle.length < Fixtures.hdrFlat(W, H, px).length, "the fixture compresses");
        Image img = ImageFiles.read(Files.write(tmp.resolve("rle.hdr"), rle), false);
        assertArrayEquals(flat.rgba(), img.rgba());
    }

    @Test
    void bottomUpFilesAndPixelRepeats() throws Exception {
        // +Y: the first scanline is the bottom row. Pixel (1, 1, 1, 3) repeats the previous one 3 times.
        byte[] header = "#?RGBE\n\n+Y 2 +X 4\n".getBytes(StandardCharsets.US_ASCII);
        byte[] a = Fixtures.rgbe(1, 0, 0);
        byte[] b = Fixtures.rgbe(0, 0, 1);
        byte[] body = concat(a, new byte[] {1, 1, 1, 3}, b, b, b, b);
        Image img = ImageFiles.read(Files.write(tmp.resolve("up.hdr"), concat(header, body)), false);
        for (int x = 0; x < 4; x++) {
            assertEquals(1f, img.rgba()[(4 + x) * 4], "bottom row is red: " + x);
            assertEquals(1f, img.rgba()[x * 4 + 2], "top row is blue: " + x);
        }
    }

    @Test
    void truncatedAndForeignFilesAreRefused() throws Exception {
        byte[] rle = Fixtures.hdrRle(W, H, Fixtures.hdrPixels(W, H));
        Path cut = Files.write(tmp.resolve("cut.hdr"), Arrays.copyOf(rle, rle.length - 7));
        assertThrows(EOFException.class, () -> ImageFiles.read(cut, false));
        Path xyz = Files.write(tmp.resolve("xyz.hdr"), "#?RADIANCE\nFORMAT=32-bit_rle_xyze\n\n-Y 1 +X 1\n\0\0\0\0".getBytes(StandardCharsets.US_ASCII));
        IOException e = assertThrows(IOException.class, () -> ImageFiles.read(xyz, false));
        assertTrue(e.getMessage().contains("32-bit_rle_xyze"), e.getMessage());
        Path png = Fixtures.png(tmp.resolve("real.png"), 2, 2);
        Path renamed = Files.copy(png, tmp.resolve("png.hdr"));
        assertTrue(assertThrows(IOException.class, () -> ImageFiles.read(renamed, false)).getMessage().contains("Radiance"));
    }

    @Test
    void realFilesMatchTheReferenceReader() throws Exception {
        Path file = Fixtures.ASSETS.resolve("hdri/studio_small_03_1k.hdr");
        Assumptions.assumeTrue(Files.isRegularFile(file), "needs the asset root");
        Image ours = ImageFiles.read(file, false);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            HDRImageReadParam param = (HDRImageReadParam) reader.getDefaultReadParam();
            param.setToneMapper(new NullToneMapper());
            Raster r = reader.read(0, param).getRaster();
            float[] px = new float[3];
            for (int y = 0; y < ours.height(); y += 7) {
                for (int x = 0; x < ours.width(); x++) {
                    r.getPixel(x, y, px);
                    for (int c = 0; c < 3; c++) {
                        assertEquals(px[c], ours.rgba()[(y * ours.width() + x) * 4 + c], 0, x + "," + y);
                    }
                }
            }
            reader.dispose();
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
