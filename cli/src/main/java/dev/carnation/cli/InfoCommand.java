package dev.carnation.cli;

import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print scene statistics: geometry, BVH, lights, materials and memory per buffer.")
final class InfoCommand implements Callable<Integer> {
    @Mixin
    SceneOptions sceneOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Scene scene = sceneOptions.load(spec.commandLine().getErr());
        SceneBuffers b = SceneBuffers.pack(scene);
        out.printf("scene        %s%n", scene.file());
        out.printf("triangles    %,d%n", scene.mesh().triangleCount());
        out.printf("vertices     %,d%n", scene.mesh().vertexCount());
        if (scene.strands().strandCount() > 0) {
            out.printf("hair         %,d strands, %,d points, %,d segments in the BVH%n", scene.strands().strandCount(),
                    scene.strands().pointCount(), b.curveSegments());
        }
        out.printf("bvh          %,d nodes, %,d leaves, depth %d, built in %.3f s (binned SAH)%n",
                b.bvh().nodeCount(), b.bvh().leafCount(), b.bvh().maxDepth(), b.bvhBuildSeconds());
        out.printf("lights       %d area light%s (%,d emissive triangles)%s%n", scene.areaLights(),
                scene.areaLights() == 1 ? "" : "s", b.sceneI()[dev.carnation.kernel.Layout.H_EMIT_COUNT],
                scene.environment() == null ? "" : ", environment " + scene.textures().names().get(scene.environment().texture()));
        if (scene.links().active()) {
            out.printf("linking      %d receiver group%s, %d blocker group%s (light and shadow linking)%n",
                    scene.links().receiverGroups(), scene.links().receiverGroups() == 1 ? "" : "s",
                    scene.links().blockerGroups(), scene.links().blockerGroups() == 1 ? "" : "s");
        }
        out.printf("materials    %d: %s%n", scene.materials().size(), String.join(", ", scene.materialNames()));
        out.printf("textures     %d%s%n", scene.textures().images().size(),
                scene.textures().names().isEmpty() ? "" : ": " + String.join(", ", scene.textures().names()));
        out.printf("camera       %.0f mm, f/%s, focus %.3f m%n", scene.camera().focalMm(),
                scene.camera().fNumber() > 0 ? String.format("%.1f", scene.camera().fNumber()) : "pinhole",
                scene.camera().focusDistance());
        out.printf("render       %dx%d, %d spp, max depth %d%n", scene.render().width(), scene.render().height(),
                scene.render().spp(), scene.render().maxDepth());
        out.println("memory");
        long total = 0;
        for (Map.Entry<String, Long> e : b.sections().entrySet()) {
            out.printf("  %-12s %10s%n", e.getKey(), bytes(e.getValue()));
            total += e.getValue();
        }
        out.printf("  %-12s %10s%n", "total", bytes(total));
        return 0;
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1024 * 1024) {
            return String.format("%.1f KiB", b / 1024.0);
        }
        return String.format("%.1f MiB", b / (1024.0 * 1024));
    }
}
