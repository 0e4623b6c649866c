package dev.carnation.scene;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carnation.scene.camera.Camera;
import dev.carnation.scene.geometry.CurveSegments;
import dev.carnation.scene.geometry.Eye;
import dev.carnation.scene.geometry.Mesh;
import dev.carnation.scene.geometry.Shapes;
import dev.carnation.scene.geometry.Strands;
import dev.carnation.scene.hair.Groom;
import dev.carnation.scene.hair.GroomGenerator;
import dev.carnation.scene.hair.HairFile;
import dev.carnation.scene.io.Assets;
import dev.carnation.scene.io.Fields;
import dev.carnation.scene.io.MeshFiles;
import dev.carnation.scene.io.Transforms;
import dev.carnation.scene.light.EnvironmentMap;
import dev.carnation.scene.light.LightLinks;
import dev.carnation.scene.light.LightRig;
import dev.carnation.scene.light.LightShape;
import dev.carnation.scene.material.Dielectric;
import dev.carnation.scene.material.Diffuse;
import dev.carnation.scene.material.Emitter;
import dev.carnation.scene.material.Hair;
import dev.carnation.scene.material.Iris;
import dev.carnation.scene.material.Material;
import dev.carnation.scene.material.Materials;
import dev.carnation.scene.material.Retextured;
import dev.carnation.scene.material.Skin;
import dev.carnation.scene.texture.Image;
import dev.carnation.scene.texture.ImageFiles;
import dev.carnation.scene.texture.IrisTexture;
import dev.carnation.scene.texture.ScleraTexture;
import dev.carnation.scene.texture.TextureTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joml.Matrix4f;
import org.joml.Vector3f;

/** Reads a scene file (JSON, metres; see docs/scene-format.md) into a {@link Scene}. */
public final class SceneLoader {
    /** Upper bound on any light's radiance (W/m^2/sr): the sun's disk is about 2e7; float overflows near 3e38. */
    static final double MAX_RADIANCE = 1e12;

    private final Path file;
    private final String name;
    private final Assets assets;
    private final MemoryBudget budget;
    private final TextureTable textures;
    private final List<Material> materials = new ArrayList<>();
    private final List<String> materialNames = new ArrayList<>();
    private final Map<String, Integer> materialIds = new LinkedHashMap<>();
    /** Where each material's surface shapes are placed (their origins in world space), for circular scratches. */
    private final Map<Integer, List<Vector3f>> origins = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final Mesh world = new Mesh();
    private final List<LightShape> lightShapes = new ArrayList<>();
    private final Strands strands = new Strands();
    private final LightLinks.Builder links = new LightLinks.Builder();
    private int nextObject;
    private int nextStrand;

    private SceneLoader(Path file, Path assetRoot, MemoryBudget budget) {
        this.file = file;
        this.name = file.toString();
        Path dir = file.toAbsolutePath().getParent();
        this.assets = new Assets(dir, assetRoot);
        this.budget = budget;
        this.textures = new TextureTable(warnings::add, budget);
    }

    public static Scene load(Path file, Path assetRoot) {
        return load(file, assetRoot, MemoryBudget.ofHeap());
    }

    /** Loads a scene whose geometry and textures must fit the given budget. */
    public static Scene load(Path file, Path assetRoot, MemoryBudget budget) {
        long t0 = System.nanoTime();
        double inner = Timings.seconds("meshes") + Timings.seconds("textures");
        try {
            return new SceneLoader(file, assetRoot, budget).read();
        } finally {
            // What is left once mesh and texture decoding are taken out: JSON, shapes, lights, tables.
            double innerNow = Timings.seconds("meshes") + Timings.seconds("textures");
            Timings.add("scene parse", System.nanoTime() - t0 - (long) ((innerNow - inner) * 1e9));
        }
    }

    private Scene read() {
        JsonNode root = parse();
        Fields f = new Fields(name, "", root);
        f.string("description", "");
        Camera camera = Camera.parse(f.object("camera"));
        RenderSettings render = f.has("render") ? RenderSettings.parse(f.object("render")) : RenderSettings.defaults();
        if (f.has("materials")) {
            Fields mats = f.object("materials");
            Material.Context ctx = new Material.Context(assets, textures);
            for (String key : mats.keys()) {
                addMaterial(key, Materials.parse(mats.object(key), ctx));
            }
            mats.done();
        }
        for (Fields s : f.objects("shapes")) {
            shape(s);
        }
        resolveScratchCentres();
        Vector3f target = null;
        if (f.has("rig")) {
            Fields rig = f.object("rig");
            double[] t = rig.point("target");
            target = new Vector3f((float) t[0], (float) t[1], (float) t[2]);
            rig.done();
        }
        resolveDetailScales();
        int[] areaLights = {0};
        EnvironmentMap env = lights(f.objects("lights"), target, areaLights);
        f.done();
        if (world.triangleCount() == 0 && strands.strandCount() == 0 && env == null) {
            throw SceneException.at(name, "/shapes", "scene has no geometry and no environment");
        }
        List<Path> inputs = new ArrayList<>(List.of(file));
        inputs.addAll(assets.files());
        return new Scene(file, world, materials, materialNames, textures, env, areaLights[0], List.copyOf(lightShapes), camera,
                render, warnings,
                List.copyOf(inputs), strands, links.build(nextObject));
    }

