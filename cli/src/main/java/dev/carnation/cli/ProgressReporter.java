package dev.carnation.cli;

import dev.carnation.integrator.Renderer;
import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Render progress on stderr: spp, elapsed, ETA, Msamples/s and Mrays/s. On a terminal, a bar
 * redrawn in place; anywhere else (a log file, a pipe, CI), one plain line every 10 % or every 30 s
 * and no carriage returns, which would garble the log.
 */
final class ProgressReporter implements AutoCloseable {
    enum Mode { QUIET, BAR, LINES }

    static final double LINE_EVERY_FRACTION = 0.1;
    static final double LINE_EVERY_SECONDS = 30;

    private final PrintWriter err;
    private final Mode mode;
    private final Limits limits;
    private final ProgressBar bar;
    private Renderer.Progress last;
    private double nextLineFraction = LINE_EVERY_FRACTION;
    private double lastLineSeconds;

    /** What ends the render: a sample count (0 = none), a time (0 = none), or both. */
    record Limits(int spp, double seconds) {
        String unit() {
            return spp == 0 ? "s" : seconds == 0 ? "spp" : "%";
        }

        long max() {
            return spp == 0 ? (long) Math.ceil(seconds) : seconds == 0 ? spp : 100;
        }

        long position(Renderer.Progress p) {
            return spp == 0 ? (long) Math.min(Math.ceil(seconds), p.elapsedSeconds())
                    : seconds == 0 ? p.spp() : Math.round(100 * p.fraction());
        }
    }

    ProgressReporter(PrintWriter err, Mode mode, Limits limits) {
        this.err = err;
        this.mode = mode;
        this.limits = limits;
        this.bar = mode != Mode.BAR ? null : new ProgressBarBuilder()
                .setTaskName(limits.unit())
                .setInitialMax(limits.max())
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .continuousUpdate()
                .setConsumer(new DelegatingProgressBarConsumer(s -> {
                    err.print("\r" + s);
                    err.flush();
                }))
                .build();
    }

    void update(Renderer.Progress p) {
        last = p;
        if (bar != null) {
            bar.stepTo(limits.position(p));
            bar.setExtraMessage(String.format(" %d spp%s, %.2f Msamples/s, %.2f Mrays/s",
                    p.spp(), converged(p), p.samplesPerSecond() / 1e6, p.raysPerSecond() / 1e6));
        }
        if (mode == Mode.LINES) {
            double f = p.fraction();
            if (f >= nextLineFraction || p.elapsedSeconds() - lastLineSeconds >= LINE_EVERY_SECONDS) {
                nextLineFraction = (Math.floor(f / LINE_EVERY_FRACTION + 1e-9) + 1) * LINE_EVERY_FRACTION;
                lastLineSeconds = p.elapsedSeconds();
                err.println(line(p));
                err.flush();
            }
        }
    }

    String line(Renderer.Progress p) {
        String spp = limits.spp == 0 ? p.spp() + " spp" : p.spp() + "/" + limits.spp + " spp";
        return String.format("progress: %3.0f%% %s%s, %s elapsed, ETA %s, %.2f Msamples/s, %.2f Mrays/s",
                100 * p.fraction(), spp, converged(p), clock(p.elapsedSeconds()), clock(p.etaSeconds()),
                p.samplesPerSecond() / 1e6, p.raysPerSecond() / 1e6);
    }

    /** ", adaptive: 63 % of pixels converged" under adaptive sampling, else nothing. */
    static String converged(Renderer.Progress p) {
        return p.converged() < 0 ? "" : String.format(", adaptive: %.0f %% of pixels converged", 100 * p.converged());
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }

    @Override
    public void close() {
        if (bar != null) {
            if (limits.spp == 0 && last != null) {
                bar.stepTo(bar.getMax());
            }
            bar.close();
            err.println();
        }
        if (last != null) {
            err.printf("%d spp%s in %.2f s: %.3f Msamples/s, %.3f Mrays/s%n", last.spp(), converged(last), last.elapsedSeconds(),
                    last.samplesPerSecond() / 1e6, last.raysPerSecond() / 1e6);
        }
    }
}
