package dev.carnation.scene.texture;

import dev.carnation.scene.io.Assets;
import dev.carnation.scene.io.Fields;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The scene's textures, each loaded once per (file, colour space); ids index {@link #images()}. */
public final class TextureTable {
    private final List<Image> images = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> byKey = new HashMap<>();

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
        try {
            img = ImageFiles.read(p, srgb);
        } catch (Exception e) {
            throw Assets.unreadable(at, key, p, e);
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