    /**
     * Circular scratches turn around the origin of the object whose material they are in: the
     * translation of the one shape (or instance) that uses the material. A material placed at
     * several origins needs its own "center" (or one material per object).
     */
    private void resolveScratchCentres() {
        for (int id = 0; id < materials.size(); id++) {
            if (!(materials.get(id) instanceof dev.carnation.scene.material.Conductor c) || !c.scratchCentreFromObject()) {
                continue;
            }
            List<Vector3f> at = origins.getOrDefault(id, List.of());
            Vector3f o = at.isEmpty() ? new Vector3f() : at.get(0);
            for (Vector3f other : at) {
                if (other.distance(o) > 1e-9f) {
                    throw SceneException.at(name, "/materials/" + materialNames.get(id) + "/scratches/direction",
                            "circular scratches turn around one object's origin, but this material is placed at "
                                    + at.size() + " origins; give \"center\" [x, y, z] or one material per object");
                }
            }
            c.setScratchCentre(o.x, o.y, o.z);
        }
    }

    /**
     * Detail maps (pores) tile at a physical size: for each skin material with detail maps, the
     * mesh's texel density (world area over uv area of its triangles, in metres per uv unit) turns
     * detail_tile_mm into a uv multiplier, whatever the model's scale.
     */
    private void resolveDetailScales() {
        for (int id = 0; id < materials.size(); id++) {
            if (!(materials.get(id) instanceof dev.carnation.scene.material.Skin skin) || !skin.hasDetailMaps()) {
                continue;
            }
            float[] p = world.positions();
            float[] uv = world.uvs();
            int[] idx = world.indices();
            int[] mat = world.materials();
            double worldArea = 0;
            double uvArea = 0;
            for (int t = 0; t < world.triangleCount(); t++) {
                if (mat[t] != id) {
                    continue;
                }
                int a = idx[t * 3];
                int b = idx[t * 3 + 1];
                int c = idx[t * 3 + 2];
                Vector3f e1 = new Vector3f(p[b * 3] - p[a * 3], p[b * 3 + 1] - p[a * 3 + 1], p[b * 3 + 2] - p[a * 3 + 2]);
                Vector3f e2 = new Vector3f(p[c * 3] - p[a * 3], p[c * 3 + 1] - p[a * 3 + 1], p[c * 3 + 2] - p[a * 3 + 2]);
                worldArea += 0.5 * e1.cross(e2).length();
                uvArea += 0.5 * Math.abs((uv[b * 2] - uv[a * 2]) * (uv[c * 2 + 1] - uv[a * 2 + 1])
                        - (uv[c * 2] - uv[a * 2]) * (uv[b * 2 + 1] - uv[a * 2 + 1]));
            }
            if (uvArea > 0 && worldArea > 0) {
                double metresPerUv = Math.sqrt(worldArea / uvArea);
                double tiles = metresPerUv / (skin.detailTileMm() / 1000.0);
                if (!(tiles <= Material.MAX_UV)) {
                    // Texture coordinates squeezed into a sliver: tiling at the physical size would
                    // overflow the texel lookup (and show nothing but noise).
                    warnings.add(name + ": /materials/" + materialNames.get(id) + "/detail_tile_mm: the mesh's texture coordinates"
                            + " cover too little area for " + skin.detailTileMm() + " mm tiles; tiling once per texture instead");
                    tiles = 1;
                }
                skin.setDetailUvScale(tiles);
            }
        }
    }

    private JsonNode parse() {
        String text;
        try {
            text = Assets.readUtf8(file);
        } catch (IOException e) {
            throw new SceneException(name + ": cannot read scene file: " + Assets.reason(e));
        }
        if (text.isBlank()) {
            throw new SceneException(name + ": the scene file is empty");
        }
        ObjectMapper om = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        try {
            JsonNode n = om.readTree(text);
            if (n == null || !n.isObject()) {
                throw new SceneException(name + ": expected a JSON object at the top level");
            }
            return n;
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage().lines().findFirst().orElse("malformed JSON");
            var loc = e.getLocation();
            String where = loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
            throw new SceneException(name + ": " + where + (e instanceof JsonParseException ? "malformed JSON: " : "") + msg);
        }
    }

    private int addMaterial(String key, Material m) {
        materials.add(m);
        materialNames.add(key);
        materialIds.put(key, materials.size() - 1);
        return materials.size() - 1;
    }

    private int material(Fields s) {
        String key = s.string("material");
        Integer id = materialIds.get(key);
        if (id == null) {
            throw s.error("material", "no material named \"" + key + "\" in /materials");
        }
        return id;
    }

