package dev.carnation.integrator.backend;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.integrator.film.Film;
import dev.carnation.scene.SceneBuffers;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Several backends rendering one image: a pass is cut into sample blocks (Layout.BLOCK_SPP), each
 * block is rendered whole on whichever member is free (dynamic load balancing), into fresh closed
 * sums (Layout.FI_RESET), and the blocks are merged on the host in block order ({@link Film#merge}).
 * The merged sums are therefore the ones a single backend computes, bit for bit, whatever the
 * members, their speeds and the order blocks finish in (given members that agree bit for bit, as
 * the JVM and TornadoVM devices do: docs/scale-out.md).
 *
 * <p>A block that a pass starts in the middle of (after a first pass of one sample, or a resume)
 * continues on the member holding its open sums: the one that rendered its beginning.
 */
public final class DeviceGroup implements Backend {
    private final List<Backend> members;
    private final ExecutorService pool;
    private final long[] blocksRendered;
    private final long[] samplesRendered;
    private final long[] renderNanos;
    private final long[] readNanos;
    private long mergeNanos;
    private Film film;
    /** The member whose device holds the open blocks (the last one to end a pass mid-block). */
    private int owner;

    public DeviceGroup(List<Backend> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a device group needs at least one member");
        }
        this.members = List.copyOf(members);
        this.blocksRendered = new long[members.size()];
        this.samplesRendered = new long[members.size()];
        this.renderNanos = new long[members.size()];
        this.readNanos = new long[members.size()];
        this.pool = Executors.newFixedThreadPool(members.size(), r -> {
            Thread t = new Thread(r, "carnation-group");
            t.setDaemon(true);
            return t;
        });
    }

    public List<Backend> members() {
        return members;
    }

    /** Blocks (or pieces of blocks) each member has rendered so far, in member order. */
    public long[] blocksRendered() {
        return blocksRendered.clone();
    }

    @Override
    public String name() {
        StringBuilder b = new StringBuilder("group of ").append(members.size()).append(": ");
        for (int i = 0; i < members.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(members.get(i).name());
        }
        return b.toString();
    }

    /** Members compile their kernels at the same time: each device's JIT is its own. */
    @Override
    public void prepare(SceneBuffers scene, int width, int height) {
        film = new Film(width, height);
        owner = 0;
        List<Future<?>> fs = new ArrayList<>();
        for (Backend m : members) {
            fs.add(pool.submit(() -> m.prepare(scene, width, height)));
        }
        waitAll(fs);
    }

    @Override
    public int preferredPassSamples() {
        return 2 * members.size() * BLOCK_SPP;
    }

    @Override
    public void renderPass(int[] frameI, float[] frameF, int[] active) {
        int start = frameI[FI_SAMPLE_START];
        int end = start + frameI[FI_SAMPLE_COUNT];
        List<int[]> segments = new ArrayList<>();
        for (int a = start; a < end; ) {
            int b = Math.min(end, (a / BLOCK_SPP + 1) * BLOCK_SPP);
            segments.add(new int[] {a, b});
            a = b;
        }
        if (segments.isEmpty()) {
            return;
        }
        Pass pass = new Pass(frameI, frameF, active, segments, start % BLOCK_SPP != 0);
        List<Future<?>> fs = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            int member = m;
            fs.add(pool.submit(() -> pass.work(member)));
        }
        // This thread merges, in block order, while the members render the next blocks.
        pass.mergeAll();
        waitAll(fs);
        if (end % BLOCK_SPP != 0) {
            owner = pass.lastMember;
        }
    }

    /** One pass: its segments (block pieces), who takes which, and the in-order merge. */
    private final class Pass {
        private final int[] frameI;
        private final float[] frameF;
        private final int[] active;
        private final List<int[]> segments;
        private final boolean continuation;
        /** At most this many segments rendered but not merged: bounds the memory of held results. */
        private final int window = 2 * members.size();
        private final Film[] results;
        private final ArrayDeque<Film> spare = new ArrayDeque<>();
        private int next;
        private int merged;
        private int lastMember;
        private boolean aborted;

        Pass(int[] frameI, float[] frameF, int[] active, List<int[]> segments, boolean continuation) {
            this.frameI = frameI;
            this.frameF = frameF;
            this.active = active;
            this.segments = segments;
            this.continuation = continuation;
            this.results = new Film[segments.size()];
            // Segment 0 of a pass that starts mid-block belongs to the owner; the others take from 1.
            this.next = continuation ? 1 : 0;
        }

        void work(int member) {
            try {
                loop(member);
            } catch (RuntimeException | Error e) {
                abort();
                throw e;
            }
        }

        private void loop(int member) {
            Backend b = members.get(member);
            int[] fi = frameI.clone();
            fi[FI_RESET] = RESET_CLOSED;
            boolean mine = continuation && member == owner;
            while (true) {
                int seg;
                Film out;
                synchronized (this) {
                    if (mine) {
                        seg = 0;
                        mine = false;
                    } else {
                        while (!aborted && next < segments.size() && next >= merged + window) {
                            waitQuietly();
                        }
                        if (aborted || next >= segments.size()) {
                            return;
                        }
                        seg = next++;
                    }
                    out = spare.isEmpty() ? new Film(film.width(), film.height()) : spare.pop();
                }
                int[] s = segments.get(seg);
                fi[FI_SAMPLE_START] = s[0];
                fi[FI_SAMPLE_COUNT] = s[1] - s[0];
                long t0 = System.nanoTime();
                b.renderPass(fi, frameF, active);
                long t1 = System.nanoTime();
                b.read(out.accum(), out.aov(), out.stats());
                long t2 = System.nanoTime();
                synchronized (this) {
                    renderNanos[member] += t1 - t0;
                    readNanos[member] += t2 - t1;
                    blocksRendered[member]++;
                    samplesRendered[member] += s[1] - s[0];
                    results[seg] = out;
                    if (seg == segments.size() - 1) {
                        lastMember = member;
                    }
                    notifyAll();
                }
            }
        }

        /** Merges every segment in order as it arrives; returns early when a member failed. */
        void mergeAll() {
            for (int k = 0; k < results.length; k++) {
                Film r;
                synchronized (this) {
                    while (!aborted && results[k] == null) {
                        waitQuietly();
                    }
                    if (aborted) {
                        return;
                    }
                    r = results[k];
                }
                long t0 = System.nanoTime();
                film.mergeParallel(r);
                mergeNanos += System.nanoTime() - t0;
                synchronized (this) {
                    results[k] = null;
                    spare.push(r);
                    merged = k + 1;
                    notifyAll();
                }
            }
        }

        synchronized void abort() {
            aborted = true;
            notifyAll();
        }

        private void waitQuietly() {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("render interrupted", e);
            }
        }
    }

    /** Where the members' time went: rendering, reading blocks back, and the host's merges. */
    public String timeReport() {
        StringBuilder b = new StringBuilder();
        for (int m = 0; m < members.size(); m++) {
            b.append(String.format("member %d: %d block pieces, render %.2f s, read %.2f s; ", m, blocksRendered[m],
                    renderNanos[m] / 1e9, readNanos[m] / 1e9));
        }
        return b.append(String.format("merge %.2f s", mergeNanos / 1e9)).toString();
    }

    /**
     * Resuming: the film's sums go to the group, its open blocks to member 0, which continues them.
     */
    @Override
    public void restore(double[] accum, float[] aov, int[] stats) {
        System.arraycopy(accum, 0, film.accum(), 0, accum.length);
        System.arraycopy(aov, 0, film.aov(), 0, aov.length);
        System.arraycopy(stats, 0, film.stats(), 0, stats.length);
        members.get(0).restore(accum, aov, stats);
        owner = 0;
    }

    @Override
    public void read(double[] accum, float[] aov, int[] stats) {
        System.arraycopy(film.accum(), 0, accum, 0, accum.length);
        System.arraycopy(film.aov(), 0, aov, 0, aov.length);
        System.arraycopy(film.stats(), 0, stats, 0, stats.length);
    }

    /** Device time summed over members (-1 when a member cannot tell). */
    @Override
    public long kernelNanos() {
        long sum = 0;
        for (Backend m : members) {
            long k = m.kernelNanos();
            if (k < 0) {
                return -1;
            }
            sum += k;
        }
        return sum;
    }

    /** Samples per pixel each member has rendered, in member order: how the load was shared. */
    public long[] samplesRendered() {
        return Arrays.copyOf(samplesRendered, samplesRendered.length);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        RuntimeException first = null;
        for (Backend m : members) {
            try {
                m.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void waitAll(List<Future<?>> fs) {
        Futures.awaitAll(fs, c -> c instanceof RuntimeException r ? r : new BackendException("device group: " + c, c));
    }
}
