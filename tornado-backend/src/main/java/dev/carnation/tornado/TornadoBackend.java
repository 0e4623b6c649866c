package dev.carnation.tornado;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.integrator.backend.ActiveMask;
import dev.carnation.integrator.backend.Backend;
import dev.carnation.integrator.backend.BackendException;
import dev.carnation.integrator.backend.Backends;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.Timings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import uk.ac.manchester.tornado.api.AccessorParameters;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.ImmutableTaskGraph;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.WorkerGrid1D;
import uk.ac.manchester.tornado.api.common.Access;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.enums.ProfilerMode;

/**
 * Runs {@link TornadoKernels#render} on a TornadoVM device. Scene buffers go to the device once,
 * the frame parameters every pass; the film stays on the device and comes back only when read.
 */
public final class TornadoBackend implements Backend {
    private final int backendIndex;
    private final int deviceIndex;
    private final int localSize;
    private TornadoDevice device;
    private TornadoExecutionPlan plan;
    private TornadoExecutionResult last;
    private String kernelOrigin = "none";
    private final int[] frameI = new int[FRAME_I_SIZE];
    private final float[] frameF = new float[FRAME_F_SIZE];
    private double[] accum;
    private float[] aov;
    private int[] stats;
    private int[] active;

    private final String label;
    private final boolean profile = Boolean.getBoolean("carnation.tornado.profile");
    private long kernelNanos;
    private long samplesDispatched;
    private long raysRestored;
    private int pixels;
    private boolean failed;

    /** localSize 0 leaves the work-group size to TornadoVM; label names the device in messages. */
    public TornadoBackend(int backendIndex, int deviceIndex, int localSize, String label) {
        TornadoSettings.apply();
        TornadoSettings.exactMath();
        this.backendIndex = backendIndex;
        this.deviceIndex = deviceIndex;
        this.localSize = localSize;
        this.label = label;
    }

    @Override
    public String name() {
        return label;
    }

    private BackendException fail(String what, Throwable e) {
        return new BackendException("backend tornado, device " + label + ": " + what + ": " + Backends.oneLine(e), e);
    }

    @Override
    public void prepare(SceneBuffers scene, int width, int height) {
        try {
            build(scene, width, height);
        } catch (RuntimeException | LinkageError e) {
            throw fail("cannot set up the task graph", e);
        }
    }

