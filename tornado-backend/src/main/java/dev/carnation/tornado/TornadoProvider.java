package dev.carnation.tornado;

import dev.carnation.integrator.backend.Backend;
import dev.carnation.integrator.backend.BackendException;
import dev.carnation.integrator.backend.BackendProvider;
import dev.carnation.integrator.backend.Backends;
import dev.carnation.integrator.backend.DeviceInfo;
import java.util.ArrayList;
import java.util.List;
import uk.ac.manchester.tornado.api.TornadoBackend;
import uk.ac.manchester.tornado.api.TornadoRuntime;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.TornadoDeviceType;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;

/** TornadoVM devices, with ids "tornado:BACKEND:DEVICE" in TornadoVM's own order. */
public final class TornadoProvider implements BackendProvider {
    /**
     * Work-group size for the render kernel; 0 lets TornadoVM choose. Measured on an H200
     * (docs/benchmarks.md): 32 and 64 fastest, 256 15 % slower; TornadoVM's default (1024) and 512
     * fail to launch on NVIDIA OpenCL for lack of registers. -Dcarnation.tornado.localSize=N.
     */
    public static int localSize() {
        return Integer.getInteger("carnation.tornado.localSize", 64);
    }

    @Override
    public String name() {
        return "tornado";
    }

    @Override
    public List<DeviceInfo> devices() {
        TornadoSettings.apply();
        if (KernelCache.open() != null) {
            KernelCache.startCodeFingerprint();
        }
        List<DeviceInfo> out = new ArrayList<>();
        try {
            TornadoRuntime rt = TornadoRuntimeProvider.getTornadoRuntime();
            for (int b = 0; b < rt.getNumBackends(); b++) {
                TornadoBackend backend = rt.getBackend(b);
                for (int d = 0; d < backend.getNumDevices(); d++) {
                    TornadoDevice dev = backend.getDevice(d);
                    String kind = switch (backend.getBackendType()) {
                        case PTX -> "PTX";
                        case OPENCL -> "OpenCL";
                        default -> backend.getBackendType().toString();
                    };
                    boolean gpu = dev.getDeviceType() == TornadoDeviceType.GPU;
                    out.add(new DeviceInfo("tornado:" + b + ":" + d, kind, dev.getPhysicalDevice().getDeviceName().trim(),
                            dev.getMaxGlobalMemory(), gpu, dev.getDeviceType() + ", " + dev.getDescription().trim()));
                }
            }
        } catch (RuntimeException | LinkageError e) {
            throw new BackendException("tornado: runtime failed to start: " + Backends.oneLine(e), e);
        }
        return out;
    }

    @Override
    public Backend open(DeviceInfo device, int threads) {
        String[] parts = device.id().split(":");
        return new dev.carnation.tornado.TornadoBackend(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), localSize(),
                device.id() + " (" + device.kind() + ", " + device.name() + ")");
    }
}
