package dev.carnation.spark;

import dev.carnation.integrator.Renderer;
import dev.carnation.integrator.WorkUnit;
import dev.carnation.integrator.backend.Backend;
import dev.carnation.integrator.backend.Backends;
import dev.carnation.integrator.backend.JvmBackend;
import dev.carnation.integrator.film.Film;
import dev.carnation.integrator.output.Checkpoint;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.SceneException;
import dev.carnation.scene.SceneLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;

/**
 * The executor's side of a render. A task only renders: the scene is loaded, packed and checked
 * once per executor JVM and job (tasks of one executor share it), and backends are kept between
 * tasks, one per unit height in use, since every unit resets the backend it renders on.
 */
final class ExecutorSide {
    private ExecutorSide() {}

    /** The job whose scene this JVM holds; loaded under the lock so that concurrent tasks load it once. */
    private static Prepared current;

    /** Renders one unit on this executor and returns its film's arrays. */
    static UnitResult render(RenderJob job, IndexedUnit iu, TaskContext ctx) {
        long t0 = System.nanoTime();
        WorkUnit unit = iu.unit();
        Prepared p = prepared(job);
        Backend backend = p.borrow(unit.rows());
        Film film;
        try {
            film = unit.render(p.frameI, p.frameF, p.rs.width(), backend);
        } catch (RuntimeException | Error e) {
            backend.close(); // its state is unknown: the next task starts a fresh one
            throw e;
        }
        p.giveBack(unit.rows(), backend);
        int attempt = ctx == null ? 0 : ctx.attemptNumber();
        if (job.failOnce() == iu.index() && attempt == 0) {
            // After the render, as when an executor is lost with its result: Spark must run it again.
            throw new IllegalStateException("spark.carnation.test.failOnce: unit " + iu.index() + " fails on its first attempt");
        }
        return new UnitResult(iu.index(), unit, film.accum(), film.aov(), film.stats(), attempt, executorName(),
                (System.nanoTime() - t0) / 1e9);
    }

    /** Closes what this JVM holds (tests, which run many jobs in one JVM). */
    static synchronized void release() {
        if (current != null) {
            current.retire();
            current = null;
        }
    }

    private static synchronized Prepared prepared(RenderJob job) {
        if (current != null && current.job.equals(job)) {
            return current;
        }
        release(); // an executor renders one job at a time: drop the last one's scene and backends
        current = new Prepared(job);
        return current;
    }

    private static String executorName() {
        SparkEnv env = SparkEnv.get();
        String id = env == null ? "?" : env.executorId();
        try {
            return id + "@" + java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return id;
        }
    }

    /**
     * Where this executor reads the scene: the copy shipped with --files if there is one, else the
     * driver's path, which must then be on storage every node mounts at the same place.
     */
    static Path sceneFile(RenderJob job) {
        if (job.shippedName() != null) {
            Path shipped = Path.of(SparkFiles.get(job.shippedName()));
            if (Files.isRegularFile(shipped)) {
                return shipped;
            }
        }
        Path p = Path.of(job.scenePath());
        if (!Files.isRegularFile(p)) {
            throw new SceneException(p + ": scene file not found on executor " + executorName()
                    + " (ship it with spark-submit --files or put it on shared storage)");
        }
        return p;
    }

    /** A job's scene as this executor loaded it, with its idle backends. */
    private static final class Prepared {
        final RenderJob job;
        final SceneBuffers buffers;
        final RenderSettings rs;
        final int[] frameI;
        final float[] frameF;
        private final Map<Integer, Deque<Backend>> idle = new HashMap<>();
        private boolean retired;

        Prepared(RenderJob job) {
            this.job = job;
            Path file = sceneFile(job);
            Path root = job.assetRoot() == null ? null : Path.of(job.assetRoot());
            Scene scene = SceneLoader.load(file, root != null && Files.isDirectory(root) ? root : null);
            this.buffers = SceneBuffers.pack(scene);
            this.rs = job.settings(scene.render());
            this.frameI = Renderer.frameInts(rs);
            this.frameF = Renderer.frameFloats(scene, rs, Renderer.DEFAULT_RAY_EPS);
            Checkpoint.Identity id = Checkpoint.Identity.of(file.getFileName().toString(), buffers, rs, frameF);
            if (!id.sceneHash().equals(job.sceneHash()) || !id.frameHash().equals(job.frameHash())) {
                // Other geometry, textures or camera would add samples of another image to this one.
                throw new SceneException(file + ": the scene executor " + executorName() + " loaded differs from the driver's ("
                        + (id.sceneHash().equals(job.sceneHash()) ? "camera" : "geometry, materials, textures or lights")
                        + "); every node must read the same scene and assets");
            }
        }

        synchronized Backend borrow(int rows) {
            Backend b = idle.computeIfAbsent(rows, r -> new ArrayDeque<>()).poll();
            if (b != null) {
                return b;
            }
            b = open();
            b.prepare(buffers, rs.width(), rows);
            return b;
        }

        synchronized void giveBack(int rows, Backend b) {
            if (retired) {
                b.close();
            } else {
                idle.computeIfAbsent(rows, r -> new ArrayDeque<>()).push(b);
            }
        }

        synchronized void retire() {
            retired = true;
            idle.values().forEach(q -> q.forEach(Backend::close));
            idle.clear();
        }

        private Backend open() {
            String d = job.device();
            if (d == null || d.equals("jvm")) {
                return new JvmBackend(job.threads());
            }
            // A TornadoVM device where this executor has one: its backend must be on the executor's
            // class path (the tornado-backend jar) and the executor must run on TornadoVM's JDK.
            StringWriter notes = new StringWriter();
            boolean named = d.equals("auto") || d.equals("tornado");
            Backends.Choice choice = new Backends().select(named ? d : "auto", named ? null : d, new PrintWriter(notes, true));
            return choice.open(job.threads());
        }
    }
}
