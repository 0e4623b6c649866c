package dev.carnation.integrator.backend;

/**
 * A device a backend can render on. The id is stable across runs on the same machine
 * ("jvm", "tornado:1:0"); kind is "JVM", "OpenCL" or "PTX".
 */
public record DeviceInfo(String id, String kind, String name, long memoryBytes, boolean gpu, String details) {}
