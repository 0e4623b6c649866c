package dev.carnation.integrator.backend;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Discovers backends and picks one for --backend jvm|tornado|auto and --device ID. */
public final class Backends {
    public static final String TORNADO_MISSING = "TornadoVM is not available: install a TornadoVM 5.2 SDK for JDK 25, "
            + "set TORNADOVM_HOME to it and start carnation through ./carnation (see README, \"Running on a GPU\")";

    private final List<BackendProvider> providers = new ArrayList<>();

    public Backends() {
        providers.add(new JvmProvider());
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            providers.add(p);
        }
    }

    public List<BackendProvider> providers() {
        return providers;
    }

    public BackendProvider provider(String name) {
        for (BackendProvider p : providers) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** A chosen device, or a group of them (members not empty), and how to open it. */
    public record Choice(BackendProvider provider, DeviceInfo device, String reason, List<Choice> members) {
        public Choice(BackendProvider provider, DeviceInfo device, String reason) {
            this(provider, device, reason, List.of());
        }

        public Backend open(int threads) {
            if (members.isEmpty()) {
                return provider.open(device, threads);
            }
            List<Backend> opened = new ArrayList<>();
            try {
                for (Choice m : members) {
                    opened.add(m.open(threads));
                }
            } catch (RuntimeException e) {
                opened.forEach(Backend::close);
                throw e;
            }
            return new DeviceGroup(opened);
        }
    }

    /**
     * --devices: ids from `carnation devices`, "all" for every TornadoVM GPU, "jvm" for the host's
     * threads. Each device at most once.
     */
    public Choice selectGroup(List<String> ids, PrintWriter err) {
        List<Choice> members = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String raw : ids) {
            String id = raw.strip();
            if (id.equals("all")) {
                BackendProvider t = provider("tornado");
                if (t == null) {
                    throw new BackendException("--devices all: " + TORNADO_MISSING);
                }
                // Every GPU of the first TornadoVM backend that has one: a GPU is listed once per
                // backend (OpenCL and PTX), and one physical GPU must not be two members.
                List<DeviceInfo> gpus = firstBackendsGpus(t.devices());
                if (gpus.isEmpty()) {
                    throw new BackendException("--devices all: TornadoVM found no GPU (list devices with: carnation devices)");
                }
                for (DeviceInfo d : gpus) {
                    if (!seen.contains(d.id())) {
                        seen.add(d.id());
                        members.add(new Choice(t, d, "asked for all GPUs"));
                    }
                }
                continue;
            }
            if (seen.contains(id)) {
                throw new BackendException("--devices: " + id + " is listed twice");
            }
            seen.add(id);
            members.add(select("auto", id, err));
        }
        if (members.isEmpty()) {
            throw new BackendException("--devices: no device listed");
        }
        return new Choice(members.get(0).provider(), members.get(0).device(), "asked for " + String.join(", ", seen), members);
    }

    /**
     * backend: "jvm", "tornado" or "auto"; deviceId: null or an id from `carnation devices`.
     * auto prefers a GPU, then a TornadoVM CPU device, then the JVM, and says why; a TornadoVM that
     * fails to start is reported on err, never silently skipped.
     */
    public Choice select(String backend, String deviceId, PrintWriter err) {
        if (deviceId != null) {
            for (BackendProvider p : providers) {
                if (!backend.equals("auto") && !backend.equals(p.name())) {
                    continue;
                }
                List<DeviceInfo> ds = p.name().equals("jvm") ? p.devices() : devicesOrNull(p, backend.equals("auto") ? err : null);
                for (DeviceInfo d : ds == null ? List.<DeviceInfo>of() : ds) {
                    if (d.id().equals(deviceId)) {
                        return new Choice(p, d, "asked for " + deviceId);
                    }
                }
            }
            if (deviceId.startsWith("tornado") && provider("tornado") == null) {
                throw new BackendException("--device " + deviceId + ": " + TORNADO_MISSING);
            }
            throw new BackendException("--device " + deviceId + ": no such device (list them with: carnation devices)");
        }
        BackendProvider jvm = provider("jvm");
        switch (backend) {
            case "jvm":
                return new Choice(jvm, jvm.devices().get(0), "asked for the JVM backend");
            case "tornado": {
                BackendProvider t = provider("tornado");
                if (t == null) {
                    throw new BackendException("--backend tornado: " + TORNADO_MISSING);
                }
                List<DeviceInfo> ds = t.devices();
                if (ds.isEmpty()) {
                    throw new BackendException("--backend tornado: TornadoVM found no devices");
                }
                DeviceInfo best = ds.stream().filter(DeviceInfo::gpu).findFirst().orElse(ds.get(0));
                return new Choice(t, best, best.gpu() ? "first TornadoVM GPU" : "no TornadoVM GPU; first TornadoVM device");
            }
            case "auto": {
                BackendProvider t = provider("tornado");
                if (t == null) {
                    return new Choice(jvm, jvm.devices().get(0), "auto: TornadoVM not installed, using the JVM");
                }
                List<DeviceInfo> ds = devicesOrNull(t, err);
                if (ds == null || ds.isEmpty()) {
                    return new Choice(jvm, jvm.devices().get(0), "auto: TornadoVM has no usable device, using the JVM");
                }
                for (DeviceInfo d : ds) {
                    if (d.gpu()) {
                        return new Choice(t, d, "auto: picked the GPU " + d.id());
                    }
                }
                return new Choice(t, ds.get(0), "auto: no GPU; picked the TornadoVM CPU device " + ds.get(0).id());
            }
            default:
                throw new BackendException("--backend: unknown \"" + backend + "\" (expected jvm, tornado or auto)");
        }
    }

    /** GPUs whose ids ("tornado:B:D") share the backend index B of the first GPU listed. */
    static List<DeviceInfo> firstBackendsGpus(List<DeviceInfo> devices) {
        List<DeviceInfo> gpus = devices.stream().filter(DeviceInfo::gpu).toList();
        if (gpus.isEmpty()) {
            return gpus;
        }
        String prefix = backendPrefix(gpus.get(0).id());
        return gpus.stream().filter(d -> backendPrefix(d.id()).equals(prefix)).toList();
    }

    private static String backendPrefix(String id) {
        int last = id.lastIndexOf(':');
        return last < 0 ? id : id.substring(0, last + 1);
    }

    private static List<DeviceInfo> devicesOrNull(BackendProvider p, PrintWriter warn) {
        try {
            return p.devices();
        } catch (RuntimeException | LinkageError e) {
            if (warn != null) {
                warn.println("warning: backend " + p.name() + " failed to start: " + oneLine(e));
            }
            return null;
        }
    }

    public static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + root.getMessage();
        if (root != e && e.getMessage() != null && e instanceof BackendException) {
            m = e.getMessage() + " (" + m + ")";
        }
        return m.lines().findFirst().orElse(m).replaceAll("\u001B\\[[;\\d]*m", "");
    }
}
