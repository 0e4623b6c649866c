package dev.carnation.scene;

/**
 * Bad input: carries a one-line, user-facing message naming the file and the field
 * (a JSON pointer) or line. The CLI prints the message alone, never a stack trace.
 */
public class SceneException extends RuntimeException {
    public SceneException(String message) {
        super(message);
    }

    public SceneException(String message, Throwable cause) {
        super(message, cause);
    }

    public static SceneException at(String file, String pointer, String what) {
        return new SceneException(file + ": " + (pointer.isEmpty() ? "/" : pointer) + ": " + what);
    }
}
