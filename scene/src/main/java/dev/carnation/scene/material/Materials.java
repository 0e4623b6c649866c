package dev.carnation.scene.material;

import dev.carnation.scene.io.Fields;

/** Parses a material object by its "type". */
public final class Materials {
    private Materials() {}

    public static Material parse(Fields f, Material.Context ctx) {
        String type = f.choice("type", "diffuse", "diffuse", "conductor", "dielectric", "skin", "hair");
        Material m = switch (type) {
            case "conductor" -> Conductor.parse(f, ctx);
            case "dielectric" -> Dielectric.parse(f, ctx);
            case "skin" -> Skin.parse(f, ctx);
            case "hair" -> Hair.parse(f, ctx);
            default -> Diffuse.parse(f, ctx);
        };
        f.done();
        return m;
    }
}
