package dev.carnation.integrator.backend;

import java.util.List;

/**
 * A family of backends (the JVM, TornadoVM), found through {@link java.util.ServiceLoader} so that
 * optional ones are present only when their jar and runtime are.
 */
public interface BackendProvider {
    /** "jvm" or "tornado": the value of --backend that selects this provider. */
    String name();

    /** Devices this provider can open; throws {@link BackendException} when its runtime cannot start. */
    List<DeviceInfo> devices();

    /** Opens a device by id; the backend must be closed. */
    Backend open(DeviceInfo device, int threads);
}
