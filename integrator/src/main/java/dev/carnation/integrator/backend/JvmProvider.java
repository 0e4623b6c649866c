package dev.carnation.integrator.backend;

import java.util.List;

/** The plain-Java backend: always available. */
public final class JvmProvider implements BackendProvider {
    @Override
    public String name() {
        return "jvm";
    }

    @Override
    public List<DeviceInfo> devices() {
        Runtime rt = Runtime.getRuntime();
        String cpu = System.getProperty("os.arch") + ", " + rt.availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
        return List.of(new DeviceInfo("jvm", "JVM", "Java threads", rt.maxMemory(), false, cpu));
    }

    @Override
    public Backend open(DeviceInfo device, int threads) {
        return new JvmBackend(threads);
    }
}
