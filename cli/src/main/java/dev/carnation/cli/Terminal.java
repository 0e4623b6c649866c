package dev.carnation.cli;

import java.io.Console;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether stderr is a terminal: progress redraws a bar there, and prints plain lines anywhere else. */
final class Terminal {
    private Terminal() {}

    static boolean stderrIsTerminal() {
        // stderr itself: System.console() looks at stdin and stdout, which may differ from it.
        Path fd2 = Path.of("/proc/self/fd/2");
        if (Files.exists(fd2, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (Exception e) {
                return false;
            }
        }
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            // JDK 22 and later return a console even when redirected; isTerminal() tells.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 17-21: a console means a terminal
        }
    }
}
