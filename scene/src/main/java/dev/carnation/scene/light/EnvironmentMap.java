package dev.carnation.scene.light;

/** An environment: texture id in the scene's table, radiance scale, rotation about +y. */
public record EnvironmentMap(int texture, float scale, float rotationDeg) {}