    private void shape(Fields s) {
        String type = s.choice("type", "", "mesh", "sphere", "rectangle", "disk", "torus", "cyclorama", "box", "hair", "eye");
        if (type.equals("hair")) {
            hairFile(s);
            return;
        } else if (type.equals("eye")) {
            eye(s);
            return;
        }
        int mat = material(s);
        if (materials.get(mat) instanceof Hair) {
            // The fibre closure needs a curve hit's frame and its offset across the fibre (h),
            // which a triangle does not have: it would shade as garbage, so say so up front.
            throw s.error("material", "\"" + materialNames.get(mat) + "\" is a hair material: it shades strands "
                    + "(grooms or hair shapes), not the surface of a " + type + "; give the " + type + " a surface material");
        }
        List<Fields> inst = s.objects("instances");
        int copies = Math.max(1, inst.size());
        boolean emits = lum(materials.get(mat).emission()) > 0;
        if (!emits && LightLinks.Builder.has(s)) {
            throw s.error(s.has("light_linking") ? "light_linking" : "shadow_linking", "applies to lights: the material \""
                    + materialNames.get(mat) + "\" does not emit (give it an \"emission\")");
        }
        Mesh local = switch (type) {
            case "mesh" -> {
                Mesh m;
                try (Timings.Phase t = Timings.phase("meshes")) {
                    m = MeshFiles.load(s, "file", assets.resolve(s, "file", s.string("file")), s.bool("flip_v", false), warnings::add);
                }
                budget.geometry(s, "\"" + s.string("file") + "\"" + times(copies), (long) m.vertexCount() * copies,
                        (long) m.triangleCount() * copies);
                yield m;
            }
            case "sphere" -> {
                float r = len(s, "radius");
                int rings = s.integer("rings", 64, 4, 4096);
                int segments = s.integer("segments", 128, 4, 8192);
                reserveGrid(s, "sphere", rings, segments, copies);
                yield Shapes.sphere(r, rings, segments);
            }
            case "rectangle" -> {
                double[] size = s.vector("size", 2);
                yield Shapes.rectangle(len(s, "size", size[0]), len(s, "size", size[1]));
            }
            case "disk" -> Shapes.disk(len(s, "radius"), s.integer("segments", 64, 3, 8192));
            case "torus" -> {
                float major = len(s, "major_radius");
                float minor = len(s, "minor_radius");
                if (minor >= major) {
                    throw s.error("minor_radius", "must be smaller than major_radius");
                }
                int majorSegments = s.integer("major_segments", 96, 3, 8192);
                int minorSegments = s.integer("minor_segments", 32, 3, 8192);
                reserveGrid(s, "torus", majorSegments, minorSegments, copies);
                yield Shapes.torus(major, minor, majorSegments, minorSegments);
            }
            case "cyclorama" -> Shapes.cyclorama(len(s, "width"), len(s, "floor_depth"), len(s, "wall_height"),
                    len(s, "cove_radius"), s.integer("segments", 24, 1, 4096));
            case "box" -> {
                double[] size = s.vector("size", 3);
                yield Shapes.box(len(s, "size", size[0]), len(s, "size", size[1]), len(s, "size", size[2]), s.bool("inward", false));
            }
            default -> throw s.error("type", "missing required field");
        };
        local.setAllMaterials(mat);
        int dropped = dropDegenerate(local);
        if (dropped > 0) {
            String what = "mesh".equals(type) ? s.string("file") : type;
            warnings.add(name + ": " + s.pointer() + ": dropped " + dropped + " degenerate triangle" + (dropped == 1 ? "" : "s") + " of " + what);
        }
        Fields transform = s.has("transform") ? s.object("transform") : null;
        Matrix4f m = transform != null ? Transforms.read(transform) : new Matrix4f();
        List<Fields> groomFields = s.objects("grooms");
        List<Groom> grooms = new ArrayList<>();
        List<Integer> groomMaterials = new ArrayList<>();
        List<String> groomNames = new ArrayList<>();
        for (Fields g : groomFields) {
            int gm = material(g);
            hairMaterial(g, gm);
            grooms.add(Groom.parse(g, region(g)));
            groomMaterials.add(gm);
            groomNames.add(g.has("name") ? g.string("name") : null);
            if (g.has("name") && g.string("name").isBlank()) {
                throw g.error("name", "must not be empty");
            }
            g.done();
        }
        int firstObject = nextObject;
        int endObject = nextObject + copies;
        links.name(s, firstObject, endObject);
        if (emits) {
            links.light(s, firstObject, endObject, false);
        }
        s.done();
        // An emitting rectangle or sphere keeps its analytic form for light sampling.
        String lightType = emits ? type : "";
        List<Matrix4f> placed = new ArrayList<>();
        if (inst.isEmpty()) {
            appendShape(local, m, transform != null ? transform : s, lightType);
            placed.add(m);
        } else {
            for (Fields i : inst) {
                Matrix4f im = Transforms.read(i).mul(m);
                appendShape(local, im, i, lightType);
                placed.add(im);
            }
        }
        for (Matrix4f pm : placed) {
            origins.computeIfAbsent(mat, k -> new ArrayList<>()).add(pm.getTranslation(new Vector3f()));
        }
        for (int g = 0; g < grooms.size(); g++) {
            for (int i = 0; i < placed.size(); i++) {
                int object = nextObject;
                growGroom(groomFields.get(g), grooms.get(g).with(grooms.get(g).seed() + i, grooms.get(g).region()),
                        groomMaterials.get(g), local, placed.get(i));
                if (groomNames.get(g) != null) {
                    links.name(groomFields.get(g), object, object + 1);
                }
            }
        }
    }

