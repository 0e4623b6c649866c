package dev.carnation.tornado;

import dev.carnation.scene.io.CacheDir;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The render kernel as TornadoVM generated it (OpenCL C or PTX), kept between runs so that a
 * later process loads it as a TornadoVM prebuilt task instead of running Graal again.
 * <p>
 * An entry is {@code kernels/KEY.cl} or {@code KEY.ptx} (the source) and {@code KEY.properties}
 * (its SHA-256 and length, and what it was made for). KEY is a SHA-256 of everything that shapes the
 * generated code: every jar and class folder on the class path and module path (carnation's kernels,
 * TornadoVM, Graal; by entry names, sizes and CRCs), the JVM's version and array layout, every
 * {@code tornado.*}, {@code jdk.graal.*} and {@code carnation.tornado.*} system property, the
 * backend, the device (name, platform, driver, description) and the work-group size. A change to any
 * of them gives another key, so a stale kernel is never found. An entry whose source does not match
 * its recorded hash is reported, deleted and compiled again.
 */
final class KernelCache {
    static final String FORMAT = "carnation-kernel-cache 1";
    /** Properties that differ between runs without changing the code. */
    private static final List<String> IGNORED_PROPERTIES = List.of("tornado.print.kernel.dir");

    private final Path dir;

    private KernelCache(Path dir) {
        this.dir = dir;
    }

    /** The cache under carnation's cache folder, or null when caching is off. */
    static KernelCache open() {
        if ("off".equalsIgnoreCase(System.getProperty("carnation.kernel.cache", ""))) {
            return null;
        }
        Path root = CacheDir.resolve();
        return root == null ? null : new KernelCache(root.resolve("kernels"));
    }

    static KernelCache at(Path dir) {
        return new KernelCache(dir);
    }

    Path dir() {
        return dir;
    }

    /**
     * Where TornadoVM's kernel printer writes while a missing kernel is compiled
     * ({@code tornado.print.kernel.dir}: read once, when TornadoVM starts; see TornadoSettings).
     */
    static Path captureFile(Path kernelDir) {
        return kernelDir.resolve(".capture-" + ProcessHandle.current().pid());
    }

