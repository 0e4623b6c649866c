package dev.carnation.spark;

import dev.carnation.integrator.WorkUnit;
import dev.carnation.integrator.film.Film;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The driver's film, built from units as they come back in whatever order tasks finish: each
 * band's units are merged in block order (floating-point sums depend on it), so a unit that
 * arrives before an earlier block of its band waits here until that block has been merged. Only
 * such units are held; Spark starts tasks in plan order, so few ever wait.
 */
final class BlockMerger {
    private final Film film;
    private final int spp;
    private final Map<Integer, Band> bands = new HashMap<>();
    private int merged;
    private int waiting;
    private int peakWaiting;
    private final int total;

    private static final class Band {
        int next; // the block to merge next
        final int blocks;
        final TreeMap<Integer, UnitResult> early = new TreeMap<>();

        Band(int blocks) {
            this.blocks = blocks;
        }
    }

    BlockMerger(int width, int height, int spp, List<WorkUnit> plan) {
        this.film = new Film(width, height);
        this.spp = spp;
        this.total = plan.size();
        Map<Integer, Integer> blocks = new HashMap<>();
        for (WorkUnit u : plan) {
            blocks.merge(u.firstRow(), 1, Integer::sum);
        }
        blocks.forEach((row, n) -> bands.put(row, new Band(n)));
    }

    /** Takes a unit's result; returns how many units have been merged into the film so far. */
    synchronized int accept(UnitResult r) {
        WorkUnit u = r.unit();
        Band band = bands.get(u.firstRow());
        if (band == null || u.block() >= band.blocks || u.block() < band.next || band.early.containsKey(u.block())) {
            throw new IllegalStateException("unexpected or repeated unit " + u);
        }
        band.early.put(u.block(), r);
        waiting++;
        for (UnitResult next; (next = band.early.remove(band.next)) != null; band.next++) {
            WorkUnit nu = next.unit();
            film.merge(next.accum(), next.aov(), next.stats(), nu.firstPixel(film.width()), nu.rows() * film.width());
            waiting--;
            merged++;
        }
        peakWaiting = Math.max(peakWaiting, waiting);
        return merged;
    }

    synchronized boolean complete() {
        return merged == total;
    }

    /** The most results held at once waiting for an earlier block (memory held beyond the film). */
    synchronized int peakWaiting() {
        return peakWaiting;
    }

    /** The finished film; every unit must have been merged. */
    synchronized Film film() {
        if (!complete()) {
            throw new IllegalStateException("merged " + merged + " of " + total + " units");
        }
        film.setSpp(spp);
        return film;
    }
}