    /** Grows a groom on a placed shape as an object of its own. */
    private void growGroom(Fields at, Groom g, int mat, Mesh local, Matrix4f m) {
        double expected = GroomGenerator.expectedStrands(g, local, m);
        if (!(expected <= Groom.MAX_STRANDS)) {
            throw at.error("density_per_cm2", String.format("%.0f strands per cm² over this shape's %.1f cm² make about %,.0f strands,"
                    + " more than the %,d one groom may grow", g.density(), expected / g.density(), expected, Groom.MAX_STRANDS));
        }
        // The roots are cheap to draw: their count, not the whole shape's area, sizes the reservation.
        List<GroomGenerator.Root> roots = GroomGenerator.roots(g, local, m);
        long n = roots.size();
        double mean = 1e-3 * g.lengthMm();
        long points = g.points() > 0 ? g.points() : Math.max(4, Math.min(64, Math.round(mean / 0.5e-3) + 1));
        // Segments are cut for the BVH (CurveSegments): reserve for the pieces, each a primitive.
        long pieces = CurveSegments.pieces(mean / (points - 1), 1e-6 * Math.max(g.rootRadiusUm(), g.tipRadiusUm()),
                SceneBuffers.MAX_CURVE_SEGMENT);
        budget.geometry(at, String.format("a groom of %,d strands", n), n * points * pieces, n * (points - 1) * pieces);
        int grown = GroomGenerator.grow(g, roots, local, m, mat, nextObject++, nextStrand, strands);
        nextStrand += grown;
    }

    /** The region of a groom entry: uv_box, bounds (shape coordinates) and a mask texture, all optional. */
    private Groom.Region region(Fields g) {
        double[] uv = null;
        if (g.has("uv_box")) {
            uv = g.vector("uv_box", 4);
            if (!(uv[0] <= uv[2] && uv[1] <= uv[3])) {
                throw g.error("uv_box", "expected [u_min, v_min, u_max, v_max] with min <= max");
            }
        }
        double[] lo = null;
        double[] hi = null;
        if (g.has("bounds")) {
            Fields b = g.object("bounds");
            lo = b.point("min");
            hi = b.point("max");
            b.done();
            if (!(lo[0] <= hi[0] && lo[1] <= hi[1] && lo[2] <= hi[2])) {
                throw b.error("max", "must be at least min in every coordinate");
            }
        }
        Image mask = null;
        if (g.has("mask")) {
            String name = g.string("mask");
            Path p = assets.resolve(g, "mask", name);
            try {
                mask = ImageFiles.read(p, false, (w, h) -> budget.texture(g, "mask", p.getFileName().toString(), w, h));
            } catch (SceneException e) {
                throw e;
            } catch (Exception e) {
                throw Assets.unreadable(g, "mask", p, e);
            }
            mask.clearInvalid();
        }
        return uv == null && lo == null && mask == null ? null : new Groom.Region(uv, lo, hi, mask);
    }

    /** Strands are lit, not lights, and have no inside: no emitters, glass or skin on them. */
    private void hairMaterial(Fields at, int mat) {
        Material m = materials.get(mat);
        if (lum(m.emission()) > 0 || m instanceof Skin || m instanceof Dielectric) {
            throw at.error("material", "hair cannot use \"" + materialNames.get(mat)
                    + "\": strands take diffuse or conductor materials (not emitters, dielectrics or skin)");
        }
    }

    /** A "hair" shape: strands from a .hair file, placed by its transform (and instances). */
    private void hairFile(Fields s) {
        int mat = material(s);
        hairMaterial(s, mat);
        String file = s.string("file");
        Path p = assets.resolve(s, "file", file);
        double radiusUm = s.has("radius_um") ? s.positive("radius_um", 40, 2000) : -1;
        Fields transform = s.has("transform") ? s.object("transform") : null;
        Matrix4f m = transform != null ? Transforms.read(transform) : new Matrix4f();
        List<Fields> inst = s.objects("instances");
        links.name(s, nextObject, nextObject + Math.max(1, inst.size()));
        s.done();
        HairFile.Model model;
        try {
            model = HairFile.read(p);
        } catch (HairFile.FormatException e) {
            throw s.error("file", "\"" + file + "\": " + e.getMessage());
        } catch (IOException e) {
            throw Assets.unreadable(s, "file", p, e);
        }
        int copies = Math.max(1, inst.size());
        // At most MAX_PIECES per segment once cut for the BVH; a pass over the file's segments counts them.
        long pieces = 0;
        float maxScale = (float) Math.cbrt(Math.abs(new org.joml.Matrix3f(m).determinant()));
        for (int h = 0; h < model.strands(); h++) {
            for (int k = model.firstPoint()[h]; k < model.firstPoint()[h + 1] - 1; k++) {
                float[] q = model.points();
                double len = Math.sqrt(sq(q[k * 3 + 3] - q[k * 3]) + sq(q[k * 3 + 4] - q[k * 3 + 1]) + sq(q[k * 3 + 5] - q[k * 3 + 2]));
                double r = radiusUm > 0 ? radiusUm * 1e-6 / maxScale : Math.max(model.radii()[k], model.radii()[k + 1]);
                pieces += CurveSegments.pieces(len, Math.max(r, 1e-30), SceneBuffers.MAX_CURVE_SEGMENT / maxScale);
            }
        }
        budget.geometry(s, "\"" + file + "\"" + times(copies), (model.strands() + pieces) * copies, pieces * copies);
        List<Matrix4f> placed = new ArrayList<>();
        if (inst.isEmpty()) {
            placed.add(m);
        } else {
            for (Fields i : inst) {
                placed.add(Transforms.read(i).mul(m));
            }
        }
        Fields where = transform != null ? transform : s;
        for (int c = 0; c < placed.size(); c++) {
            Matrix4f im = placed.get(c);
            // Thickness scales with the transform (its mean scale, for a non-uniform one).
            float scale = (float) Math.cbrt(Math.abs(new org.joml.Matrix3f(im).determinant()));
            int object = nextObject++;
            Vector3f v = new Vector3f();
            for (int h = 0; h < model.strands(); h++) {
                int f = model.firstPoint()[h];
                int n = model.firstPoint()[h + 1] - f;
                float[] pts = new float[n * 3];
                float[] rad = new float[n];
                for (int k = 0; k < n; k++) {
                    im.transformPosition(model.points()[(f + k) * 3], model.points()[(f + k) * 3 + 1], model.points()[(f + k) * 3 + 2], v);
                    if (!(Math.abs(v.x) <= Fields.MAX_COORDINATE && Math.abs(v.y) <= Fields.MAX_COORDINATE
                            && Math.abs(v.z) <= Fields.MAX_COORDINATE)) {
                        throw (inst.isEmpty() ? where : inst.get(c)).error("puts hair point " + (f + k) + " outside the world"
                                + " (coordinates must be within ±1e6 m)");
                    }
                    pts[k * 3] = v.x;
                    pts[k * 3 + 1] = v.y;
                    pts[k * 3 + 2] = v.z;
                    rad[k] = radiusUm > 0 ? (float) (radiusUm * 1e-6) : Math.max(1e-7f, model.radii()[f + k] * scale);
                }
                strands.add(pts, rad, n, nextStrand++, mat, object);
            }
        }
    }