    private void build(SceneBuffers scene, int width, int height) {
        pixels = width * height;
        samplesDispatched = 0;
        raysRestored = 0;
        accum = new double[pixels * ACC_STRIDE];
        aov = new float[pixels * AOV_STRIDE];
        stats = new int[pixels * STAT_STRIDE];
        active = new int[pixels];
        device = TornadoExecutionPlan.getDevice(backendIndex, deviceIndex);
        boolean ptx = device.getTornadoVMBackend() == TornadoVMBackendType.PTX;
        String ext = ptx ? ".ptx" : ".cl";
        KernelCache cache = KernelCache.open();
        String key = null;
        if (cache != null) {
            try (Timings.Phase t = Timings.phase("kernel cache key")) {
                key = KernelCache.key(describe(device), localSize);
            }
            Path cached = cache.lookup(key, ext, TornadoBackend::warn);
            if (cached != null) {
                try (Timings.Phase t = Timings.phase("kernel load")) {
                    loadPrebuilt(scene, cached, ptx, cache.dir());
                    kernelOrigin = "cache hit " + cached;
                    Timings.note("kernel", "loaded from the cache (" + cached.getFileName() + ")");
                    return;
                } catch (IOException | RuntimeException | LinkageError e) {
                    warn("the cached kernel " + cached + " did not load (" + Backends.oneLine(e) + "); compiling it again");
                    cache.remove(key, ext);
                    close();
                }
            }
        }
        Path capture = TornadoSettings.captureFile();
        if (capture != null) {
            try {
                Files.createDirectories(capture.getParent());
            } catch (IOException e) {
                warn("kernel capture " + capture.getParent() + ": " + e.getMessage() + "; the kernel is not cached");
                capture = null;
            }
        }
        // Compiling includes building the task graph: TornadoVM's sketcher parses and inlines the
        // kernel's Java (the first half of Graal's work) as the task is added.
        try (Timings.Phase t = Timings.phase("kernel compile")) {
            plan = plan(scene, null);
            if (capture != null) {
                deleteQuietly(capture);
                plan.withPrintKernel();
            }
            plan.withPreCompilation();
            if (capture != null) {
                plan.withoutPrintKernel();
            }
        }
        kernelOrigin = "compiled";
        Timings.note("kernel", cache == null ? "compiled (kernel cache off)" : "compiled");
        if (capture == null) {
            warn("TornadoVM's generated kernel was not captured (tornado.printKernel or tornado.print.kernel.dir set by the user): "
                    + "it runs as generated, with arithmetic that may round differently from the JVM on NVIDIA devices");
            return;
        }
        boolean exact = TornadoSettings.exactMath();
        if (!exact) {
            // TornadoVM's own arithmetic: the compiled plan runs; its source is cached as printed.
            try {
                if (cache != null) {
                    cache.store(key, ext, KernelSource.fromPrinted(Files.readAllBytes(capture), ptx, false), describe(device));
                    kernelOrigin = "compiled, cached as " + cache.dir().resolve(key + ext);
                    Timings.note("kernel", "compiled, cached (" + key + ext + ")");
                }
            } catch (IOException | IllegalArgumentException e) {
                warn("kernel not cached: " + e.getMessage());
            } finally {
                discardCapture(capture, cache);
            }
            return;
        }
        // TornadoVM's generated code rounds differently from Java on NVIDIA devices
        // (KernelSource.fromPrinted): what runs is the corrected source, loaded as a prebuilt task,
        // also the first time, so that a cold start gives the same image as a warm one.
        try (Timings.Phase t = Timings.phase("kernel reload")) {
            byte[] source = KernelSource.fromPrinted(Files.readAllBytes(capture), ptx, true);
            Path load;
            if (cache != null) {
                cache.store(key, ext, source, describe(device));
                load = cache.dir().resolve(key + ext);
                kernelOrigin = "compiled, cached as " + load;
                Timings.note("kernel", "compiled, cached (" + key + ext + ")");
            } else {
                load = capture.resolveSibling(capture.getFileName() + ".kernel" + ext);
                Files.write(load, source);
            }
            close();
            loadPrebuilt(scene, load, ptx, capture.getParent());
            if (cache == null) {
                deleteQuietly(load);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw fail("cannot load the corrected kernel source", e);
        } finally {
            discardCapture(capture, cache);
        }
    }

    /** The printer's file, and without a cache the temporary folder that held it. */
    private static void discardCapture(Path capture, KernelCache cache) {
        deleteQuietly(capture);
        if (cache == null) {
            deleteQuietly(capture.getParent());
        }
    }

    /** Builds the plan from a kernel source file (OpenCL, or PTX with its entry named for these arguments). */
    private void loadPrebuilt(SceneBuffers scene, Path source, boolean ptx, Path scratch) throws IOException {
        Path load = source;
        try {
            if (ptx) {
                // The entry's name follows this scene's argument sizes (KernelSource.ptxEntryName).
                load = scratch.resolve(".load-" + ProcessHandle.current().pid() + ".ptx");
                Files.write(load, KernelSource.ptxForLoad(Files.readAllBytes(source),
                        KernelSource.ptxEntryName(PREBUILT_GRAPH + ".render", "render", args(scene))));
            }
            plan = plan(scene, load);
            plan.withPreCompilation();
        } finally {
            if (load != source) {
                deleteQuietly(load);
            }
        }
    }

    static final String PREBUILT_GRAPH = "carnationsrc";

    /** The task graph and plan: the kernel compiled from Java, or the cached source as a prebuilt task. */
    private TornadoExecutionPlan plan(SceneBuffers scene, Path prebuilt) {
        // The active flags change between passes under adaptive sampling: they travel with every execution.
        // A prebuilt plan has a graph name of its own: TornadoVM keeps compiled code per task name, and
        // the corrected source must not be taken for the code it compiled from Java in this process.
        String graph = prebuilt == null ? "carnation" : PREBUILT_GRAPH;
        TaskGraph tg = new TaskGraph(graph)
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, scene.sceneI(), scene.sceneF(), scene.texels(),
                        accum, aov, stats)
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, frameI, frameF, active);
        if (prebuilt == null) {
            tg.task("render", TornadoKernels::render, pixels, scene.sceneI(), scene.sceneF(), scene.texels(),
                    frameI, frameF, accum, aov, stats, active);
        } else {
            // Same task name, arguments and accesses as the compiled task, so TornadoVM binds them
            // the same way (and PTX derives the same entry name from them).
            Object[] args = args(scene);
            AccessorParameters ap = new AccessorParameters(args.length);
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                ap.set(i, a, a == accum || a == aov || a == stats ? Access.READ_WRITE : Access.READ_ONLY);
            }
            tg.prebuiltTask("render", "render", prebuilt.toString(), ap);
        }
        tg.transferToHost(DataTransferMode.UNDER_DEMAND, accum, aov, stats);
        ImmutableTaskGraph itg = tg.snapshot();
        TornadoExecutionPlan p = new TornadoExecutionPlan(itg);
        p.withDevice(device);
        if (profile) {
            p.withProfiler(ProfilerMode.SILENT);
        }
        // A prebuilt task always needs a grid (else TornadoVM launches one thread).
        WorkerGrid1D grid = new WorkerGrid1D(pixels);
        if (localSize > 0) {
            grid.setLocalWork(localSize, 1, 1);
        } else if (prebuilt != null) {
            grid.setLocalWorkToNull();
        }
        if (localSize > 0 || prebuilt != null) {
            p.withGridScheduler(new GridScheduler(graph + ".render", grid));
        }
        return p;
    }

    /** The render task's arguments, in order. */
    private Object[] args(SceneBuffers scene) {
        return new Object[] {pixels, scene.sceneI(), scene.sceneF(), scene.texels(), frameI, frameF, accum, aov, stats, active};
    }

    /** What identifies the device's code: backend, names, platform, driver. */
    static String describe(TornadoDevice d) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.getTornadoVMBackend()).append(" | ").append(d.getDeviceName()).append(" | ").append(d.getPlatformName())
                .append(" | ").append(d.getDescription());
        try {
            sb.append(" | ").append(d.getPhysicalDevice().getDeviceName()).append(" | ").append(d.getPhysicalDevice().getDeviceInfo());
        } catch (RuntimeException | LinkageError e) {
            sb.append(" | ?");
        }
        // Driver and target facts where the backend has them (PTX: the ISA version and architecture
        // that its header names); read by name so that a backend without one still gives a key.
        Object phys = null;
        try {
            phys = d.getPhysicalDevice();
        } catch (RuntimeException | LinkageError ignored) {
            // none
        }
        for (String m : new String[] {"getDriverVersion", "getDeviceVersion", "getTargetPTXVersion", "getTargetArchitecture",
            "getComputeCapability"}) {
            try {
                Object v = phys == null ? null : phys.getClass().getMethod(m).invoke(phys);
                if (v != null) {
                    sb.append(" | ").append(m).append('=').append(v);
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError ignored) {
                // not on this backend, or not accessible
            }
        }
        try {
            sb.append(" | ").append(d.getDeviceOpenCLCVersion());
        } catch (RuntimeException | LinkageError e) {
            sb.append(" | -");
        }
        // Without handles (id=0x...) that change from run to run.
        return sb.toString().replaceAll("id=0x[0-9a-fA-F]+,? ?", "").replaceAll("\\s+", " ").trim();
    }

    /** How the kernel came to be: "compiled", "compiled, cached as ...", "cache hit ...". */
    public String kernelOrigin() {
        return kernelOrigin;
    }

    private static void warn(String message) {
        System.err.println("warning: " + message);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a stale capture file is overwritten (appended after a delete) next time
        }
    }

    @Override
    public void renderPass(int[] fi, float[] ff, int[] mask) {
        int live = ActiveMask.copy(mask, active);
        System.arraycopy(fi, 0, frameI, 0, FRAME_I_SIZE);
        System.arraycopy(ff, 0, frameF, 0, FRAME_F_SIZE);
        try {
            last = plan.execute();
            if (fi[FI_RESET] != RESET_NONE) {
                // The pass zeroed the film's stats: the ray check starts again from this pass.
                samplesDispatched = 0;
                raysRestored = 0;
            }
            samplesDispatched += (long) live * fi[FI_SAMPLE_COUNT];
            if (profile) {
                kernelNanos += last.getProfilerResult().getDeviceKernelTime();
            }
        } catch (RuntimeException | LinkageError e) {
            failed = true;
            throw fail("kernel failed", e);
        }
    }

    /**
     * The film goes to the device with the first execution (DataTransferMode.FIRST_EXECUTION), so
     * filling the host arrays before it is enough.
     */
    @Override
    public void restore(double[] a, float[] o, int[] s) {
        if (last != null) {
            throw new IllegalStateException("restore after the first pass");
        }
        System.arraycopy(a, 0, accum, 0, accum.length);
        System.arraycopy(o, 0, aov, 0, aov.length);
        System.arraycopy(s, 0, stats, 0, stats.length);
        raysRestored = rays();
    }

    @Override
    public void read(double[] a, float[] o, int[] s) {
        if (last != null) {
            try {
                last.transferToHost(accum, aov, stats);
            } catch (RuntimeException | LinkageError e) {
                failed = true;
                throw fail("cannot copy the film back", e);
            }
        }
        verifyRan();
        System.arraycopy(accum, 0, a, 0, accum.length);
        System.arraycopy(aov, 0, o, 0, aov.length);
        System.arraycopy(stats, 0, s, 0, stats.length);
    }

    /**
     * TornadoVM 5.2 reports some launch failures (CL_OUT_OF_RESOURCES, too many registers for the
     * work-group size) only as printed messages and returns normally. Every sample traces at least
     * its camera ray, so a film with fewer rays than samples means kernels did not run.
     */
    private void verifyRan() {
        long rays = rays() - raysRestored;
        if (rays < samplesDispatched) {
            failed = true;
            throw new BackendException("backend tornado, device " + label + ": kernel launch failed: the film holds "
                    + rays + " rays for " + samplesDispatched + " samples (work-group size " + (localSize == 0 ? "TornadoVM's default" : localSize)
                    + "; see TornadoVM's messages above; try -Dcarnation.tornado.localSize=64)");
        }
    }

    private long rays() {
        long rays = 0;
        for (int i = 0; i < pixels; i++) {
            rays += stats[i * STAT_STRIDE] & 0xffffffffL;
        }
        return rays;
    }

    @Override
    public long kernelNanos() {
        return profile ? kernelNanos : -1;
    }

    @Override
    public void close() {
        // After a failed launch the CUDA context is unusable, and TornadoVM 5.2's PTX backend crashes
        // the JVM (SIGSEGV in cuEventDestroy) when it frees the plan's memory: leave it to exit.
        if (plan != null && !failed) {
            try {
                plan.freeDeviceMemory();
            } catch (RuntimeException ignored) {
                // best effort at shutdown
            }
        }
    }
}
