package dev.carnation.scene.hair;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Cem Yuksel's .hair format (cemyuksel.com/research/hairmodels): a 128-byte little-endian header
 * ("HAIR", strand count, point count, a bit field of which arrays follow, default segment count,
 * default thickness, default transparency, default colour, 88 bytes of text), then in this order
 * the arrays the bits name: segments per strand (uint16), points (3 floats), thickness,
 * transparency (a float per point) and colour (3 floats per point). Thickness is a diameter.
 *
 * <p>Only geometry is kept: points and radii (half the thickness). Transparency and colour are
 * read past; a groom's look comes from its material.
 */
public final class HairFile {
    private HairFile() {}

    public static final int HEADER = 128;
    public static final int HAS_SEGMENTS = 1;
    public static final int HAS_POINTS = 2;
    public static final int HAS_THICKNESS = 4;
    public static final int HAS_TRANSPARENCY = 8;
    public static final int HAS_COLOR = 16;
    /** Counts beyond these are refused before anything is allocated. */
    public static final long MAX_STRANDS = 50_000_000;
    public static final long MAX_POINTS = 200_000_000;

    /**
     * A hair model: per strand its point count (firstPoint[s] .. firstPoint[s + 1]), points (xyz)
     * and a radius per point, in the file's units.
     */
    public record Model(int[] firstPoint, float[] points, float[] radii) {
        public int strands() {
            return firstPoint.length - 1;
        }

        public int pointCount() {
            return radii.length;
        }
    }

    /** A malformed file: the message says what is wrong, for a one-line error naming the file. */
    public static final class FormatException extends IOException {
        public FormatException(String message) {
            super(message);
        }
    }

    public static Model read(Path file) throws IOException {
        long size = Files.size(file);
        if (size < HEADER) {
            throw new FormatException("not a .hair file: " + size + " bytes, shorter than the 128-byte header");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, h);
            h.flip();
            byte[] magic = new byte[4];
            h.get(magic);
            if (!"HAIR".equals(new String(magic, StandardCharsets.ISO_8859_1))) {
                throw new FormatException("not a .hair file: it does not start with \"HAIR\"");
            }
            long strands = Integer.toUnsignedLong(h.getInt());
            long points = Integer.toUnsignedLong(h.getInt());
            int flags = h.getInt();
            long defaultSegments = Integer.toUnsignedLong(h.getInt());
            float defaultThickness = h.getFloat();
            if ((flags & HAS_POINTS) == 0) {
                throw new FormatException("the header says the file has no point array");
            }
            if (strands == 0 || strands > MAX_STRANDS) {
                throw new FormatException("strand count " + strands + " is not in [1, " + MAX_STRANDS + "]");
            }
            if (points < 2 || points > MAX_POINTS) {
                throw new FormatException("point count " + points + " is not in [2, " + MAX_POINTS + "]");
            }
            long expected = HEADER + ((flags & HAS_SEGMENTS) != 0 ? 2 * strands : 0) + 12 * points
                    + ((flags & HAS_THICKNESS) != 0 ? 4 * points : 0) + ((flags & HAS_TRANSPARENCY) != 0 ? 4 * points : 0)
                    + ((flags & HAS_COLOR) != 0 ? 12 * points : 0);
            if (size < expected) {
                throw new FormatException("truncated: the header's " + strands + " strands and " + points + " points need "
                        + expected + " bytes, the file has " + size);
            }
            int[] first = new int[(int) strands + 1];
            if ((flags & HAS_SEGMENTS) != 0) {
                ByteBuffer seg = ByteBuffer.allocate((int) (2 * strands)).order(ByteOrder.LITTLE_ENDIAN);
                readFully(ch, seg);
                seg.flip();
                long total = 0;
                for (int s = 0; s < strands; s++) {
                    int n = Short.toUnsignedInt(seg.getShort());
                    if (n == 0) {
                        throw new FormatException("strand " + s + " has 0 segments");
                    }
                    total += n + 1;
                    if (total > points) {
                        throw new FormatException("the strands' segments need more than the header's " + points + " points");
                    }
                    first[s + 1] = (int) total;
                }
                if (total != points) {
                    throw new FormatException("the strands' segments use " + total + " points, the header says " + points);
                }
            } else {
                if (defaultSegments < 1 || (defaultSegments + 1) * strands != points) {
                    throw new FormatException("no segment array, and " + strands + " strands of " + defaultSegments
                            + " segments do not make the header's " + points + " points");
                }
                for (int s = 0; s < strands; s++) {
                    first[s + 1] = (int) ((s + 1) * (defaultSegments + 1));
                }
            }
            float[] p = readFloats(ch, (int) (3 * points), "point");
            float[] r = new float[(int) points];
            if ((flags & HAS_THICKNESS) != 0) {
                float[] t = readFloats(ch, (int) points, "thickness");
                for (int i = 0; i < points; i++) {
                    if (!(t[i] >= 0)) {
                        throw new FormatException("thickness of point " + i + " is " + t[i] + ", not a non-negative number");
                    }
                    r[i] = 0.5f * t[i];
                }
            } else {
                if (!(defaultThickness >= 0) || !Float.isFinite(defaultThickness)) {
                    throw new FormatException("default thickness " + defaultThickness + " is not a non-negative number");
                }
                java.util.Arrays.fill(r, 0.5f * defaultThickness);
            }
            return new Model(first, p, r);
        }
    }

    private static float[] readFloats(FileChannel ch, int n, String what) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, b);
        b.flip();
        float[] out = new float[n];
        b.asFloatBuffer().get(out);
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(out[i])) {
                throw new FormatException(what + " value " + i + " is " + out[i]);
            }
        }
        return out;
    }

    private static void readFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new FormatException("truncated");
            }
        }
    }

    /**
     * Writes a model with segment, point and thickness arrays (tests build their own files with
     * it). Thickness is written as twice the radius.
     */
    public static void write(Path file, Model m, String info) throws IOException {
        int strands = m.strands();
        int points = m.pointCount();
        ByteBuffer b = ByteBuffer.allocate(HEADER + 2 * strands + 16 * points).order(ByteOrder.LITTLE_ENDIAN);
        b.put("HAIR".getBytes(StandardCharsets.ISO_8859_1));
        b.putInt(strands);
        b.putInt(points);
        b.putInt(HAS_SEGMENTS | HAS_POINTS | HAS_THICKNESS);
        b.putInt(0);
        b.putFloat(0f);
        b.putFloat(0f);
        b.putFloat(0f).putFloat(0f).putFloat(0f);
        byte[] text = info.getBytes(StandardCharsets.US_ASCII);
        b.put(text, 0, Math.min(text.length, 88));
        b.position(HEADER);
        for (int s = 0; s < strands; s++) {
            b.putShort((short) (m.firstPoint()[s + 1] - m.firstPoint()[s] - 1));
        }
        for (float v : m.points()) {
            b.putFloat(v);
        }
        for (float r : m.radii()) {
            b.putFloat(2 * r);
        }
        Files.write(file, b.array());
    }
}
