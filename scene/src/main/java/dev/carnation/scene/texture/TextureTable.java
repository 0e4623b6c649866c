package dev.carnation.scene.texture;

import dev.carnation.scene.MemoryBudget;
import dev.carnation.scene.SceneException;
import dev.carnation.scene.Timings;
import dev.carnation.scene.io.Assets;
import dev.carnation.scene.io.Fields;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The scene's textures, each loaded once per (file, colour space); ids index {@link #images()}.
 * Each file's size is admitted by the memory budget before it is decoded, and invalid texels
 * (negative, NaN, infinite) are cleared with a warning.
 */
public final class TextureTable {
    private final List<Image> images = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> byKey = new HashMap<>();
    private final Consumer<String> warn;
    private final MemoryBudget budget;

    /** A table for images added in code (tests, constant environments). */
    public TextureTable() {
        this(w -> {}, MemoryBudget.ofHeap());
    }

    public TextureTable(Consumer<String> warn, MemoryBudget budget) {
        this.warn = warn;
        this.budget = budget;
    }

    public int add(String name, Image image) {
        images.add(image);
        names.add(name);
        return images.size() - 1;
    }

    /** Loads the texture named by field key of at, or returns -1 when the field is absent. */
    public int load(Fields at, String key, Assets assets, boolean srgb) {
        if (!at.has(key)) {
            at.string(key, "");
            return -1;
        }
        Path p = assets.resolve(at, key, at.string(key));
        String k = p.toAbsolutePath() + (srgb ? "#srgb" : "#linear");
        Integer id = byKey.get(k);
        if (id != null) {
            return id;
        }
        Image img;
        try (Timings.Phase t = Timings.phase("textures")) {
            img = ImageFiles.read(p, srgb, (w, h) -> budget.texture(at, key, p.getFileName().toString(), w, h));
        } catch (SceneException e) {
            throw e;
        } catch (Exception e) {
            throw Assets.unreadable(at, key, p, e);
        }
        int cleared = img.clearInvalid();
        if (cleared > 0) {
            warn.accept(at.file() + ": " + at.pointer(key) + ": \"" + p.getFileName() + "\": set " + cleared
                    + " negative, NaN or infinite texel value" + (cleared == 1 ? "" : "s") + " to 0");
        }
        int n = add(p.getFileName().toString(), img);
        byKey.put(k, n);
        return n;
    }

    public List<Image> images() {
        return images;
    }

    public List<String> names() {
        return names;
    }
}
