package dev.carnation.tornado;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.backend.DeviceInfo;
import dev.carnation.integrator.backend.JvmBackend;
import dev.carnation.integrator.film.Film;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.SceneLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel cache (runs with -Ptornado, on PoCL here): a second backend loads the kernel that the
 * first compiled and renders the same image, bit for bit, as the compiled kernel and as the JVM; a
 * change to the key compiles again; a damaged entry is reported, ignored and replaced.
 */
class KernelCacheTest {
    @TempDir
    Path tmp;
    private String savedDir;

    @BeforeEach
    void useTempCache() {
        savedDir = System.getProperty("carnation.cache.dir");
        System.setProperty("carnation.cache.dir", tmp.toString());
    }

    @AfterEach
    void restore() {
        if (savedDir == null) {
            System.clearProperty("carnation.cache.dir");
        } else {
            System.setProperty("carnation.cache.dir", savedDir);
        }
        System.clearProperty("carnation.tornado.cacheTest");
    }

    private static Scene scene() {
        return SceneLoader.load(ParityTest.ROOT.resolve("scenes/cornell-box.json"), Path.of(System.getProperty("carnation.assets")));
    }

    private record Run(Film film, String origin, String stderr) {}

    /** Renders on TornadoVM with a fresh backend (a new plan: TornadoVM's own code cache does not help). */
    private static Run render(Scene scene, SceneBuffers b, RenderSettings rs) {
        DeviceInfo d = ParityTest.device();
        TornadoBackend backend = (TornadoBackend) new TornadoProvider().open(d, 1);
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new TeeStream(saved, err), true, StandardCharsets.UTF_8));
        try {
            Film f = ParityTest.render(scene, b, rs, backend);
            return new Run(f, backend.kernelOrigin(), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    private Path[] entry() throws IOException {
        try (Stream<Path> s = Files.list(tmp.resolve("kernels"))) {
            List<Path> l = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
            assertEquals(2, l.size(), "one entry (source and record): " + l);
            return l.get(0).toString().endsWith(".properties") ? new Path[] {l.get(1), l.get(0)} : new Path[] {l.get(0), l.get(1)};
        }
    }

    @Test
    void secondRunLoadsTheCachedKernelAndRendersTheSameImage() throws IOException {
        Scene scene = scene();
        RenderSettings rs = scene.render().withSize(32, 24).withSpp(2);
        SceneBuffers b = SceneBuffers.pack(scene);
        Run first = render(scene, b, rs);
        assertTrue(first.origin().startsWith("compiled, cached as "), first.origin());
        Path[] e = entry();
        Run second = render(scene, b, rs);
        assertTrue(second.origin().startsWith("cache hit "), second.origin());
        assertArrayEquals(first.film().accum(), second.film().accum(), "cache hit vs compiled kernel: bit for bit");
        assertArrayEquals(first.film().stats(), second.film().stats());
        Film jvm = ParityTest.render(scene, b, rs, new JvmBackend(2));
        assertArrayEquals(jvm.radiance(), second.film().radiance(), "JVM vs cached kernel on PoCL: bit for bit");
        assertEquals(jvm.rays(), second.film().rays());
        assertTrue(Files.exists(e[0]) && Files.exists(e[1]));
    }

    @Test
    void aChangedKeyCompilesAgain() {
        Scene scene = scene();
        RenderSettings rs = scene.render().withSize(16, 12).withSpp(1);
        SceneBuffers b = SceneBuffers.pack(scene);
        Run first = render(scene, b, rs);
        assertTrue(first.origin().startsWith("compiled"), first.origin());
        // carnation.tornado.* properties are part of the key, like tornado.* and jdk.graal.* ones.
        System.setProperty("carnation.tornado.cacheTest", "changed");
        Run second = render(scene, b, rs);
        assertTrue(second.origin().startsWith("compiled, cached as "), "a changed key must not hit: " + second.origin());
        Run third = render(scene, b, rs);
        assertTrue(third.origin().startsWith("cache hit "), third.origin());
    }

    @Test
    void aDamagedEntryIsReportedIgnoredAndReplaced() throws IOException {
        Scene scene = scene();
        RenderSettings rs = scene.render().withSize(16, 12).withSpp(1);
        SceneBuffers b = SceneBuffers.pack(scene);
        Run first = render(scene, b, rs);
        Path[] e = entry();
        byte[] good = Files.readAllBytes(e[0]);
        // Truncated source: its hash no longer matches the record.
        Files.write(e[0], Arrays.copyOf(good, good.length / 2));
        Run second = render(scene, b, rs);
        assertTrue(second.stderr().contains("corrupt kernel cache entry"), second.stderr());
        assertTrue(second.origin().startsWith("compiled, cached as "), second.origin());
        assertArrayEquals(first.film().accum(), second.film().accum(), "recompiled");
        assertEquals(good.length, Files.readAllBytes(entry()[0]).length, "replaced by a whole source");
        // A source that matches its record but does not build: the load fails, it compiles again.
        e = entry();
        byte[] junk = "__kernel void render() { this is not OpenCL }\n".getBytes(StandardCharsets.UTF_8);
        Files.write(e[0], junk);
        String rec = Files.readString(e[1], StandardCharsets.ISO_8859_1)
                .replaceAll("(?m)^sha256=.*$", "sha256=" + KernelCache.sha256(junk))
                .replaceAll("(?m)^length=.*$", "length=" + junk.length);
        Files.writeString(e[1], rec, StandardCharsets.ISO_8859_1);
        Run third = render(scene, b, rs);
        assertTrue(third.stderr().contains("did not load"), third.stderr());
        assertTrue(third.origin().startsWith("compiled, cached as "), third.origin());
        assertArrayEquals(first.film().accum(), third.film().accum(), "recompiled");
    }

    private static void assertArrayEquals(double[] a, double[] b, String m) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, m);
    }

    private static void assertArrayEquals(float[] a, float[] b, String m) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, m);
    }

    private static void assertArrayEquals(int[] a, int[] b) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
    }

    // ---- the key and the store, without a device ----

    @Test
    void keyChangesWithEachInput() {
        String base = KernelCache.key("OPENCL | dev A | driver 1", 64);
        assertEquals(base, KernelCache.key("OPENCL | dev A | driver 1", 64), "the key is stable");
        assertNotEquals(base, KernelCache.key("OPENCL | dev A | driver 2", 64), "driver");
        assertNotEquals(base, KernelCache.key("PTX | dev A | driver 1", 64), "backend");
        assertNotEquals(base, KernelCache.key("OPENCL | dev A | driver 1", 32), "work-group size");
        System.setProperty("carnation.tornado.cacheTest", "1");
        assertNotEquals(base, KernelCache.key("OPENCL | dev A | driver 1", 64), "a carnation.tornado.* property");
        System.clearProperty("carnation.tornado.cacheTest");
        String saved = System.getProperty("jdk.graal.MaximumDesiredSize");
        System.setProperty("jdk.graal.MaximumDesiredSize", "12345");
        try {
            assertNotEquals(base, KernelCache.key("OPENCL | dev A | driver 1", 64), "a Graal option");
        } finally {
            System.setProperty("jdk.graal.MaximumDesiredSize", saved);
        }
        assertEquals(base, KernelCache.key("OPENCL | dev A | driver 1", 64));
    }

    @Test
    void jarFingerprintFollowsContent() throws Exception {
        Path jar = tmp.resolve("k.jar");
        writeJar(jar, "a/K.class", new byte[] {1, 2, 3});
        String one = fingerprint(jar);
        writeJar(jar, "a/K.class", new byte[] {1, 2, 3});
        assertEquals(one, fingerprint(jar), "same entries, same fingerprint (timestamps do not count)");
        writeJar(jar, "a/K.class", new byte[] {1, 2, 4});
        assertNotEquals(one, fingerprint(jar), "changed class, changed fingerprint");
        Path dir = Files.createDirectories(tmp.resolve("classes/a"));
        Files.write(dir.resolve("K.class"), new byte[] {1});
        String d1 = fingerprint(tmp.resolve("classes"));
        Files.write(dir.resolve("K.class"), new byte[] {2});
        assertNotEquals(d1, fingerprint(tmp.resolve("classes")), "class folders by content");
    }

    private static String fingerprint(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        KernelCache.codeFingerprint(md, p, false);
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    private static void writeJar(Path jar, String name, byte[] body) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            JarEntry e = new JarEntry(name);
            e.setTime(System.currentTimeMillis() + (long) (Math.random() * 1e6));
            out.putNextEntry(e);
            out.write(body);
            out.closeEntry();
        }
    }

    @Test
    void storeAndLookupVerifyTheSource() throws IOException {
        KernelCache c = KernelCache.at(tmp.resolve("k"));
        List<String> warnings = new ArrayList<>();
        assertNull(c.lookup("abc", ".cl", warnings::add));
        c.store("abc", ".cl", "__kernel void render() {}\n".getBytes(StandardCharsets.UTF_8), "test device");
        assertNotNull(c.lookup("abc", ".cl", warnings::add));
        assertTrue(warnings.isEmpty());
        assertNull(c.lookup("abd", ".cl", warnings::add), "another key");
        Files.writeString(tmp.resolve("k/abc.properties"), "garbage\u0000\n");
        assertNull(c.lookup("abc", ".cl", warnings::add));
        assertEquals(1, warnings.size());
        assertFalse(Files.exists(tmp.resolve("k/abc.cl")), "a corrupt entry is removed");
    }

    @Test
    void onlyTheNewestEntriesAreKept() throws IOException {
        KernelCache c = KernelCache.at(tmp.resolve("k"));
        for (int i = 0; i < KernelCache.KEEP + 3; i++) {
            c.store("key" + i, ".cl", ("__kernel void render() { /* " + i + " */ }\n").getBytes(StandardCharsets.UTF_8), "d");
            Files.setLastModifiedTime(tmp.resolve("k/key" + i + ".properties"), java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        c.evict(KernelCache.KEEP);
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            assertNull(c.lookup("key" + i, ".cl", warnings::add), "old entry " + i + " evicted");
        }
        assertNotNull(c.lookup("key" + (KernelCache.KEEP + 2), ".cl", warnings::add));
        assertNotNull(c.lookup("key3", ".cl", warnings::add));
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void printedSourceIsCleaned() {
        byte[] cl = KernelSource.fromPrinted("__kernel void render(int a) { }\n\n".getBytes(StandardCharsets.UTF_8), false);
        assertEquals("#pragma OPENCL FP_CONTRACT OFF\n__kernel void render(int a) { }\n", new String(cl, StandardCharsets.UTF_8));
        byte[] ptx = KernelSource.fromPrinted(".version 8.0 \n.target sm_90 \n.address_size 64 \n\n\0.visible .entry x_render() {}\n\0\n"
                .getBytes(StandardCharsets.UTF_8), true);
        assertEquals(".visible .entry " + KernelSource.ENTRY_PLACEHOLDER + "() {}\n", new String(ptx, StandardCharsets.UTF_8));
        assertEquals(".visible .entry carnation_render_render_12_float3_int2() {}\n", new String(KernelSource.ptxForLoad(ptx,
                KernelSource.ptxEntryName("carnation.render", "render", new Object[] {12, new float[3], new int[2]})), StandardCharsets.UTF_8));
        String div = new String(KernelSource.fromPrinted(".version 8.0 \n.visible .entry x_render() {\n\tdiv.full.f32 %f3, %f1, %f2;\n}\n"
                .getBytes(StandardCharsets.UTF_8), true), StandardCharsets.UTF_8);
        assertTrue(div.contains("div.rn.f32 %f3, %f1, %f2;") && !div.contains("div.full"), div);
        String nativeDiv = new String(KernelSource.fromPrinted(".version 8.0 \n.visible .entry x_render() {\n\tdiv.full.f32 %f3, %f1, %f2;\n}\n"
                .getBytes(StandardCharsets.UTF_8), true, false), StandardCharsets.UTF_8);
        assertTrue(nativeDiv.contains("div.full.f32"), nativeDiv);
        assertEquals("__kernel void render(int a) { }\n", new String(KernelSource.fromPrinted(
                "__kernel void render(int a) { }\n".getBytes(StandardCharsets.UTF_8), false, false), StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> KernelSource.fromPrinted(new byte[0], false));
        assertThrows(IllegalArgumentException.class, () -> KernelSource.fromPrinted(
                "__kernel void render() {}\n__kernel void render() {}\n".getBytes(StandardCharsets.UTF_8), false));
    }

    /** Writes to two streams (the test's stderr is still shown). */
    private static final class TeeStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