    /**
     * An eye (docs/eyes.md): the sclera takes the shape's material; cornea, aqueous humour, iris
     * and pupil get materials of their own, one set per instance (the iris carries its cornea's
     * position for manifold next-event estimation). Each part is its own object.
     */
    private void eye(Fields s) {
        int sclera = material(s);
        Eye.Params d = Eye.Params.defaults();
        Eye.Params p = new Eye.Params(
                s.positive("diameter_mm", d.diameter(), 100),
                s.positive("cornea_radius_mm", d.corneaRadius(), 50),
                s.positive("cornea_thickness_mm", d.corneaThickness(), 5),
                s.number("cornea_ior", d.corneaIor(), 1.0001, 4),
                s.number("aqueous_ior", d.aqueousIor(), 1.0001, 4),
                s.positive("iris_depth_mm", d.irisDepth(), 20),
                s.number("iris_cone_mm", d.irisCone(), 0, 5),
                s.number("iris_diameter_mm", d.irisDiameter(), 0, 50),
                s.positive("pupil_diameter_mm", d.pupilDiameter(), 20),
                s.number("limbus_width_mm", d.limbusWidth(), 0, 10),
                s.number("limbus_strength", d.limbusStrength(), 0, 1),
                s.integer("segments", d.segments(), 8, 1024));
        double[] gaze = s.direction("gaze", 0, 0, 1);
        double[] tint = s.color("iris_color", 1, 1, 1, 1);
        double pupilAlbedo = s.number("pupil_albedo", 0, 0, 1);
        boolean mnee = s.bool("mnee", true);
        Eye eye;
        try {
            eye = new Eye(p);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            int colon = msg.indexOf(':');
            throw s.error(msg.substring(0, colon), msg.substring(colon + 2));
        }
        int texture = irisTexture(s, eye);
        int scleraTexture = scleraTexture(s, eye);
        if (scleraTexture >= 0) {
            sclera = addMaterial(s.pointer() + "/sclera", new Retextured(materials.get(sclera), scleraTexture));
        }
        List<Fields> inst = s.objects("instances");
        Fields transform = s.has("transform") ? s.object("transform") : null;
        Matrix4f m = transform != null ? Transforms.read(transform) : new Matrix4f();
        // Five objects per placement (sclera, cornea, aqueous humour, iris, pupil), appended below in a row.
        links.name(s, nextObject, nextObject + 5 * Math.max(1, inst.size()));
        s.done();
        // +z to the gaze, keeping the eye's +y as close to world up as the gaze allows.
        Vector3f z = new Vector3f((float) gaze[0], (float) gaze[1], (float) gaze[2]).normalize();
        Vector3f up = Math.abs(z.y) > 0.999f ? new Vector3f(1, 0, 0) : new Vector3f(0, 1, 0);
        Vector3f x = new Vector3f(up).cross(z).normalize();
        Vector3f y = new Vector3f(z).cross(x);
        Matrix4f aim = new Matrix4f(new org.joml.Vector4f(x, 0), new org.joml.Vector4f(y, 0), new org.joml.Vector4f(z, 0),
                new org.joml.Vector4f(0, 0, 0, 1));
        Dielectric cornea = new Dielectric(p.corneaIor(), 0);
        cornea.setPriority(2);
        Dielectric aqueous = new Dielectric(p.aqueousIor(), 0);
        aqueous.setPriority(1);
        int corneaId = addMaterial(s.pointer() + "/cornea", cornea);
        int aqueousId = addMaterial(s.pointer() + "/aqueous", aqueous);
        int pupilId = addMaterial(s.pointer() + "/pupil", new Diffuse(pupilAlbedo, pupilAlbedo, pupilAlbedo));
        List<Matrix4f> placements = new ArrayList<>();
        List<Fields> where = new ArrayList<>();
        if (inst.isEmpty()) {
            placements.add(new Matrix4f(m).mul(aim));
            where.add(transform != null ? transform : s);
        } else {
            for (Fields i : inst) {
                placements.add(Transforms.read(i).mul(m).mul(aim));
                where.add(i);
            }
        }
        for (int k = 0; k < placements.size(); k++) {
            Matrix4f w = placements.get(k);
            Vector3f sx = w.getColumn(0, new Vector3f());
            Vector3f sy = w.getColumn(1, new Vector3f());
            Vector3f sz = w.getColumn(2, new Vector3f());
            float scale = sx.length();
            if (Math.abs(sy.length() - scale) > 1e-4f * scale || Math.abs(sz.length() - scale) > 1e-4f * scale
                    || Math.abs(sx.dot(sy)) > 1e-4f * scale * scale || Math.abs(sx.dot(sz)) > 1e-4f * scale * scale
                    || w.determinant3x3() < 0) {
                throw where.get(k).error("an eye's transform must keep it round: rotation, translation and one uniform scale");
            }
            Iris iris = new Iris(texture, tint);
            Vector3f c = w.transformPosition(new Vector3f(0, 0, (float) (1e-3 * eye.corneaCentreZ)));
            Vector3f axis = new Vector3f(sz).normalize();
            iris.cornea(new float[] {c.x, c.y, c.z}, (float) (1e-3 * p.corneaRadius() * scale),
                    (float) (1e-3 * eye.posteriorRadius * scale), p.corneaIor(), p.aqueousIor(),
                    new float[] {axis.x, axis.y, axis.z}, (float) (1e-3 * (p.corneaRadius() - eye.depthLimbus) * scale), mnee);
            int irisId = addMaterial(s.pointer() + "/iris" + (placements.size() > 1 ? "/" + k : ""), iris);
            eye.sclera.setAllMaterials(sclera);
            eye.cornea.setAllMaterials(corneaId);
            eye.aqueous.setAllMaterials(aqueousId);
            eye.iris.setAllMaterials(irisId);
            eye.pupil.setAllMaterials(pupilId);
            for (Mesh part : new Mesh[] {eye.sclera, eye.cornea, eye.aqueous, eye.iris, eye.pupil}) {
                append(part, w, where.get(k));
            }
        }
    }

