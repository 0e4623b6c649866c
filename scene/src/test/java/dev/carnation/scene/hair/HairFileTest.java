package dev.carnation.scene.hair;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cem Yuksel's .hair format: files this test writes are read back; broken ones are refused with a reason. */
class HairFileTest {
    @TempDir
    Path tmp;

    static HairFile.Model model() {
        int[] first = {0, 3, 5, 9};
        float[] p = new float[9 * 3];
        float[] r = new float[9];
        for (int i = 0; i < 9; i++) {
            p[i * 3] = i * 0.5f;
            p[i * 3 + 1] = -i;
            p[i * 3 + 2] = i * i * 0.25f;
            r[i] = 0.01f * (9 - i);
        }
        return new HairFile.Model(first, p, r);
    }

    @Test
    void roundTrip() throws IOException {
        Path f = tmp.resolve("m.hair");
        HairFile.Model m = model();
        HairFile.write(f, m, "three strands");
        assertEquals(128 + 2 * 3 + 16 * 9, Files.size(f));
        HairFile.Model back = HairFile.read(f);
        assertArrayEquals(m.firstPoint(), back.firstPoint());
        assertArrayEquals(m.points(), back.points());
        assertArrayEquals(m.radii(), back.radii());
    }

    @Test
    void defaultsApplyWhenArraysAreAbsent() throws IOException {
        // Two strands of the default 2 segments, the default thickness, and colours to skip over.
        ByteBuffer b = ByteBuffer.allocate(128 + 6 * 12 + 6 * 12).order(ByteOrder.LITTLE_ENDIAN);
        b.put("HAIR".getBytes()).putInt(2).putInt(6).putInt(HairFile.HAS_POINTS | HairFile.HAS_COLOR).putInt(2).putFloat(0.5f);
        b.position(128);
        for (int i = 0; i < 6 * 3; i++) {
            b.putFloat(i);
        }
        Path f = Files.write(tmp.resolve("d.hair"), b.array());
        HairFile.Model m = HairFile.read(f);
        assertArrayEquals(new int[] {0, 3, 6}, m.firstPoint());
        assertEquals(0.25f, m.radii()[5]);
        assertEquals(17f, m.points()[17]);
    }

    String refusal(byte[] bytes) throws IOException {
        Path f = Files.write(tmp.resolve("bad.hair"), bytes);
        return assertThrows(HairFile.FormatException.class, () -> HairFile.read(f)).getMessage();
    }

    @Test
    void brokenFilesAreRefusedWithTheReason() throws IOException {
        Path f = tmp.resolve("m.hair");
        HairFile.write(f, model(), "");
        byte[] good = Files.readAllBytes(f);
        assertTrue(refusal(Arrays.copyOf(good, 100)).contains("shorter than the 128-byte header"));
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertTrue(refusal(magic).contains("does not start with \"HAIR\""));
        assertTrue(refusal(Arrays.copyOf(good, good.length - 4)).contains("truncated"));
        byte[] counts = good.clone();
        ByteBuffer.wrap(counts).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 10);
        assertTrue(refusal(counts).contains("truncated") || refusal(counts).contains("points"), refusal(counts));
        byte[] segs = good.clone();
        ByteBuffer.wrap(segs).order(ByteOrder.LITTLE_ENDIAN).putShort(128, (short) 5);
        assertTrue(refusal(segs).contains("points"), refusal(segs));
        byte[] zero = good.clone();
        ByteBuffer.wrap(zero).order(ByteOrder.LITTLE_ENDIAN).putShort(130, (short) 0);
        assertTrue(refusal(zero).contains("0 segments"), refusal(zero));
        byte[] nan = good.clone();
        ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(128 + 6 + 4, Float.NaN);
        assertTrue(refusal(nan).contains("point value 1 is NaN"), refusal(nan));
        byte[] thick = good.clone();
        ByteBuffer.wrap(thick).order(ByteOrder.LITTLE_ENDIAN).putFloat(128 + 6 + 12 * 9, -1f);
        assertTrue(refusal(thick).contains("thickness of point 0"), refusal(thick));
        byte[] none = good.clone();
        ByteBuffer.wrap(none).order(ByteOrder.LITTLE_ENDIAN).putInt(12, HairFile.HAS_SEGMENTS);
        assertTrue(refusal(none).contains("no point array"));
        byte[] many = good.clone();
        ByteBuffer.wrap(many).order(ByteOrder.LITTLE_ENDIAN).putInt(4, -1);
        assertTrue(refusal(many).contains("strand count 4294967295"), refusal(many));
    }
}
