package dev.carnation.integrator.output;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.integrator.film.Film;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.SceneException;
import dev.carnation.scene.io.IoErrors;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * An unfinished render on disk: the film's sums exactly as the kernels left them (radiance and its
 * square in double precision, AOVs, ray and sample counters) after some whole number of samples
 * per pixel, and what they were rendered from. Samples are keyed by (pixel, sample, dimension,
 * seed) and added in sample order, so resuming adds the missing samples to these very sums and the
 * image is bit-identical to an uninterrupted render of the same total.
 */
public record Checkpoint(Identity identity, int targetSpp, Film film) {
    static final byte[] MAGIC = "carnation-ckpt\n".getBytes(StandardCharsets.US_ASCII);
    /** 2: a third stats slot (samples per pixel, for adaptive sampling) and the adaptive settings. */
    static final int VERSION = 3; // 3: block-ordered sums (closed and open block per pixel)
    private static final int CHUNK = 1 << 16;

    /**
     * Everything that decides the sums besides the sample count: sceneHash covers the packed scene
     * (geometry, BVH, materials, textures, lights), frameHash the camera, clamp and ray offset as
     * the kernels get them; the rest is kept apart so that a mismatch can be named.
     */
    public record Identity(String sceneName, String sceneHash, String frameHash, int width, int height, int seed,
                           int maxDepth, int rrDepth, double clamp, double adaptiveThreshold, int adaptiveMinSpp) {

        public static Identity of(String sceneName, SceneBuffers buffers, RenderSettings rs, float[] frameFloats) {
            // Adaptive settings decide which pixels got which samples: a resume must keep them.
            return new Identity(sceneName, sha256(buffers.sceneI(), buffers.sceneF(), buffers.texels()), sha256(frameFloats),
                    rs.width(), rs.height(), rs.seed(), rs.maxDepth(), rs.rrDepth(), rs.clamp(),
                    rs.adaptive() ? rs.adaptiveThreshold() : 0, rs.adaptive() ? rs.adaptiveMinSpp() : 0);
        }

        /**
         * Why a checkpoint with this identity cannot continue a render with current's; null when it
         * can. The scene comes before the settings: another scene differs in both.
         */
        public String mismatch(Identity current) {
            if (width != current.width || height != current.height) {
                return "saved at " + width + "x" + height + " but this render is " + current.width + "x" + current.height;
            }
            if (seed != current.seed) {
                return "saved with seed " + seed + " but this render uses seed " + current.seed;
            }
            if (!sceneHash.equals(current.sceneHash)) {
                return "saved for a different scene (" + sceneName + "; geometry, materials, textures or lights differ)";
            }
            if (maxDepth != current.maxDepth || rrDepth != current.rrDepth || clamp != current.clamp) {
                return "saved with other render settings (max_depth " + maxDepth + ", rr_depth " + rrDepth + ", clamp "
                        + clamp + ") than this render's (max_depth " + current.maxDepth + ", rr_depth " + current.rrDepth
                        + ", clamp " + current.clamp + ")";
            }
            if (adaptiveThreshold != current.adaptiveThreshold || adaptiveMinSpp != current.adaptiveMinSpp) {
                return "saved with " + adaptive(adaptiveThreshold, adaptiveMinSpp) + " but this render uses "
                        + adaptive(current.adaptiveThreshold, current.adaptiveMinSpp);
            }
            if (!frameHash.equals(current.frameHash)) {
                return "saved with another camera (position, lens or focus differ)";
            }
            return null;
        }

        private static String adaptive(double threshold, int minSpp) {
            return threshold > 0 ? "adaptive sampling (threshold " + threshold + ", min spp " + minSpp + ")"
                    : "no adaptive sampling";
        }

        private static String sha256(Object... arrays) {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), md)) {
                    writeArrays(out, arrays);
                }
                return HexFormat.of().formatHex(md.digest());
            } catch (NoSuchAlgorithmException | IOException e) {
                throw new IllegalStateException(e); // every JDK has SHA-256, and a digest does no I/O
            }
        }
    }

    /** Size of the file for a film of this size. */
    public static long bytes(int width, int height) {
        return 4096 + (long) width * height * (ACC_STRIDE * 8L + AOV_STRIDE * 4L + STAT_STRIDE * 4L);
    }

    /** Writes the checkpoint atomically: a crash while saving leaves the previous one intact. */
    public void save(Path file) throws IOException {
        try (StagedFiles files = new StagedFiles()) {
            files.write(file, this::writeTo);
            files.commit();
        }
    }

    private void writeTo(Path tmp) throws IOException {
        CRC32 crc = new CRC32();
        try (OutputStream os = Files.newOutputStream(tmp);
             DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(os, CHUNK), crc))) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            Identity id = identity;
            out.writeUTF(id.sceneName);
            out.writeUTF(id.sceneHash);
            out.writeUTF(id.frameHash);
            out.writeInt(id.width);
            out.writeInt(id.height);
            out.writeInt(id.seed);
            out.writeInt(id.maxDepth);
            out.writeInt(id.rrDepth);
            out.writeDouble(id.clamp);
            out.writeDouble(id.adaptiveThreshold);
            out.writeInt(id.adaptiveMinSpp);
            out.writeInt(targetSpp);
            out.writeInt(film.spp());
            writeArrays(out, film.accum(), film.aov(), film.stats());
            out.flush();
            out.writeLong(crc.getValue());
        }
    }

    /** Reads a checkpoint; any problem is a {@link SceneException} naming the file. */
    public static Checkpoint load(Path file) {
        CRC32 crc = new CRC32();
        try (InputStream is = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(is, CHUNK), crc))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new SceneException(file + ": not a carnation checkpoint");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new SceneException(file + ": checkpoint format " + version + " (this carnation reads format " + VERSION + ")");
            }
            Identity id = new Identity(in.readUTF(), in.readUTF(), in.readUTF(), in.readInt(), in.readInt(), in.readInt(),
                    in.readInt(), in.readInt(), in.readDouble(), in.readDouble(), in.readInt());
            int target = in.readInt();
            int spp = in.readInt();
            if (id.width < 1 || id.height < 1 || id.width > RenderSettings.MAX_SIDE || id.height > RenderSettings.MAX_SIDE
                    || spp < 0 || spp > RenderSettings.MAX_SPP || target < 1 || target > RenderSettings.MAX_SPP) {
                throw new SceneException(file + ": damaged checkpoint (impossible size or sample count)");
            }
            Film film = new Film(id.width, id.height);
            film.setSpp(spp);
            double[] acc = film.accum();
            float[] aov = film.aov();
            int[] stats = film.stats();
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            read(in, buf, acc.length, 8, (b, i, n) -> b.asDoubleBuffer().get(acc, i, n));
            read(in, buf, aov.length, 4, (b, i, n) -> b.asFloatBuffer().get(aov, i, n));
            read(in, buf, stats.length, 4, (b, i, n) -> b.asIntBuffer().get(stats, i, n));
            long expected = crc.getValue();
            if (in.readLong() != expected || in.read() != -1) {
                throw new SceneException(file + ": damaged checkpoint (checksum mismatch)");
            }
            return new Checkpoint(id, target, film);
        } catch (EOFException e) {
            throw new SceneException(file + ": truncated checkpoint");
        } catch (IOException e) {
            throw new SceneException("cannot read checkpoint " + IoErrors.describe(file, e));
        }
    }

    /** Copies n elements from index i of an array to or from a buffer at its start. */
    @FunctionalInterface
    private interface Slice {
        void copy(ByteBuffer buf, int i, int n);
    }

    /** Big-endian arrays of int, float or double, one after the other, in chunks. */
    private static void writeArrays(OutputStream out, Object... arrays) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        for (Object a : arrays) {
            if (a instanceof double[] d) {
                write(out, buf, d.length, 8, (b, i, n) -> b.asDoubleBuffer().put(d, i, n));
            } else if (a instanceof float[] f) {
                write(out, buf, f.length, 4, (b, i, n) -> b.asFloatBuffer().put(f, i, n));
            } else {
                int[] k = (int[]) a;
                write(out, buf, k.length, 4, (b, i, n) -> b.asIntBuffer().put(k, i, n));
            }
        }
    }

    private static void write(OutputStream out, ByteBuffer buf, int length, int size, Slice put) throws IOException {
        for (int i = 0; i < length; i += CHUNK / size) {
            int n = Math.min(CHUNK / size, length - i);
            put.copy(buf.clear(), i, n);
            out.write(buf.array(), 0, n * size);
        }
    }

    private static void read(DataInputStream in, ByteBuffer buf, int length, int size, Slice get) throws IOException {
        for (int i = 0; i < length; i += CHUNK / size) {
            int n = Math.min(CHUNK / size, length - i);
            in.readFully(buf.array(), 0, n * size);
            get.copy(buf.clear(), i, n);
        }
    }
}