    /**
     * The iris's polar texture: from iris_texture (an image of a whole iris, e.g. the MakeHuman
     * eye under the asset root; a warning and the procedural iris when it is missing), "procedural",
     * or "flat" (iris_color alone, for energy tests).
     */
    private int irisTexture(Fields s, Eye eye) {
        String name = s.string("iris_texture", "procedural");
        double[] centre = s.vector("iris_texture_centre", 0.7053, 0.2963);
        double[] radii = s.vector("iris_texture_radii", 0.033, 0.107);
        double width = eye.irisRadius - eye.pupilRadius;
        double[] gain = s.color("iris_gain", 16, 1, 1, 1);
        double lw = eye.p.limbusWidth();
        double ls = eye.p.limbusStrength();
        Image img;
        if (name.equals("flat")) {
            img = IrisTexture.flat(width, lw, ls);
        } else if (name.equals("procedural")) {
            img = IrisTexture.make(null, 0, 0, 0, 0, width, lw, ls);
        } else {
            Path f = assets.find(s, "iris_texture", name);
            Image src = null;
            if (f == null) {
                warnings.add(this.name + ": " + s.pointer("iris_texture") + ": \"" + name + "\" not found (asset root: "
                        + assets.where() + "); using the procedural iris");
            } else {
                try {
                    src = dev.carnation.scene.texture.ImageFiles.read(f, true,
                            (w, h) -> budget.texture(s, "iris_texture", f.getFileName().toString(), w, h));
                } catch (SceneException e) {
                    throw e;
                } catch (Exception e) {
                    throw Assets.unreadable(s, "iris_texture", f, e);
                }
            }
            img = IrisTexture.make(src, centre[0], centre[1], radii[0], radii[1], width, lw, ls, gain);
        }
        return textures.add("iris", img);
    }

    /**
     * The sclera's colour map in the eye's spherical coordinates (u around the gaze, v the polar
     * angle from it over pi): sclera_texture names an image (sRGB; an error when it cannot be
     * found or read), "procedural" (the default) grows veins (ScleraTexture), "none" leaves the
     * material as it is. -1 for none.
     */
    private int scleraTexture(Fields s, Eye eye) {
        String name = s.string("sclera_texture", "procedural");
        ScleraTexture.Params d = ScleraTexture.Params.defaults();
        double[] widths = s.vector("sclera_vein_width_um", d.minWidthUm(), d.maxWidthUm());
        if (!(widths[0] >= 5 && widths[1] >= widths[0] && widths[1] <= 500)) {
            throw s.error("sclera_vein_width_um", "must be [thinnest, thickest] with 5 <= thinnest <= thickest <= 500");
        }
        ScleraTexture.Params p = new ScleraTexture.Params(widths[0], widths[1],
                s.integer("sclera_vein_count", d.trunks(), 0, 1000),
                s.number("sclera_veins", d.strength(), 0, 1),
                s.integer("sclera_seed", (int) d.seed(), 0, Integer.MAX_VALUE));
        if (name.equals("none")) {
            return -1;
        }
        if (name.equals("procedural")) {
            budget.texture(s, "sclera_texture", "procedural veins", ScleraTexture.WIDTH, ScleraTexture.HEIGHT);
            Image img;
            try (Timings.Phase t = Timings.phase("textures")) {
                img = ScleraTexture.make(p, eye.p.diameter() / 2, eye.limbusPolarAngle());
            }
            return textures.add("sclera veins", img);
        }
        return textures.load(s, "sclera_texture", assets, true);
    }

