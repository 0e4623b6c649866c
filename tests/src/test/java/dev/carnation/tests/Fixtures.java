package dev.carnation.tests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.carnation.scene.texture.ImageFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Small input files written by code: meshes, images and scenes for the bad-input and fuzz tests. */
final class Fixtures {
    private Fixtures() {}

    static final Path ROOT = Path.of(System.getProperty("carnation.root", ".."));
    static final Path ASSETS = Path.of(System.getProperty("carnation.assets", "../shared/assets"));

    /** A scene around one shape entry (%s), lit by a uniform environment; camera at z = 3. */
    static final String SCENE = """
            {"camera": {"position": [0, 0, 3], "look_at": [0, 0, 0]},
             "materials": {"m": {"type": "diffuse"}},
             "shapes": [%s],
             "lights": [{"type": "environment", "radiance": 1}]}
            """;

    static String mesh(String file) {
        return SCENE.formatted("{\"type\": \"mesh\", \"file\": \"" + file + "\", \"material\": \"m\"}");
    }

    // ------------------------------------------------------------------ meshes

    /** A unit quad in OBJ with texture coordinates and normals. */
    static final String OBJ = """
            # quad
            v -1 -1 0
            v 1 -1 0
            v 1 1 0
            v -1 1 0
            vt 0 0
            vt 1 0
            vt 1 1
            vt 0 1
            vn 0 0 1
            f 1/1/1 2/2/1 3/3/1
            f 1/1/1 3/3/1 4/4/1
            """;

    /** The same quad's vertices for glTF: positions, normals, uvs, two triangles. */
    static final float[] QUAD_POSITIONS = {-1, -1, 0, 1, -1, 0, 1, 1, 0, -1, 1, 0};
    static final float[] QUAD_NORMALS = {0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1};
    static final float[] QUAD_UVS = {0, 1, 1, 1, 1, 0, 0, 0};
    static final int[] QUAD_INDICES = {0, 1, 2, 0, 2, 3};

