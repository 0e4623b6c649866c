package dev.carnation.cli;

import dev.carnation.integrator.backend.Backends;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** --backend, --device, --devices and --threads, shared by render and parity. */
final class BackendOptions {
    @Option(names = "--backend", paramLabel = "jvm|tornado|auto",
            description = "Where kernels run (default: jvm, or the backend of --device). auto: a GPU, else a TornadoVM CPU device, else the JVM.")
    String backend;

    @Option(names = "--device", paramLabel = "ID", description = "A device id from 'carnation devices' (e.g. tornado:1:0).")
    String device;

    @Option(names = "--devices", paramLabel = "ID,...", split = ",",
            description = "Render on several devices at once, block by block, with the same image as one device: "
                    + "ids from 'carnation devices', all (every TornadoVM GPU), jvm (the host's threads).")
    java.util.List<String> devices;

    @Option(names = "--threads", paramLabel = "N", description = "JVM backend threads (default: all cores).")
    Integer threads;

    int threads() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    Backends.Choice choose(PrintWriter err) {
        if (threads != null && (threads < 1 || threads > 4096)) {
            throw new dev.carnation.scene.SceneException("--threads: must be in [1, 4096], got " + threads);
        }
        if (devices != null) {
            if (device != null || backend != null) {
                throw new dev.carnation.scene.SceneException("--devices: use it without --device and --backend");
            }
            return new Backends().selectGroup(devices, err);
        }
        // A device names its backend: --device tornado:1:0 alone must not be looked up among the JVM's.
        String b = backend != null ? backend : device != null ? "auto" : "jvm";
        return new Backends().select(b, device, err);
    }
}