    private void appendShape(Mesh local, Matrix4f m, Fields transform, String lightType) {
        int first = world.vertexCount();
        append(local, m, transform);
        recordLightShape(lightType, first, local.vertexCount(), m.transformPosition(new Vector3f()));
    }

    /**
     * The analytic form of the light ("rectangle", "sphere"; else none) whose mesh the last object
     * appended from vertex first, if its transform kept it a rectangle or a sphere around centre.
     */
    private void recordLightShape(String lightType, int first, int count, Vector3f centre) {
        int object = nextObject - 1;
        LightShape shape = switch (lightType) {
            case "rectangle" -> LightShape.rectangle(world, first, object);
            case "sphere" -> LightShape.sphere(world, first, count, centre, object);
            default -> null;
        };
        if (shape != null) {
            lightShapes.add(shape);
        }
    }

    /** Reserves memory for a tessellated (rows + 1) x (cols + 1) vertex grid before building it. */
    private void reserveGrid(Fields s, String type, int rows, int cols, int copies) {
        budget.geometry(s, "a " + type + " of " + rows + " x " + cols + " segments" + times(copies),
                (rows + 1L) * (cols + 1L) * copies, 2L * rows * cols * copies);
    }

    private static String times(int copies) {
        return copies > 1 ? " x " + copies + " instances" : "";
    }

    /**
     * Appends a shape to the world as one object. Each transform is bounded, but a mesh in large
     * file units under a large scale can still leave the world (or single precision): refuse it,
     * naming the transform that put it there.
     */
    private void append(Mesh local, Matrix4f m, Fields transform) {
        int first = world.vertexCount();
        local.appendTo(world, m, nextObject++);
        float[] p = world.positions();
        for (int i = first * 3; i < world.vertexCount() * 3; i++) {
            if (!(Math.abs(p[i]) <= Fields.MAX_COORDINATE)) {
                throw transform.error("puts vertex " + (i / 3 - first) + " at " + p[i]
                        + " m, outside the world (coordinates must be within ±1e6 m)");
            }
        }
    }

    private static float len(Fields s, String key) {
        return (float) s.positive(key, Double.NaN, 1e5);
    }

    private static float len(Fields s, String key, double v) {
        if (!(v > 0) || v > 1e5) {
            throw s.error(key, "sizes must be > 0 and <= 1e5 m, got " + v);
        }
        return (float) v;
    }

    /** Removes triangles with repeated or non-finite corners or zero area; returns how many. */
    static int dropDegenerate(Mesh m) {
        float[] p = m.positions();
        int[] idx = m.indices();
        int[] mat = m.materials();
        int[] obj = m.objects();
        int kept = 0;
        int n = m.triangleCount();
        Mesh out = new Mesh();
        for (int t = 0; t < n; t++) {
            int a = idx[t * 3];
            int b = idx[t * 3 + 1];
            int c = idx[t * 3 + 2];
            if (a < 0 || b < 0 || c < 0 || a >= m.vertexCount() || b >= m.vertexCount() || c >= m.vertexCount()) {
                continue;
            }
            Vector3f pa = new Vector3f(p[a * 3], p[a * 3 + 1], p[a * 3 + 2]);
            Vector3f e1 = new Vector3f(p[b * 3], p[b * 3 + 1], p[b * 3 + 2]).sub(pa);
            Vector3f e2 = new Vector3f(p[c * 3], p[c * 3 + 1], p[c * 3 + 2]).sub(pa);
            float area2 = e1.cross(e2).length();
            if (a == b || b == c || a == c || !(area2 > 0) || !Float.isFinite(area2)) {
                continue;
            }
            idx[kept * 3] = a;
            idx[kept * 3 + 1] = b;
            idx[kept * 3 + 2] = c;
            mat[kept] = mat[t];
            obj[kept] = obj[t];
            kept++;
        }
        m.truncateTriangles(kept);
        return n - kept;
    }

