package dev.carnation.scene;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.scene.io.Fields;
import dev.carnation.scene.texture.Image;
import java.util.Locale;

/**
 * The Java heap a scene and its render will need, estimated before the big allocations, so that a
 * scene or image size that cannot fit is refused with a message saying what is too big and how
 * much it needs, instead of an OutOfMemoryError (or an int overflow) deep inside the renderer.
 *
 * <p>The per-element costs are peak figures measured against the code that allocates them (they
 * are estimates, not accounting: the JVM needs some slack on top, see {@link #RESERVE}).
 */
public final class MemoryBudget {
    /**
     * The longest Java array HotSpot allocates reliably (a few header words below Integer.MAX_VALUE,
     * as java.util's own growth limit). Every flat buffer the kernels read is one array.
     */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** Heap left to the JVM, the libraries and small objects. */
    public static final long RESERVE = 32L << 20;

    /**
     * Peak bytes per vertex between loading and packing: the world mesh's 12 floats (up to twice
     * that while its arrays grow, three times during a copy), the shape's own mesh while it is
     * appended, and the packed 12-float vertex record.
     */
    static final long BYTES_PER_VERTEX = 240;

    /**
     * Peak bytes per triangle: indices, material and object ids in the world mesh (with growth
     * slack), the BVH builder's per-triangle bounds, centroids and order plus its nodes, and the
     * packed triangle and precomputed-edge records.
     */
    static final long BYTES_PER_TRIANGLE = 240;

    /**
     * Bytes per texel of a texture: the float RGBA image, its copy in the packed texel array, and the
     * decoder's own raster while it is converted.
     */
    static final long BYTES_PER_TEXEL = 4 * 4 + 4 * 4 + 4;

    /**
     * Bytes per film pixel while rendering: the radiance sums and their squares in double, the AOVs,
     * the per-pixel statistics and the adaptive-sampling active flag, once in the render backend and
     * once on the host; plus the float image being written (a preview, or the output with its alpha)
     * at the same time.
     */
    public static final long BYTES_PER_PIXEL = 2L * (ACC_STRIDE * 8 + AOV_STRIDE * 4 + STAT_STRIDE * 4 + 4) + 4 * 4;

    static final String HINT = "; raise the Java heap (for example CARNATION_JAVA_OPTS=-Xmx16g) or make it smaller";

    private final long heap;
    private long used;

    /** A budget for a heap of the given size (the JVM's -Xmx, or a test's stand-in). */
    public MemoryBudget(long heapBytes) {
        this.heap = heapBytes;
    }

    /** A budget for this JVM's maximum heap. */
    public static MemoryBudget ofHeap() {
        return new MemoryBudget(Runtime.getRuntime().maxMemory());
    }

    public long heap() {
        return heap;
    }

    /** Bytes reserved so far. */
    public long used() {
        return used;
    }

    /**
     * Reserves memory for geometry before it is built; refuses, naming the field, when it would
     * not fit beside what is already reserved.
     */
    public void geometry(Fields at, String what, long vertices, long triangles) {
        reserve(at, what + " (" + count(triangles) + " triangles)", vertices * BYTES_PER_VERTEX + triangles * BYTES_PER_TRIANGLE);
    }

    /** Reserves memory for a width x height texture before it is decoded. */
    public void texture(Fields at, String key, String file, long width, long height) {
        reserve(at.pointer(key), at.file(), "\"" + file + "\" (" + width + "x" + height + ")", width * height * BYTES_PER_TEXEL);
    }

    private void reserve(Fields at, String what, long bytes) {
        reserve(at.pointer(), at.file(), what, bytes);
    }

    private void reserve(String pointer, String file, String what, long bytes) {
        long left = Math.max(0, heap - RESERVE - used);
        if (bytes > left) {
            throw SceneException.at(file, pointer, what + " needs about " + size(bytes) + " of memory, but only "
                    + size(left) + " of the " + size(heap) + " Java heap is left" + HINT);
        }
        used += bytes;
    }

    /**
     * Refuses a render whose film cannot exist: more pixels than one Java array of AOVs can hold,
     * or more memory than the heap has beside the scene already loaded. where names the scene
     * (its file) in the message; sceneBytes is what the loaded scene occupies.
     */
    public static void checkFilm(String where, int width, int height, long sceneBytes, long heap) {
        long pixels = (long) width * height;
        long perArray = MAX_ARRAY / AOV_STRIDE;
        if (pixels > perArray) {
            throw new SceneException(where + ": " + width + "x" + height + " is " + count(pixels) + " pixels; the film holds at most "
                    + count(perArray) + " (its " + AOV_STRIDE + " AOV floats per pixel are one Java array), for example "
                    + width + "x" + perArray / width);
        }
        long film = pixels * BYTES_PER_PIXEL;
        if (film + sceneBytes > heap - RESERVE) {
            throw new SceneException(where + ": a " + width + "x" + height + " film needs about " + size(film) + " ("
                    + BYTES_PER_PIXEL + " bytes per pixel) beside " + size(sceneBytes) + " for the scene, more than the "
                    + size(heap) + " Java heap" + HINT);
        }
    }

    /** Refuses a render of this scene at width x height that would not fit in this JVM's heap. */
    public static void checkFilm(Scene scene, SceneBuffers buffers, int width, int height) {
        checkFilm(scene.file().toString(), width, height, bytes(scene, buffers), Runtime.getRuntime().maxMemory());
    }

    /** Heap held by a loaded scene and its packed buffers (arrays only; the rest is small). */
    public static long bytes(Scene scene, SceneBuffers buffers) {
        var m = scene.mesh();
        long b = 4L * (m.positions().length + m.normals().length + m.uvs().length + m.tangents().length
                + m.indices().length + m.materials().length + m.objects().length);
        for (Image img : scene.textures().images()) {
            b += 4L * img.rgba().length;
        }
        if (buffers != null) {
            b += 4L * ((long) buffers.sceneI().length + buffers.sceneF().length + buffers.texels().length);
        }
        return b;
    }

    /** A byte count for people: "1.5 GiB". */
    public static String size(long bytes) {
        if (bytes < 1L << 20) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1L << 30) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
