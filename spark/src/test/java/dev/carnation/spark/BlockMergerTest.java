package dev.carnation.spark;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.WorkUnit;
import dev.carnation.integrator.backend.JvmBackend;
import dev.carnation.integrator.film.Film;
import dev.carnation.scene.SceneBuffers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The driver's merge, without Spark: units arriving in any order give the single-process film. */
class BlockMergerTest {
    static List<WorkUnit> plan;
    static List<UnitResult> results;

    @BeforeAll
    static void renderUnits() {
        SparkRenderTest.singleProcessRender();
        plan = WorkUnit.plan(SparkRenderTest.SPP, SparkRenderTest.H, 9); // bands of 9, 9 and 6 rows x 3 blocks
        results = new ArrayList<>();
        SceneBuffers buffers = SceneBuffers.pack(SparkRenderTest.scene);
        for (int i = 0; i < plan.size(); i++) {
            WorkUnit u = plan.get(i);
            try (JvmBackend b = new JvmBackend(1)) {
                b.prepare(buffers, SparkRenderTest.W, u.rows());
                Film f = u.render(SparkRenderTest.scene, SparkRenderTest.rs, b);
                results.add(new UnitResult(i, u, f.accum(), f.aov(), f.stats(), 0, "test", 0));
            }
        }
    }

    static BlockMerger merger() {
        return new BlockMerger(SparkRenderTest.W, SparkRenderTest.H, SparkRenderTest.SPP, plan);
    }

    @Test
    void unitsInAnyOrderGiveTheSingleProcessFilm() {
        for (int seed = 0; seed < 5; seed++) {
            List<UnitResult> order = new ArrayList<>(results);
            Collections.shuffle(order, new Random(seed));
            BlockMerger m = merger();
            order.forEach(m::accept);
            SparkRenderTest.assertSameFilm(SparkRenderTest.reference, m.film());
        }
    }

    @Test
    void onlyUnitsAheadOfTheirBandWait() {
        BlockMerger inOrder = merger();
        results.forEach(inOrder::accept);
        assertEquals(0, inOrder.peakWaiting());

        BlockMerger reversed = merger();
        for (int i = results.size() - 1; i >= 0; i--) {
            reversed.accept(results.get(i));
        }
        assertEquals(2, reversed.peakWaiting(), "a band's later two blocks wait for its first");
    }

    @Test
    void aUnitMergedTwiceOrAnUnfinishedFilmIsAnError() {
        BlockMerger m = merger();
        m.accept(results.get(0));
        assertThrows(IllegalStateException.class, () -> m.accept(results.get(0)));
        assertThrows(IllegalStateException.class, m::film);
    }
}
