package dev.carnation.integrator.backend;

/** A backend or device that cannot start or run: the message names backend, device and cause. */
public class BackendException extends RuntimeException {
    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
