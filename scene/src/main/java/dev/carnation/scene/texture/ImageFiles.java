package dev.carnation.scene.texture;

import com.twelvemonkeys.imageio.plugins.hdr.HDRImageReadParam;
import com.twelvemonkeys.imageio.plugins.hdr.tonemap.NullToneMapper;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.util.tinyexr.TinyEXR;

/**
 * Reads textures into linear float RGBA: 8-bit formats through ImageIO (PNG, JPEG, TGA with the
 * TwelveMonkeys plugins) with optional sRGB decoding; Radiance .hdr through TwelveMonkeys with
 * its tone mapper disabled; OpenEXR through tinyexr.
 */
public final class ImageFiles {
    private ImageFiles() {}

    public static Image read(Path file, boolean srgb) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".exr")) {
            return readExr(file);
        }
        if (name.endsWith(".hdr")) {
            return readHdr(file);
        }
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException("not a supported image (PNG, JPEG, TGA, HDR, EXR)");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        float[] px = new float[w * h * 4];
        float[] lut = new float[256];
        for (int i = 0; i < 256; i++) {
            lut[i] = srgb ? srgbToLinear(i / 255f) : i / 255f;
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int o = (y * w + x) * 4;
                px[o] = lut[(argb >> 16) & 255];
                px[o + 1] = lut[(argb >> 8) & 255];
                px[o + 2] = lut[argb & 255];
                px[o + 3] = ((argb >> 24) & 255) / 255f;
            }
        }
        return new Image(w, h, px);
    }

    public static float srgbToLinear(float c) {
        return c <= 0.04045f ? c / 12.92f : (float) Math.pow((c + 0.055f) / 1.055f, 2.4f);
    }

    static Image readHdr(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("no Radiance HDR reader");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                HDRImageReadParam param = (HDRImageReadParam) reader.getDefaultReadParam();
                param.setToneMapper(new NullToneMapper());
                BufferedImage img = reader.read(0, param);
                Raster r = img.getRaster();
                int w = img.getWidth();
                int h = img.getHeight();
                float[] px = new float[w * h * 4];
                float[] pixel = new float[r.getNumBands()];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        r.getPixel(x, y, pixel);
                        int o = (y * w + x) * 4;
                        px[o] = pixel[0];
                        px[o + 1] = pixel[1];
                        px[o + 2] = pixel[2];
                        px[o + 3] = 1f;
                    }
                }
                return new Image(w, h, px);
            } finally {
                reader.dispose();
            }
        }
    }

    static Image readExr(Path file) throws IOException {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer out = stack.mallocPointer(1);
            IntBuffer w = stack.mallocInt(1);
            IntBuffer h = stack.mallocInt(1);
            PointerBuffer err = stack.mallocPointer(1);
            err.put(0, 0L);
            // The layer name may be NULL in C (first RGBA layer); the checked Java overloads reject null.
            int rc = TinyEXR.nLoadEXRWithLayer(MemoryUtil.memAddress(out), MemoryUtil.memAddress(w), MemoryUtil.memAddress(h),
                    MemoryUtil.memAddress(stack.UTF8(file.toAbsolutePath().toString())), 0L, MemoryUtil.memAddress(err));
            if (rc != TinyEXR.TINYEXR_SUCCESS) {
                String msg = err.get(0) == 0 ? "code " + rc : MemoryUtil.memUTF8(err.get(0));
                if (err.get(0) != 0) {
                    TinyEXR.nFreeEXRErrorMessage(err.get(0));
                }
                throw new IOException("OpenEXR: " + msg);
            }
            int width = w.get(0);
            int height = h.get(0);
            FloatBuffer data = MemoryUtil.memFloatBuffer(out.get(0), width * height * 4);
            float[] px = new float[width * height * 4];
            data.get(px);
            MemoryUtil.nmemFree(out.get(0));
            return new Image(width, height, px);
        }
    }

    /**
     * Writes linear RGBA as a single-part scanline OpenEXR with 32-bit float channels and no
     * compression (readable by every EXR reader; tinyexr's binding offers no simple writer).
     */
    public static void writeExr(Path file, int width, int height, float[] rgba) throws IOException {
        ByteBuffer hdr = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        hdr.putInt(20000630).putInt(2);
        attribute(hdr, "channels", "chlist", 4 * 18 + 1);
        for (String ch : new String[] {"A", "B", "G", "R"}) {
            hdr.put(ch.getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
            hdr.putInt(2).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).putInt(1).putInt(1);
        }
        hdr.put((byte) 0);
        attribute(hdr, "compression", "compression", 1);
        hdr.put((byte) 0);
        attribute(hdr, "dataWindow", "box2i", 16);
        hdr.putInt(0).putInt(0).putInt(width - 1).putInt(height - 1);
        attribute(hdr, "displayWindow", "box2i", 16);
        hdr.putInt(0).putInt(0).putInt(width - 1).putInt(height - 1);
        attribute(hdr, "lineOrder", "lineOrder", 1);
        hdr.put((byte) 0);
        attribute(hdr, "pixelAspectRatio", "float", 4);
        hdr.putFloat(1f);
        attribute(hdr, "screenWindowCenter", "v2f", 8);
        hdr.putFloat(0f).putFloat(0f);
        attribute(hdr, "screenWindowWidth", "float", 4);
        hdr.putFloat(1f);
        hdr.put((byte) 0);
        hdr.flip();
        int lineBytes = width * 4 * 4;
        long tableStart = hdr.remaining();
        long first = tableStart + 8L * height;
        ByteBuffer table = ByteBuffer.allocate(8 * height).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < height; y++) {
            table.putLong(first + (long) y * (8 + lineBytes));
        }
        table.flip();
        int[] order = {3, 2, 1, 0}; // A, B, G, R
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(hdr);
            ch.write(table);
            ByteBuffer line = ByteBuffer.allocate(8 + lineBytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int y = 0; y < height; y++) {
                line.clear();
                line.putInt(y).putInt(lineBytes);
                for (int c : order) {
                    for (int x = 0; x < width; x++) {
                        line.putFloat(rgba[(y * width + x) * 4 + c]);
                    }
                }
                line.flip();
                while (line.hasRemaining()) {
                    ch.write(line);
                }
            }
        }
    }

    private static void attribute(ByteBuffer b, String name, String type, int size) {
        b.put(name.getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        b.put(type.getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        b.putInt(size);
    }
}