    private EnvironmentMap lights(List<Fields> lights, Vector3f target, int[] areaCount) {
        EnvironmentMap env = null;
        record Pending(Fields f, String type, Vector3f position, Mesh mesh, double[] color, boolean twoSided, Double radiance,
                       Double stops, boolean key) {}
        List<Pending> pending = new ArrayList<>();
        for (Fields l : lights) {
            String type = l.choice("type", "", "rectangle", "disk", "sphere", "environment");
            if (type.equals("environment")) {
                if (env != null) {
                    throw l.error("type", "only one environment light is allowed");
                }
                links.light(l, 0, 0, true);
                env = environment(l);
                continue;
            }
            double[] pos = l.point("position");
            Vector3f p = new Vector3f((float) pos[0], (float) pos[1], (float) pos[2]);
            Mesh shape;
            if (type.equals("sphere")) {
                shape = Shapes.sphere(len(l, "radius"), 24, 48);
            } else {
                if (type.equals("rectangle")) {
                    double[] size = l.vector("size", 2);
                    shape = Shapes.rectangle(len(l, "size", size[0]), len(l, "size", size[1]));
                } else {
                    shape = Shapes.disk(len(l, "radius"), 64);
                }
            }
            Matrix4f m;
            if (type.equals("sphere")) {
                l.vector("look_at", 0, 0, 0);
                m = new Matrix4f().translation(p);
            } else {
                double[] at = l.point("look_at");
                Vector3f t = new Vector3f((float) at[0], (float) at[1], (float) at[2]);
                if (t.distance(p) < 1e-6f) {
                    throw l.error("look_at", "must differ from position");
                }
                m = Transforms.lookAt(p, t, new Vector3f(0, 1, 0));
            }
            Mesh world = new Mesh();
            shape.appendTo(world, m, 0);
            double[] color = l.color("color", 1, 1, 1, 1);
            boolean twoSided = l.bool("two_sided", false);
            Double radiance = l.has("radiance") ? l.positive("radiance", 1, 1e9) : null;
            Double stops = l.has("stops") ? l.number("stops", 0, -30, 30) : null;
            boolean key = l.bool("key", false);
            if ((radiance == null) == (stops == null)) {
                throw l.error("radiance", "give exactly one of \"radiance\" (W/m^2/sr) or \"stops\" (relative to the key light)");
            }
            if (key && radiance == null) {
                throw l.error("key", "the key light needs an absolute \"radiance\"");
            }
            // Its object id is given out below, in the order of the list.
            int object = nextObject + pending.size();
            links.name(l, object, object + 1);
            links.light(l, object, object + 1, false);
            l.done();
            pending.add(new Pending(l, type, p, world, color, twoSided, radiance, stops, key));
        }
        Pending key = null;
        for (Pending p : pending) {
            if (p.key) {
                if (key != null) {
                    throw p.f.error("key", "only one light can be the key");
                }
                key = p;
            }
        }
        // The key is metered once (metering integrates over every triangle of a light).
        double eKey = key == null || target == null ? 0
                : LightRig.illuminancePerRadiance(key.mesh, key.twoSided, target) * lum(key.color);
        for (Pending p : pending) {
            double radiance;
            if (p.stops != null) {
                if (key == null) {
                    throw p.f.error("stops", "lights in stops need a light with \"key\": true");
                }
                if (target == null) {
                    throw p.f.error("stops", "lights in stops need /rig/target, the point where light is metered");
                }
                double eThis = LightRig.illuminancePerRadiance(p.mesh, p.twoSided, target) * lum(p.color);
                if (!(eThis > 0) || !(eKey > 0)) {
                    throw p.f.error("stops", "this light or the key does not illuminate /rig/target");
                }
                radiance = key.radiance * eKey / eThis * Math.pow(2, p.stops);
                if (!(radiance <= MAX_RADIANCE)) {
                    throw p.f.error("stops", "needs a radiance of " + radiance + " W/m^2/sr to reach its level at /rig/target"
                            + ", beyond " + MAX_RADIANCE + " (does it face away from the target?)");
                }
            } else {
                radiance = p.radiance;
            }
            int id = addMaterial("light " + p.f.pointer(), new Emitter((float) (p.color[0] * radiance),
                    (float) (p.color[1] * radiance), (float) (p.color[2] * radiance), p.twoSided));
            p.mesh.setAllMaterials(id);
            int first = world.vertexCount();
            p.mesh.appendTo(world, new Matrix4f(), nextObject++);
            recordLightShape(p.type, first, p.mesh.vertexCount(), p.position);
            areaCount[0]++;
        }
        return env;
    }

    private static double sq(double x) {
        return x * x;
    }

    private static double lum(double[] c) {
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    private static double lum(float[] c) {
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    private int uniformEnvironment(double[] c) {
        // A constant map, fine enough in theta for the sin-weighted sampling density.
        return textures.add("uniform environment", Image.constant(32, 16, (float) c[0], (float) c[1], (float) c[2]));
    }

    private EnvironmentMap environment(Fields l) {
        int tex;
        if (l.has("file")) {
            if (l.has("radiance")) {
                throw l.error("radiance", "give either \"file\" or a uniform \"radiance\", not both");
            }
            // A scene may name a stand-in for a map that lives in the asset root, so that it still
            // renders (with a warning) where the asset root is absent, as the default scene does.
            String file = l.string("file");
            if (l.has("fallback_radiance") && assets.find(l, "file", file) == null) {
                warnings.add(name + ": " + l.pointer("file") + ": \"" + file + "\" not found " + assets.where()
                        + "; using the uniform fallback_radiance instead");
                tex = uniformEnvironment(l.color("fallback_radiance", 1e9, 1, 1, 1));
            } else {
                l.color("fallback_radiance", 1e9, 1, 1, 1);
                tex = textures.load(l, "file", assets, false);
            }
        } else {
            if (l.has("fallback_radiance")) {
                throw l.error("fallback_radiance", "only applies to an environment \"file\"");
            }
            tex = uniformEnvironment(l.color("radiance", 1e9, 1, 1, 1));
        }
        float scale = (float) l.number("intensity", 1, 0, 1e9);
        float rot = (float) l.number("rotation_deg", 0, -360, 360);
        l.done();
        return new EnvironmentMap(tex, scale, rot);
    }
}
