package dev.carnation.cli;

import dev.carnation.integrator.backend.BackendProvider;
import dev.carnation.integrator.backend.Backends;
import dev.carnation.integrator.backend.DeviceInfo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the JVM backend and every TornadoVM device with its id, kind, name and memory.")
final class DevicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Backends backends = new Backends();
        out.printf("%-14s %-7s %-44s %10s  %s%n", "ID", "KIND", "NAME", "MEMORY", "DETAILS");
        for (BackendProvider p : backends.providers()) {
            try {
                for (DeviceInfo d : p.devices()) {
                    out.printf("%-14s %-7s %-44s %10s  %s%n", d.id(), d.kind(), d.name(), InfoCommand.bytes(d.memoryBytes()), d.details());
                }
            } catch (RuntimeException | LinkageError e) {
                err.println("warning: backend " + p.name() + " failed to start: " + Backends.oneLine(e));
            }
        }
        if (backends.provider("tornado") == null) {
            out.println("(TornadoVM backend not loaded: " + Backends.TORNADO_MISSING + ")");
        }
        return 0;
    }
}
