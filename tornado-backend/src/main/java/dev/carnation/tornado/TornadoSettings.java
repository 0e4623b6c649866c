package dev.carnation.tornado;

/**
 * TornadoVM options carnation needs, set unless the user already gave them. They must be in
 * place before the TornadoVM runtime starts; the launcher passes them on the command line too.
 *
 * <ul>
 *   <li>a bailout (kernel TornadoVM cannot compile) is an error, never a silent JVM run;</li>
 *   <li>full inlining, which the path tracer's depth of static calls needs;</li>
 *   <li>no fma contraction, no fast-math flags or rewrites: results stay equal to plain Java.</li>
 * </ul>
 */
public final class TornadoSettings {
    private TornadoSettings() {}

    public static final String[][] DEFAULTS = {
        {"tornado.recover.bailout", "False"},
        {"tornado.compiler.fullInlining", "True"},
        {"tornado.enable.fma", "False"},
        {"tornado.enable.fastMathOptimizations", "False"},
        // OpenCL lets float division and sqrt be off by up to 2.5 ulp unless asked for IEEE rounding.
        {"tornado.opencl.compiler.flags", "-w -cl-fp32-correctly-rounded-divide-sqrt"},
        // The sketcher builds callees' sketches on a fixed pool whose threads wait for each other:
        // a call chain deeper than the pool (default 4) deadlocks (docs/tornadovm-notes.md).
        {"tornado.sketcher.threads", "16"},
        // Graal stops inlining after exploring 1,000 methods per compilation and leaves the rest as
        // device functions, which cannot take private arrays. Read from the command line only (JVMCI
        // snapshots properties at start-up): listed here so every launcher copies it.
        {"jdk.graal.MethodInlineBailoutLimit", "100000"},
        // Graal fully unrolls a loop only while the graph stays under MaximumDesiredSize nodes
        // (default 20,000); the inlined path loop is larger, and its per-channel loops would index
        // the private path state with a variable (docs/tornadovm-notes.md, item 12). Command line only too.
        {"jdk.graal.MaximumDesiredSize", "200000"},
    };

    /**
     * carnation.tornado.math: "exact" (default) runs the kernel source corrected to round like Java
     * (KernelSource); "native" runs TornadoVM's code as generated, which NVIDIA's compilers may round
     * differently (faster: measured in docs/benchmarks.md).
     */
    public static boolean exactMath() {
        String m = System.getProperty("carnation.tornado.math", "exact");
        if (!m.equals("exact") && !m.equals("native")) {
            throw new dev.carnation.integrator.backend.BackendException(
                    "carnation.tornado.math: must be exact or native, got \"" + m + "\"");
        }
        return m.equals("exact");
    }

    /** The file TornadoVM's kernel printer writes to, when carnation set it (see {@link #captureFile()}). */
    private static java.nio.file.Path capture;

    public static synchronized void apply() {
        for (String[] kv : DEFAULTS) {
            if (System.getProperty(kv[0]) == null) {
                System.setProperty(kv[0], kv[1]);
            }
        }
        // The kernel cache reads the generated kernel from TornadoVM's kernel printer, which writes to
        // tornado.print.kernel.dir (a file; read once, when TornadoVM starts, so it is set here, before
        // the runtime). Only plans that ask for printing write to it: carnation's, on a cache miss.
        if (capture == null && System.getProperty("tornado.print.kernel.dir") == null
                && !Boolean.parseBoolean(System.getProperty("tornado.printKernel", "false"))) {
            // Without a cache the kernel is still captured (into a folder of its own under the
            // temporary directory), since what runs is the corrected source (KernelSource).
            KernelCache cache = KernelCache.open();
            java.nio.file.Path dir = cache != null ? cache.dir()
                    : java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "carnation-kernel-" + ProcessHandle.current().pid());
            java.nio.file.Path file = KernelCache.captureFile(dir);
            System.setProperty("tornado.print.kernel.dir", file.toString());
            capture = file;
        }
    }

    /**
     * Where TornadoVM prints kernels in this process, or null when carnation did not choose it
     * (the user set tornado.print.kernel.dir or tornado.printKernel): then no kernel is captured,
     * and TornadoVM's generated source runs as it is.
     */
    static synchronized java.nio.file.Path captureFile() {
        return capture != null && capture.toString().equals(System.getProperty("tornado.print.kernel.dir")) ? capture : null;
    }
}
