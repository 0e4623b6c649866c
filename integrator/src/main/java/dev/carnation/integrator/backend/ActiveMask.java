package dev.carnation.integrator.backend;

import java.util.Arrays;

/** The per-pixel active flags a backend hands its kernel (see {@link Backend#renderPass}). */
public final class ActiveMask {
    private ActiveMask() {}

    /** Copies mask into the backend's buffer (null: every pixel active); returns the active pixel count. */
    public static int copy(int[] mask, int[] buffer) {
        if (mask == null) {
            Arrays.fill(buffer, 1);
            return buffer.length;
        }
        if (mask.length != buffer.length) {
            throw new IllegalArgumentException("mask of " + mask.length + " pixels for a film of " + buffer.length);
        }
        int live = 0;
        for (int i = 0; i < mask.length; i++) {
            buffer[i] = mask[i] != 0 ? 1 : 0;
            live += buffer[i];
        }
        return live;
    }
}
