package dev.carnation.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The time-to-quality arithmetic: the error metric and the log-log reading of a convergence curve. */
class QualityBenchTest {
    @Test
    void relMseIsTheIssuesMetric() {
        float[] ref = {0f, 1f, 10f};
        float[] x = {0.1f, 1.5f, 10f};
        double expected = (0.01 / 0.01 + 0.25 / 1.01 + 0) / 3;
        assertEquals(expected, QualityBench.relMse(x, ref), 1e-7);
        assertEquals(0, QualityBench.relMse(ref, ref));
    }

    /** A Monte Carlo curve, relMSE = c / t: the interpolation in log-log space recovers it exactly. */
    @Test
    void interpolatesAPowerLawExactly() {
        List<QualityBench.Point> pts = List.of(new QualityBench.Point(1, 1, 0.1), new QualityBench.Point(2, 2, 0.05),
                new QualityBench.Point(4, 4, 0.025), new QualityBench.Point(8, 8, 0.0125));
        assertEquals(5.0, QualityBench.secondsToReach(pts, 0.02), 1e-9);
        assertEquals(0.1 / 3, QualityBench.relMseAt(pts, 3), 1e-12);
        assertEquals(1.0, QualityBench.secondsToReach(pts, 0.5), "already below at the first point");
        assertTrue(Double.isNaN(QualityBench.secondsToReach(pts, 0.001)), "never reached");
        assertTrue(Double.isNaN(QualityBench.relMseAt(pts, 20)), "beyond the run");
    }
}
