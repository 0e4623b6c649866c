package dev.carnation.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.Renderer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Off a terminal, progress is plain lines: one per 10 % or per 30 s, never a carriage return. */
class ProgressReporterTest {
    static Renderer.Progress at(int spp, int target, double seconds, double limit) {
        return new Renderer.Progress(spp, target, seconds, limit, 0, 1000L * spp, 100L * spp);
    }

    static List<String> lines(ProgressReporter.Limits limits, Renderer.Progress... ps) {
        StringWriter s = new StringWriter();
        try (ProgressReporter r = new ProgressReporter(new PrintWriter(s, true), ProgressReporter.Mode.LINES, limits)) {
            for (Renderer.Progress p : ps) {
                r.update(p);
            }
        }
        assertFalse(s.toString().contains("\r"), "carriage return in " + s);
        return s.toString().lines().toList();
    }

    @Test
    void oneLinePerTenPercent() {
        Renderer.Progress[] ps = new Renderer.Progress[100];
        for (int i = 0; i < 100; i++) {
            ps[i] = at(i + 1, 100, 0.01 * (i + 1), 0);
        }
        List<String> out = lines(new ProgressReporter.Limits(100, 0), ps);
        List<String> progress = out.stream().filter(l -> l.startsWith("progress:")).toList();
        assertEquals(10, progress.size(), String.join("\n", out));
        assertTrue(progress.get(0).contains("10/100 spp"), progress.get(0));
        assertTrue(progress.get(9).contains("100/100 spp"), progress.get(9));
        assertTrue(out.get(out.size() - 1).startsWith("100 spp in"), "the summary comes last");
    }

    @Test
    void slowRendersReportEveryThirtySeconds() {
        // 1 % per 10 s: no 10 % step for 100 s, so the 30-s lines carry the news.
        Renderer.Progress[] ps = new Renderer.Progress[14];
        for (int i = 0; i < ps.length; i++) {
            ps[i] = at(i + 1, 100, 10.0 * (i + 1), 0);
        }
        List<String> progress = lines(new ProgressReporter.Limits(100, 0), ps).stream()
                .filter(l -> l.startsWith("progress:")).toList();
        assertEquals(List.of("3/100", "6/100", "9/100", "10/100", "13/100"),
                progress.stream().map(l -> l.replaceAll(".* (\\d+/\\d+) spp.*", "$1")).toList());
    }

    @Test
    void timedRendersCountTime() {
        List<String> progress = lines(new ProgressReporter.Limits(0, 60), at(5, 1 << 20, 6.0, 60), at(9, 1 << 20, 12.5, 60))
                .stream().filter(l -> l.startsWith("progress:")).toList();
        assertEquals(2, progress.size());
        assertTrue(progress.get(0).matches("progress: +10% 5 spp, 0:06 elapsed.*"), progress.get(0));
    }
}
