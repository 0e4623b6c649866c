package dev.carnation.integrator.backend;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Waiting for a backend's worker tasks. */
final class Futures {
    private Futures() {}

    /**
     * Waits for every task, then throws the first failure (in list order) as failure turns its
     * cause into; an interrupt keeps the flag and ends the wait.
     */
    static void awaitAll(List<Future<?>> tasks, Function<Throwable, RuntimeException> failure) {
        RuntimeException first = null;
        for (Future<?> f : tasks) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("render interrupted", e);
            } catch (ExecutionException e) {
                if (first == null) {
                    first = failure.apply(e.getCause());
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
