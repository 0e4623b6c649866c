package dev.carnation.tests;

import static dev.carnation.tests.CliTest.run;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.*;

import dev.carnation.tests.CliTest.Run;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A render in its own JVM, stopped by a real SIGINT or SIGTERM: it writes the image set from the
 * samples done, says how many, removes the preview and temporaries, saves a checkpoint, and the
 * render resumed from that checkpoint is byte for byte the uninterrupted one.
 */
class InterruptTest {
    static final int TARGET = 1_000_000;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"INT, 2, 130", "TERM, 15, 143"})
    void aSignalWritesWhatIsDoneAndTheRenderResumesBitForBit(String signal, int number, int status) throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux: signals and /proc");
        String scene = CliTest.root.resolve("scenes/cornell-box.json").toString();
        Path out = tmp.resolve("i.pfm");
        Path preview = tmp.resolve("i.preview.png");
        Path ckpt = tmp.resolve("i.ckpt");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.carnation.cli.Carnation",
                "render", scene, "--width", "16", "--height", "16", "--spp", String.valueOf(TARGET), "--out", out.toString(),
                "--aov", "depth", "--preview-every", "0.2", "--checkpoint", ckpt.toString()).redirectErrorStream(true).start();
        StringBuffer log = new StringBuffer();
        Thread reader = new Thread(() -> copy(p.getInputStream(), log));
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(preview) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(preview), "no preview while rendering:\n" + log + (p.isAlive() ? "" : "exit status " + p.exitValue()));
            assumeTrue(catches(p.pid(), number), "SIG" + signal + " is ignored in this environment (inherited)");
            assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start().waitFor());
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "still running after SIG" + signal + ":\n" + log);
        } finally {
            p.destroyForcibly();
        }
        reader.join();
        assertEquals(status, p.exitValue(), log.toString());

        Matcher m = Pattern.compile("interrupted: wrote " + Pattern.quote(out + ", " + tmp.resolve("i.depth.pfm"))
                + " from (\\d+) of " + TARGET + " spp; checkpoint " + Pattern.quote(ckpt.toString())).matcher(log);
        assertTrue(m.find(), log.toString());
        int done = Integer.parseInt(m.group(1));
        assertTrue(done > 0 && done < TARGET, log.toString());
        assertEquals(List.of("i.ckpt", "i.depth.pfm", "i.pfm"), names(), "no preview, no temporaries");

        // Continue to a few more samples, and render the same total in one go.
        int total = done + 3;
        Path resumed = tmp.resolve("r.pfm");
        Run r = run("render", scene, "--resume", ckpt.toString(), "--spp", String.valueOf(total), "--out", resumed.toString(),
                "--aov", "depth", "-q");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("resumed from " + done + " spp"), r.err());
        Path whole = tmp.resolve("w.pfm");
        Run w = run("render", scene, "--width", "16", "--height", "16", "--spp", String.valueOf(total), "--out", whole.toString(),
                "--aov", "depth", "-q");
        assertEquals(0, w.code(), w.err());
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(resumed), "radiance");
        assertArrayEquals(Files.readAllBytes(tmp.resolve("w.depth.pfm")), Files.readAllBytes(tmp.resolve("r.depth.pfm")), "depth");
    }

    /** Whether the process has a handler for the signal (SigCgt in /proc/PID/status). */
    static boolean catches(long pid, int signal) throws IOException, InterruptedException {
        for (int tries = 0; tries < 100; tries++) {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("SigCgt:") && new BigInteger(l.substring(7).trim(), 16).testBit(signal - 1)) {
                    return true;
                }
            }
            Thread.sleep(20);
        }
        return false;
    }

    List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static void copy(InputStream in, StringBuffer to) {
        try (in) {
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) > 0; ) {
                to.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }
}
