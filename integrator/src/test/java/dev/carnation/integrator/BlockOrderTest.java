package dev.carnation.integrator;

import static dev.carnation.kernel.Layout.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.backend.Backend;
import dev.carnation.integrator.backend.DeviceGroup;
import dev.carnation.integrator.backend.JvmBackend;
import dev.carnation.integrator.film.Film;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * The film is the block-ordered sum of fixed sample blocks, so it is bit-identical whatever renders
 * each block: one backend, a group of backends finishing blocks in any order, or work units
 * rendered band by band in any order and merged in block order.
 */
class BlockOrderTest {
    static final int SPP = 2 * BLOCK_SPP + 5; // two whole blocks and an open one

    static Scene scene() {
        Scene s = DeterminismTest.cornell();
        return s.withRender(s.render().withSize(24, 18));
    }

    static Film render(Scene s, Backend b, int spp, Film start) {
        try (b) {
            return Renderer.render(s, SceneBuffers.pack(s), s.render(), b, Renderer.Options.samples(spp), start,
                    new Renderer.Listener() {});
        }
    }

    static void assertSameFilm(Film expected, Film actual) {
        assertArrayEquals(expected.accum(), actual.accum(), "radiance sums");
        assertArrayEquals(expected.aov(), actual.aov(), "AOV sums");
        assertArrayEquals(expected.stats(), actual.stats(), "stats");
    }

    /** A member that sleeps on the blocks the predicate picks, so blocks finish out of order. */
    static final class Slow implements Backend {
        final JvmBackend inner;
        final IntPredicate slowBlock;

        Slow(int threads, IntPredicate slowBlock) {
            this.inner = new JvmBackend(threads);
            this.slowBlock = slowBlock;
        }

        @Override
        public String name() {
            return "slow " + inner.name();
        }

        @Override
        public void prepare(SceneBuffers scene, int width, int height) {
            inner.prepare(scene, width, height);
        }

        @Override
        public void renderPass(int[] frameI, float[] frameF, int[] active) {
            if (slowBlock.test(frameI[FI_SAMPLE_START] / BLOCK_SPP)) {
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            inner.renderPass(frameI, frameF, active);
        }

        @Override
        public void restore(double[] accum, float[] aov, int[] stats) {
            inner.restore(accum, aov, stats);
        }

        @Override
        public void read(double[] accum, float[] aov, int[] stats) {
            inner.read(accum, aov, stats);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void aGroupOfBackendsGivesTheSingleBackendsFilm() {
        Scene s = scene();
        Film one = render(s, new JvmBackend(1), SPP, null);
        DeviceGroup g = new DeviceGroup(List.of(new Slow(1, k -> k % 2 == 0), new JvmBackend(2), new Slow(1, k -> k == 1)));
        Film group = render(s, g, SPP, null);
        assertSameFilm(one, group);
        long[] spp = g.samplesRendered();
        assertEquals(SPP, spp[0] + spp[1] + spp[2]);
        assertTrue(java.util.Arrays.stream(spp).filter(n -> n > 0).count() >= 2,
                "blocks went to more than one member: " + java.util.Arrays.toString(spp));
    }

    @Test
    void aGroupResumesAFilmStoppedInTheMiddleOfABlock() {
        Scene s = scene();
        Film whole = render(s, new JvmBackend(2), SPP, null);
        Film part = render(s, new JvmBackend(2), BLOCK_SPP + 3, null);
        Film resumed = render(s, new DeviceGroup(List.of(new JvmBackend(1), new JvmBackend(1))), SPP, part);
        assertSameFilm(whole, resumed);
    }

    @Test
    void adaptiveSamplingInAGroupStopsTheSamePixels() {
        Scene s = scene();
        RenderSettings r = s.render();
        s = s.withRender(r.withAdaptive(0.05, 4));
        Film one = render(s, new JvmBackend(2), 3 * BLOCK_SPP, null);
        Film group = render(s, new DeviceGroup(List.of(new Slow(1, k -> k == 0), new JvmBackend(1))), 3 * BLOCK_SPP, null);
        assertSameFilm(one, group);
        int stopped = 0;
        for (int i = 0; i < one.pixels(); i++) {
            stopped += one.samples(i) < 3 * BLOCK_SPP ? 1 : 0;
        }
        assertTrue(stopped > 0, "adaptive sampling stopped some pixels early");
    }

    @Test
    void workUnitsInAnyOrderMergeToTheSingleBackendsFilm() {
        Scene s = scene();
        RenderSettings rs = s.render();
        Film one = render(s, new JvmBackend(2), SPP, null);
        List<WorkUnit> units = new ArrayList<>(WorkUnit.plan(SPP, rs.height(), 7));
        assertEquals(3 * 3, units.size(), "3 bands of at most 7 rows x 3 blocks");
        Collections.shuffle(units, new Random(5));
        SceneBuffers buf = SceneBuffers.pack(s);
        Film[][] done = new Film[rs.height()][];
        try (JvmBackend small = new JvmBackend(2)) {
            // One backend per band height, reused for every unit of that height (units reset it).
            Backend last = null;
            int lastRows = -1;
            for (WorkUnit u : units) {
                if (u.rows() != lastRows) {
                    if (last != null && last != small) {
                        last.close();
                    }
                    last = new JvmBackend(1);
                    last.prepare(buf, rs.width(), u.rows());
                    lastRows = u.rows();
                }
                Film f = u.render(s, rs, last);
                if (done[u.firstRow()] == null) {
                    done[u.firstRow()] = new Film[3];
                }
                done[u.firstRow()][u.block()] = f;
            }
            last.close();
        }
        Film merged = new Film(rs.width(), rs.height());
        for (int y = 0; y < rs.height(); y++) {
            if (done[y] != null) {
                for (Film f : done[y]) {
                    merged.merge(f, y * rs.width());
                }
            }
        }
        merged.setSpp(SPP);
        assertSameFilm(one, merged);
    }

    @Test
    void mergingBlocksOutOfOrderChangesTheSums() {
        // The guarantee needs the block order: floating-point addition is not associative.
        Scene s = scene();
        RenderSettings rs = s.render();
        List<WorkUnit> units = WorkUnit.plan(4 * BLOCK_SPP, rs.height(), rs.height());
        List<Film> blocks = new ArrayList<>();
        try (JvmBackend b = new JvmBackend(2)) {
            b.prepare(SceneBuffers.pack(s), rs.width(), rs.height());
            for (WorkUnit u : units) {
                blocks.add(u.render(s, rs, b));
            }
        }
        Film inOrder = new Film(rs.width(), rs.height());
        blocks.forEach(f -> inOrder.merge(f, 0));
        Film reversed = new Film(rs.width(), rs.height());
        for (int k = blocks.size() - 1; k >= 0; k--) {
            reversed.merge(blocks.get(k), 0);
        }
        assertArrayEquals(inOrder.stats(), reversed.stats());
        assertFalse(java.util.Arrays.equals(inOrder.accum(), reversed.accum()), "some pixel's sum depends on the order");
    }

    @Test
    void passesEndOnBlockBoundariesOnceTheyCrossOne() {
        assertEquals(1, Renderer.blockAligned(0, 1));
        assertEquals(BLOCK_SPP - 1, Renderer.blockAligned(1, BLOCK_SPP + 4));
        assertEquals(2 * BLOCK_SPP, Renderer.blockAligned(BLOCK_SPP, 2 * BLOCK_SPP + 3));
        assertEquals(3, Renderer.blockAligned(BLOCK_SPP + 2, 3));
    }
}
