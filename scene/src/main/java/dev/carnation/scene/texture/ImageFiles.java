package dev.carnation.scene.texture;

import dev.carnation.scene.SceneException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
import org.lwjgl.util.tinyexr.EXRBox2i;
import org.lwjgl.util.tinyexr.EXRHeader;
import org.lwjgl.util.tinyexr.EXRVersion;
import org.lwjgl.util.tinyexr.TinyEXR;

/**
 * Reads textures into linear float RGBA: 8-bit formats through ImageIO (PNG, JPEG, TGA with the
 * TwelveMonkeys plugins) with optional sRGB decoding; Radiance .hdr with our own reader (flat and
 * run-length encoded, see {@link RadianceHdr}); OpenEXR through tinyexr. The size is known from
 * the header before any pixel is decoded, and each reader checks it first.
 */
public final class ImageFiles {
    private ImageFiles() {}

    /** Decides, from its size alone, whether an image may be decoded; throws to refuse it. */
    @FunctionalInterface
    public interface SizeCheck {
        void admit(int width, int height) throws IOException;
    }

    /** Reads an image of any size that fits in one float array. */
    public static Image read(Path file, boolean srgb) throws IOException {
        return read(file, srgb, (w, h) -> {});
    }

    /** Reads an image after check has admitted its size (and after it fits one float array). */
    public static Image read(Path file, boolean srgb, SizeCheck check) throws IOException {
        SizeCheck checked = (w, h) -> {
            floats(w, h);
            check.admit(w, h);
        };
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".exr")) {
                return readExr(file, checked);
            }
            if (name.endsWith(".hdr")) {
                return RadianceHdr.read(file, checked);
            }
            return readImageIo(file, srgb, checked);
        } catch (SceneException e) {
            throw e; // a size refused by the check, already worded for the user
        } catch (RuntimeException e) {
            // Decoders signal some corrupt data with unchecked exceptions whose messages are internal.
            throw new IOException("corrupt image data");
        }
    }

    /** The float count of a width x height RGBA image, refused when one Java array cannot hold it. */
    static long floats(long width, long height) throws IOException {
        long n = width * height * 4;
        if (width <= 0 || height <= 0 || n > Integer.MAX_VALUE - 8) {
            throw new IOException("image size " + width + "x" + height + " is too large (at most 2^31 floats of RGBA)");
        }
        return n;
    }

    private static Image readImageIo(Path file, boolean srgb, SizeCheck check) throws IOException {
        BufferedImage img;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException("not a supported image (PNG, JPEG, TGA, HDR, EXR)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                check.admit(reader.getWidth(0), reader.getHeight(0));
                img = reader.read(0);
            } finally {
                reader.dispose();
            }
        }
        int w = img.getWidth();
        int h = img.getHeight();
        float[] px = new float[Math.toIntExact(floats(w, h))];
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

    static Image readExr(Path file, SizeCheck check) throws IOException {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            ByteBuffer path = stack.UTF8(file.toAbsolutePath().toString());
            PointerBuffer err = stack.mallocPointer(1);
            err.put(0, 0L);
            // Header first: the size must be admitted before tinyexr allocates the pixels.
            EXRVersion version = EXRVersion.malloc(stack);
            exrCheck(TinyEXR.ParseEXRVersionFromFile(version, path), 0L);
            if (version.multipart() || version.non_image()) {
                throw new IOException("OpenEXR: multi-part and deep images are not supported");
            }
            EXRHeader header = EXRHeader.malloc(stack);
            TinyEXR.InitEXRHeader(header);
            int rc = TinyEXR.nParseEXRHeaderFromFile(header.address(), version.address(), MemoryUtil.memAddress(path),
                    MemoryUtil.memAddress(err));
            exrCheck(rc, err.get(0));
            EXRBox2i window = header.data_window();
            long hw = (long) window.max_x() - window.min_x() + 1;
            long hh = (long) window.max_y() - window.min_y() + 1;
            TinyEXR.FreeEXRHeader(header);
            if (hw <= 0 || hh <= 0 || hw > Integer.MAX_VALUE || hh > Integer.MAX_VALUE) {
                throw new IOException("OpenEXR: invalid data window");
            }
            check.admit((int) hw, (int) hh);
            PointerBuffer out = stack.mallocPointer(1);
            IntBuffer w = stack.mallocInt(1);
            IntBuffer h = stack.mallocInt(1);
            // The layer name may be NULL in C (first RGBA layer); the checked Java overloads reject null.
            rc = TinyEXR.nLoadEXRWithLayer(MemoryUtil.memAddress(out), MemoryUtil.memAddress(w), MemoryUtil.memAddress(h),
                    MemoryUtil.memAddress(path), 0L, MemoryUtil.memAddress(err));
            exrCheck(rc, err.get(0));
            int width = w.get(0);
            int height = h.get(0);
            try {
                if (width != hw || height != hh) {
                    throw new IOException("OpenEXR: image size disagrees with its header");
                }
                float[] px = new float[Math.toIntExact(floats(width, height))];
                MemoryUtil.memFloatBuffer(out.get(0), px.length).get(px);
                return new Image(width, height, px);
            } finally {
                MemoryUtil.nmemFree(out.get(0));
            }
        }
    }

    private static void exrCheck(int rc, long err) throws IOException {
        if (rc != TinyEXR.TINYEXR_SUCCESS) {
            String msg = err == 0 ? "not a readable OpenEXR file (code " + rc + ")" : MemoryUtil.memUTF8(err);
            if (err != 0) {
                TinyEXR.nFreeEXRErrorMessage(err);
            }
            throw new IOException("OpenEXR: " + msg);
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