    /**
     * Writes a one-primitive glTF: name.glb (binary, buffer inside) or name.gltf with an external
     * name.bin. normals may be null (the loader then derives them); indices are unsigned 16-bit.
     */
    static Path gltf(Path dir, String name, boolean binary, float[] positions, float[] normals, float[] uvs, int[] indices)
            throws IOException {
        int n = positions.length / 3;
        ByteBuffer bin = ByteBuffer.allocate(4 * (positions.length + (normals == null ? 0 : normals.length) + uvs.length)
                + 2 * indices.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.putObject("asset").put("version", "2.0");
        ArrayNode views = root.putArray("bufferViews");
        ArrayNode accessors = root.putArray("accessors");
        ObjectNode attributes = om.createObjectNode();
        attributes.put("POSITION", floats(bin, views, accessors, positions, "VEC3", n));
        if (normals != null) {
            attributes.put("NORMAL", floats(bin, views, accessors, normals, "VEC3", n));
        }
        attributes.put("TEXCOORD_0", floats(bin, views, accessors, uvs, "VEC2", n));
        int start = bin.position();
        for (int i : indices) {
            bin.putShort((short) i);
        }
        views.addObject().put("buffer", 0).put("byteOffset", start).put("byteLength", 2 * indices.length);
        accessors.addObject().put("bufferView", views.size() - 1).put("componentType", 5123)
                .put("count", indices.length).put("type", "SCALAR");
        while (bin.position() % 4 != 0) {
            bin.put((byte) 0);
        }
        ObjectNode prim = om.createObjectNode();
        prim.set("attributes", attributes);
        prim.put("indices", accessors.size() - 1);
        root.putArray("meshes").addObject().putArray("primitives").add(prim);
        root.putArray("nodes").addObject().put("mesh", 0);
        root.putArray("scenes").addObject().putArray("nodes").add(0);
        root.put("scene", 0);
        ObjectNode buffer = root.putArray("buffers").addObject().put("byteLength", bin.position());
        byte[] data = java.util.Arrays.copyOf(bin.array(), bin.position());
        if (!binary) {
            buffer.put("uri", name + ".bin");
            Files.write(dir.resolve(name + ".bin"), data);
            return Files.writeString(dir.resolve(name + ".gltf"), om.writeValueAsString(root));
        }
        byte[] json = om.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        int jsonLength = (json.length + 3) & ~3;
        ByteBuffer glb = ByteBuffer.allocate(12 + 8 + jsonLength + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        glb.putInt(0x46546C67).putInt(2).putInt(glb.capacity());
        glb.putInt(jsonLength).putInt(0x4E4F534A).put(json);
        for (int i = json.length; i < jsonLength; i++) {
            glb.put((byte) ' ');
        }
        glb.putInt(data.length).putInt(0x004E4942).put(data);
        return Files.write(dir.resolve(name + ".glb"), glb.array());
    }

    private static int floats(ByteBuffer bin, ArrayNode views, ArrayNode accessors, float[] v, String type, int count) {
        int start = bin.position();
        for (float f : v) {
            bin.putFloat(f);
        }
        views.addObject().put("buffer", 0).put("byteOffset", start).put("byteLength", 4 * v.length);
        accessors.addObject().put("bufferView", views.size() - 1).put("componentType", 5126)
                .put("count", count).put("type", type);
        return accessors.size() - 1;
    }

    // ------------------------------------------------------------------ images

    /** Radiance's float-to-RGBE: mantissas scaled so the largest component is in [128, 256). */
    static byte[] rgbe(float r, float g, float b) {
        float max = Math.max(r, Math.max(g, b));
        if (max < 1e-32f) {
            return new byte[4];
        }
        int e = Math.getExponent(max) + 1; // max = m * 2^e with m in [0.5, 1)
        float scale = Math.scalb(256f, -e);
        return new byte[] {(byte) (r * scale), (byte) (g * scale), (byte) (b * scale), (byte) (e + 128)};
    }

    /** RGBE pixels (4 bytes each, rows top to bottom) as a flat (uncompressed) Radiance file. */
    static byte[] hdrFlat(int w, int h, byte[] pixels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(hdrHeader(w, h));
        out.writeBytes(pixels);
        return out.toByteArray();
    }

    /** The same pixels, each scanline run-length encoded per channel (new-style RLE; needs 8 <= w < 32768). */
    static byte[] hdrRle(int w, int h, byte[] pixels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(hdrHeader(w, h));
        for (int y = 0; y < h; y++) {
            out.write(2);
            out.write(2);
            out.write(w >> 8);
            out.write(w & 0xff);
            for (int c = 0; c < 4; c++) {
                int x = 0;
                while (x < w) {
                    int run = 1;
                    while (x + run < w && run < 127 && pixels[((y * w) + x + run) * 4 + c] == pixels[((y * w) + x) * 4 + c]) {
                        run++;
                    }
                    if (run > 2) {
                        out.write(128 + run);
                        out.write(pixels[((y * w) + x) * 4 + c]);
                        x += run;
                    } else {
                        int lit = Math.min(w - x, 128);
                        out.write(lit);
                        for (int i = 0; i < lit; i++) {
                            out.write(pixels[((y * w) + x + i) * 4 + c]);
                        }
                        x += lit;
                    }
                }
            }
        }
        return out.toByteArray();
    }

    private static byte[] hdrHeader(int w, int h) {
        return ("#?RADIANCE\nFORMAT=32-bit_rle_rgbe\nEXPOSURE=1.0\n\n-Y " + h + " +X " + w + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A w x h gradient of RGBE pixels with runs (constant rows of blue) and variety (red, green). */
    static byte[] hdrPixels(int w, int h) {
        byte[] px = new byte[w * h * 4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(rgbe(0.01f + x * 0.37f, 1e-3f * (y + 1), y % 2 == 0 ? 2f : 0f), 0, px, (y * w + x) * 4, 4);
            }
        }
        return px;
    }

    static Path png(Path file, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, 0xff000000 | (x * 40) << 16 | (y * 40) << 8 | 0x80);
            }
        }
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    static Path exr(Path file, int w, int h, float[] rgba) throws IOException {
        ImageFiles.writeExr(file, w, h, rgba);
        return file;
    }
}
