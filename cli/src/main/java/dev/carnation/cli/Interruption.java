package dev.carnation.cli;

import dev.carnation.integrator.output.StagedFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGINT and SIGTERM during a render: instead of dying with the work, the JVM's shutdown hook
 * asks the render loop to stop at the next pass boundary and then waits, so that the image is
 * written from the samples done so far and the preview and temporary files are removed. The JVM
 * exits once the hook returns, with the signal's status (130, 143).
 */
final class Interruption implements AutoCloseable {
    /** Longest wait for the pass and the writes; past it the temporaries go and the JVM exits. */
    static final long GRACE_SECONDS = 300;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    Interruption(PrintWriter err, Path preview) {
        hook = new Thread(() -> {
            requested.set(true);
            err.println();
            err.println("interrupted: finishing the current pass, then writing the image (kill -9 abandons it)");
            err.flush();
            try {
                if (finished.await(GRACE_SECONDS, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            StagedFiles.deleteAllLive();
            deleteQuietly(preview);
        }, "carnation-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean requested() {
        return requested.get();
    }

    /** The render and its writes are over: let a waiting hook return, or remove the unused one. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook is running and returns now
        }
    }

    static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a preview left behind is harmless
        }
    }
}
