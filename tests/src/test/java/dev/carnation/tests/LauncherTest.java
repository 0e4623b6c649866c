package dev.carnation.tests;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher scripts with stand-in TornadoVM SDKs and JDKs: which java, which flags, when to remake them. */
class LauncherTest {
    static final Path ROOT = CliTest.root.toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    record Result(int code, String output) {}

    static Result bash(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("JAVA");
        pb.environment().remove("TORNADOVM_HOME");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }

    static Path script(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/usr/bin/env bash\n" + text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** A TornadoVM SDK as far as the scripts look: share/java/tornado and an argfile with TornadoVM's comment lines. */
    Path sdk(String name, String flag) throws IOException {
        Path home = Files.createDirectories(tmp.resolve(name).resolve("share/java/tornado"));
        Files.writeString(tmp.resolve(name).resolve("tornado-argfile"), """
                # === JVM mode and memory settings ===
                -server
                %s

                # === Module system ===
                --module-path .:%s
                """.formatted(flag, home));
        return tmp.resolve(name);
    }

    @Test
    void commentLinesOfTheSdkArgfileAreNotFlags() throws Exception {
        Path home = sdk("sdk", "-Dsdk=one");
        Path out = tmp.resolve("out/tornado.argfile");
        Result r = bash(Map.of("TORNADOVM_HOME", home.toString()), ROOT.resolve("bin/tornado-argfile").toString(), out.toString());
        assertEquals(0, r.code(), r.output());
        assertEquals(List.of("-server", "-Dsdk=one", "--module-path", home.resolve("share/java/tornado").toString()),
                Files.readAllLines(out));
        assertEquals(List.of(home.toString()), Files.readAllLines(tmp.resolve("out/tornado.argfile.home")));
    }

    @Test
    void withoutAnArgfileTheSdkIsAskedWithJavaHomesJdk() throws Exception {
        // Two stand-in JDKs: the one first on PATH must lose to JAVA_HOME, as it does for Maven.
        Path onPath = tmp.resolve("jdk17");
        Path javaHome = tmp.resolve("jdk25");
        for (Path jdk : List.of(onPath, javaHome)) {
            script(jdk.resolve("bin/java"), "exit 0\n");
        }
        Path home = Files.createDirectories(tmp.resolve("sdk"));
        script(home.resolve("bin/tornado"), "[ \"$1\" = --printJavaFlags ] && echo \"$JAVA_HOME/bin/java -Dasked.with=$JAVA_HOME\"\n");
        Path out = tmp.resolve("tornado.argfile");
        Result r = bash(Map.of("TORNADOVM_HOME", home.toString(), "JAVA_HOME", javaHome.toString(),
                "PATH", onPath.resolve("bin") + ":" + System.getenv("PATH")), ROOT.resolve("bin/tornado-argfile").toString(), out.toString());
        assertEquals(0, r.code(), r.output());
        assertEquals(List.of("-Dasked.with=" + javaHome.toRealPath()), Files.readAllLines(out));
    }

    static Optional<Path> jdk25() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(jvms)) {
            return s.filter(p -> p.getFileName().toString().contains("25") && Files.isExecutable(p.resolve("bin/java"))).findFirst();
        }
    }

    @Test
    void theLauncherRemakesTheArgfileForAnotherSdk() throws Exception {
        Optional<Path> jdk = jdk25();
        assumeTrue(jdk.isPresent(), "needs a JDK 25 under /usr/lib/jvm (the launcher's TornadoVM path)");
        Path jar = ROOT.resolve("cli/target/carnation.jar");
        assumeTrue(Files.isRegularFile(jar), "needs the built cli/target/carnation.jar");
        // A copy of the launcher beside its own build outputs, so the checkout's argfile is left alone.
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("cli/target"));
        Files.createDirectories(root.resolve("bin"));
        Files.copy(ROOT.resolve("carnation"), root.resolve("carnation"));
        Files.copy(ROOT.resolve("bin/tornado-argfile"), root.resolve("bin/tornado-argfile"));
        Files.copy(jar, root.resolve("cli/target/carnation.jar"));
        Path a = sdk("sdk-a", "-Dsdk=a");
        Path b = sdk("sdk-b", "-Dsdk=b");
        Path argfile = root.resolve("tornado-backend/target/tornado.argfile");
        for (Path home : List.of(a, b, a)) {
            Result r = bash(Map.of("TORNADOVM_HOME", home.toString(), "JAVA_HOME", jdk.get().toString(), "CARNATION_NO_BUILD", "1"),
                    root.resolve("carnation").toString(), "--version");
            assertEquals(0, r.code(), r.output());
            assertTrue(r.output().contains("carnation 0.1.0"), r.output());
            String flag = home == a ? "-Dsdk=a" : "-Dsdk=b";
            assertTrue(Files.readAllLines(argfile).contains(flag), "argfile for " + home + ": " + Files.readAllLines(argfile));
        }
    }

    /** A copy of the launcher beside a copy of the built jar (JVM path: no TORNADOVM_HOME). */
    Path launcherCopy() throws IOException {
        Path jar = ROOT.resolve("cli/target/carnation.jar");
        assumeTrue(Files.isRegularFile(jar), "needs the built cli/target/carnation.jar");
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("cli/target"));
        Files.copy(ROOT.resolve("carnation"), root.resolve("carnation"));
        Files.copy(jar, root.resolve("cli/target/carnation.jar"));
        return root;
    }

    @Test
    void theClassDataArchiveIsMadeOnceAndItsFailuresNeverBreakTheLauncher() throws Exception {
        Path root = launcherCopy();
        Path cache = tmp.resolve("cache");
        String javaHome = System.getProperty("java.home");
        Map<String, String> env = Map.of("JAVA_HOME", javaHome, "CARNATION_NO_BUILD", "1", "CARNATION_CACHE_DIR", cache.toString());
        String launcher = root.resolve("carnation").toString();
        // First run: makes the archive at exit; second run: maps it.
        for (int i = 0; i < 2; i++) {
            Result r = bash(env, launcher, "--version");
            assertEquals(0, r.code(), r.output());
            assertEquals("carnation 0.1.0", r.output().strip(), "nothing but the version on the terminal");
        }
        List<Path> archives;
        try (Stream<Path> s = Files.list(cache.resolve("cds"))) {
            archives = s.toList();
        }
        assertEquals(1, archives.size(), archives.toString());
        Path archive = archives.get(0);
        assertTrue(Files.size(archive) > 100_000, "an archive: " + Files.size(archive));
        // Damaged archive: ignored and replaced, and the run still works and prints only its output.
        archive.toFile().setWritable(true);
        Files.write(archive, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        for (int i = 0; i < 2; i++) {
            Result r = bash(env, launcher, "--version");
            assertEquals(0, r.code(), r.output());
            assertEquals("carnation 0.1.0", r.output().strip());
        }
        assertTrue(Files.size(archive) > 100_000, "the damaged archive was made again");
        // A cache folder that cannot be one (a file is in its place): no archive, same result.
        Path notADir = Files.writeString(tmp.resolve("file"), "x");
        Result r = bash(Map.of("JAVA_HOME", javaHome, "CARNATION_NO_BUILD", "1", "CARNATION_CACHE_DIR", notADir.toString()),
                launcher, "--version");
        assertEquals(0, r.code(), r.output());
        assertEquals("carnation 0.1.0", r.output().strip());
        // Caching off: no cache folder at all.
        Path off = tmp.resolve("off");
        r = bash(Map.of("JAVA_HOME", javaHome, "CARNATION_NO_BUILD", "1", "CARNATION_CACHE_DIR", off.toString(), "CARNATION_CACHE", "off"),
                launcher, "--version");
        assertEquals(0, r.code(), r.output());
        assertFalse(Files.exists(off));
    }
}