    /** The key's source file, verified against its recorded hash; null when absent or corrupt (then reported and removed). */
    Path lookup(String key, String ext, Warn warn) {
        Path src = dir.resolve(key + ext);
        Path meta = dir.resolve(key + ".properties");
        if (!Files.exists(src) && !Files.exists(meta)) {
            return null;
        }
        try {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(meta)) {
                p.load(in);
            }
            byte[] body = Files.readAllBytes(src);
            String want = p.getProperty("sha256");
            if (!FORMAT.equals(p.getProperty("format")) || !key.equals(p.getProperty("key"))
                    || want == null || !want.equals(sha256(body)) || body.length == 0
                    || !String.valueOf(body.length).equals(p.getProperty("length"))) {
                warn.warn("ignoring a corrupt kernel cache entry " + src + " (its source does not match its record); compiling the kernel again");
                remove(key, ext);
                return null;
            }
            return src;
        } catch (IOException | IllegalArgumentException e) {
            warn.warn("ignoring an unreadable kernel cache entry " + src + " (" + e.getMessage() + "); compiling the kernel again");
            remove(key, ext);
            return null;
        }
    }

    /** Stores a source under key (atomically: a reader sees the whole entry or none). */
    void store(String key, String ext, byte[] source, String description) throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("key", key);
        p.setProperty("sha256", sha256(source));
        p.setProperty("length", String.valueOf(source.length));
        p.setProperty("made-for", description);
        Path src = dir.resolve(key + ext);
        Path meta = dir.resolve(key + ".properties");
        // The source first: an entry counts only once its record is in place.
        replace(src, source);
        StringBuilder sb = new StringBuilder();
        for (String name : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
            sb.append(name).append('=').append(escape(p.getProperty(name))).append('\n');
        }
        replace(meta, sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        evict(KEEP);
    }

    /** Entries kept: each new build of carnation or TornadoVM, JVM option or device adds one (about 1.3 MB). */
    static final int KEEP = 16;

    /** Removes all but the newest keep entries (by their records' times), and stray temporary files. */
    void evict(int keep) {
        List<Path> records = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.endsWith(".properties")) {
                    records.add(p);
                } else if (n.startsWith(".tmp-") && Files.getLastModifiedTime(p).toMillis() < System.currentTimeMillis() - 3_600_000L) {
                    Files.deleteIfExists(p);
                }
            }
            records.sort((a, b) -> Long.compare(mtime(b), mtime(a)));
            for (Path r : records.subList(Math.min(keep, records.size()), records.size())) {
                String key = r.getFileName().toString().replace(".properties", "");
                for (String ext : List.of(".cl", ".ptx")) {
                    remove(key, ext);
                }
            }
        } catch (IOException ignored) {
            // best effort: the cache works without eviction
        }
    }

    private static long mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    void remove(String key, String ext) {
        for (Path p : List.of(dir.resolve(key + ".properties"), dir.resolve(key + ext))) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // the next store replaces it
            }
        }
    }

    private void replace(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(dir, ".tmp-", "");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == '\n' || c == '\r' || c == '=' || c == ':' || c == '#' || c == '!' || c > 126 || c < 32) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    interface Warn {
        void warn(String message);
    }

    // ---- the key ----

    /**
     * The cache key for the render kernel on a device: see the class comment for what goes in.
     * device describes the device (backend, name, platform, driver); it is hashed with the rest.
     */
    static String key(String device, int localSize) {
        MessageDigest md = digest();
        update(md, FORMAT);
        update(md, "device=" + device);
        update(md, "localSize=" + localSize);
        update(md, "java.vm=" + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")
                + " " + System.getProperty("os.arch"));
        update(md, "arrays=" + arrayLayout());
        TreeMap<String, String> props = new TreeMap<>();
        System.getProperties().forEach((k, v) -> {
            String name = k.toString();
            if ((name.startsWith("tornado.") || name.startsWith("jdk.graal.") || name.startsWith("graal.")
                    || name.startsWith("carnation.tornado.")) && !IGNORED_PROPERTIES.contains(name)) {
                props.put(name, v.toString());
            }
        });
        props.forEach((k, v) -> update(md, "property " + k + "=" + v));
        update(md, "code " + codeFingerprint());
        return HexFormat.of().formatHex(md.digest());
    }

    private static java.util.concurrent.CompletableFuture<String> code;

    /**
     * Starts hashing the class path and module path on another thread (TornadoProvider does as
     * TornadoVM starts, beside the scene load), so that the key is ready when the kernel is wanted.
     */
    static synchronized void startCodeFingerprint() {
        if (code == null) {
            code = java.util.concurrent.CompletableFuture.supplyAsync(KernelCache::computeCodeFingerprint, r -> {
                Thread t = new Thread(r, "carnation-kernel-key");
                t.setDaemon(true);
                t.start();
            });
        }
    }

    /** The hash of every jar and class folder the JVM loads code from (carnation, TornadoVM, Graal). */
    static String codeFingerprint() {
        startCodeFingerprint();
        return code.join();
    }

    private static String computeCodeFingerprint() {
        MessageDigest md = digest();
        for (String prop : List.of("java.class.path", "jdk.module.path")) {
            update(md, prop);
            String value = System.getProperty(prop, "");
            for (String entry : value.split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    codeFingerprint(md, Path.of(entry), prop.equals("jdk.module.path"));
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Array base offsets and the address size: they fix the offsets the generated code uses. */
    private static String arrayLayout() {
        try {
            Class<?> c = Class.forName("sun.misc.Unsafe");
            Field f = c.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            Object u = f.get(null);
            StringBuilder sb = new StringBuilder();
            for (Class<?> a : List.of(int[].class, float[].class, double[].class, byte[].class, long[].class)) {
                sb.append(c.getMethod("arrayBaseOffset", Class.class).invoke(u, a)).append(',');
            }
            sb.append(c.getMethod("addressSize").invoke(u));
            return sb.toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * A jar by its entries' names, sizes and CRCs (its central directory: no need to read it all);
     * a class folder by its files' contents; a module-path folder by the jars directly in it.
     */
    static void codeFingerprint(MessageDigest md, Path p, boolean modulePath) {
        update(md, "entry " + p.toAbsolutePath().normalize());
        if (Files.isRegularFile(p)) {
            jarFingerprint(md, p);
        } else if (Files.isDirectory(p)) {
            if (modulePath) {
                List<Path> jars = new ArrayList<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(p, "*.jar")) {
                    ds.forEach(jars::add);
                } catch (IOException e) {
                    update(md, "unlistable");
                }
                jars.sort(null);
                for (Path j : jars) {
                    update(md, "jar " + j.getFileName());
                    jarFingerprint(md, j);
                }
            } else {
                try (Stream<Path> s = Files.walk(p)) {
                    List<Path> files = s.filter(Files::isRegularFile).sorted().toList();
                    for (Path f : files) {
                        update(md, "file " + p.relativize(f));
                        md.update(Files.readAllBytes(f));
                    }
                } catch (IOException | UncheckedIOException e) {
                    update(md, "unreadable " + e.getMessage());
                }
            }
        } else {
            update(md, "missing");
        }
    }

    private static void jarFingerprint(MessageDigest md, Path jar) {
        try (ZipFile z = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> en = z.entries();
            StringBuilder sb = new StringBuilder(1 << 16);
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                sb.append(e.getName()).append(' ').append(e.getSize()).append(' ').append(Long.toHexString(e.getCrc())).append('\n');
                if (sb.length() > (1 << 16) - 512) {
                    update(md, sb.toString());
                    sb.setLength(0);
                }
            }
            update(md, sb.toString());
        } catch (IOException e) {
            // Not a zip: hash its bytes.
            try {
                md.update(Files.readAllBytes(jar));
            } catch (IOException e2) {
                update(md, "unreadable");
            }
        }
    }

    private static final boolean DEBUG_KEY = System.getenv("CARNATION_DEBUG_KERNEL_KEY") != null;

    private static void update(MessageDigest md, String s) {
        if (DEBUG_KEY) {
            System.err.println("kernel key: " + (s.length() > 200 ? s.substring(0, 200) + "... (" + s.length() + " chars, hash "
                    + sha256(s.getBytes(StandardCharsets.UTF_8)).substring(0, 12) + ")" : s));
        }
        md.update(s.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] b) {
        MessageDigest md = digest();
        return HexFormat.of().formatHex(md.digest(b));
    }
}
