package dev.carnation.cli;

import dev.carnation.scene.MemoryBudget;
import dev.carnation.scene.SceneException;
import dev.carnation.scene.io.IoErrors;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The carnation command line. */
@Command(name = "carnation", mixinStandardHelpOptions = true, version = "carnation 0.1.0",
        description = "Physically based path tracer for close-up portraits; kernels in plain Java for the JVM and TornadoVM.",
        subcommands = {RenderCommand.class, InfoCommand.class, DevicesCommand.class, ParityCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class Carnation implements Callable<Integer> {
    /** Exit code for bad input (scene, options, files). */
    public static final int EXIT_INPUT = 2;
    public static final int EXIT_FAILURE = 1;
    /** A render stopped by SIGINT (as the shell reports it), after writing what it had. */
    public static final int EXIT_INTERRUPTED = 130;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Whether stderr is a terminal, for the progress display. */
    final boolean stderrTerminal;

    Carnation(boolean stderrTerminal) {
        this.stderrTerminal = stderrTerminal;
    }

    /** No command: usage on stderr and the bad-input status, so scripts notice. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_INPUT;
    }

    public static void main(String[] args) {
        dev.carnation.scene.Timings.processStarted(dev.carnation.scene.Timings.epochNow());
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                Terminal.stderrIsTerminal()));
    }

    /** Runs the CLI in-process, as if stderr were not a terminal (used by the end-to-end tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, false);
    }

    static int execute(String[] args, PrintWriter out, PrintWriter err, boolean stderrTerminal) {
        CommandLine cl = new CommandLine(new Carnation(stderrTerminal));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            Throwable t = e;
            if (t instanceof SceneException || t instanceof CommandLine.ParameterException) {
                err.println("error: " + t.getMessage());
                return EXIT_INPUT;
            }
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof OutOfMemoryError) {
                    return outOfMemory(err); // thrown on a render thread, wrapped by the backend
                }
            }
            if (System.getenv("CARNATION_DEBUG") != null) {
                t.printStackTrace(err);
            }
            err.println("error: " + message(t));
            return EXIT_FAILURE;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("error: " + e.getMessage());
            err.println("Try 'carnation " + String.join(" ", commandPath(e.getCommandLine())) + " --help'.");
            return EXIT_INPUT;
        });
        int rc;
        try {
            rc = cl.execute(args);
        } catch (OutOfMemoryError e) {
            // The last resort: sizes are estimated before allocating (MemoryBudget), but an estimate
            // can be low, and libraries (image decoders, glTF) allocate on their own.
            rc = outOfMemory(err);
        }
        err.flush();
        out.flush();
        return rc;
    }

    /** One line for an unexpected failure: I/O errors as "FILE: reason", never as Java class names. */
    static String message(Throwable t) {
        if (t instanceof java.io.UncheckedIOException u) {
            t = u.getCause();
        }
        String msg;
        if (t instanceof java.nio.file.FileSystemException fs && fs.getFile() != null) {
            msg = IoErrors.describe(fs.getFile(), fs);
        } else if (t instanceof java.io.IOException io && io.getMessage() == null) {
            msg = IoErrors.reason(io);
        } else if (t.getMessage() != null) {
            msg = t.getMessage();
        } else {
            msg = "internal error (" + t.getClass().getSimpleName() + "; CARNATION_DEBUG=1 prints where)";
        }
        return msg.lines().findFirst().orElse(msg);
    }

    private static int outOfMemory(PrintWriter err) {
        err.println("error: out of memory (the Java heap is " + MemoryBudget.size(Runtime.getRuntime().maxMemory())
                + "); render a smaller image or scene, or raise the heap, for example CARNATION_JAVA_OPTS=-Xmx16g");
        return EXIT_FAILURE;
    }

    private static java.util.List<String> commandPath(CommandLine cl) {
        java.util.LinkedList<String> names = new java.util.LinkedList<>();
        for (CommandLine c = cl; c != null && c.getParent() != null; c = c.getParent()) {
            names.addFirst(c.getCommandName());
        }
        return names;
    }
}
