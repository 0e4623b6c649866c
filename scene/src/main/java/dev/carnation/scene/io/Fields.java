package dev.carnation.scene.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carnation.scene.SceneException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A JSON object being read field by field. Every accessor checks type and range and reports
 * problems as "file: /json/pointer: message"; {@link #done()} rejects keys nobody asked for, so a
 * typo in a scene is an error instead of a silently ignored setting.
 */
public final class Fields {
    /**
     * The largest coordinate a position may have, in metres. Geometry is single precision on the
     * device; beyond this, float spacing (about 0.06 m at 1e6) swamps the ray offsets long before
     * arithmetic overflows to infinity.
     */
    public static final double MAX_COORDINATE = 1e6;

    private final String file;
    private final String pointer;
    private final JsonNode node;
    private final Set<String> used = new LinkedHashSet<>();

    public Fields(String file, String pointer, JsonNode node) {
        this.file = file;
        this.pointer = pointer;
        this.node = node;
        if (node == null || !node.isObject()) {
            throw error("expected an object");
        }
    }

    public String file() {
        return file;
    }

    public String pointer() {
        return pointer;
    }

    public String pointer(String key) {
        return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    public SceneException error(String what) {
        return SceneException.at(file, pointer, what);
    }

    public SceneException error(String key, String what) {
        return SceneException.at(file, pointer(key), what);
    }

    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    private JsonNode get(String key) {
        used.add(key);
        return node.get(key);
    }

    public JsonNode raw(String key) {
        return get(key);
    }

    public String string(String key) {
        JsonNode v = get(key);
        if (v == null) {
            throw error(key, "missing required field");
        }
        if (!v.isTextual()) {
            throw error(key, "expected a string, got " + kind(v));
        }
        return v.asText();
    }

    public String string(String key, String fallback) {
        return has(key) ? string(key) : mark(key, fallback);
    }

    public String choice(String key, String fallback, String... allowed) {
        String v = string(key, fallback);
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw error(key, "unknown value \"" + v + "\" (expected one of " + String.join(", ", allowed) + ")");
    }

    private <T> T mark(String key, T fallback) {
        used.add(key);
        return fallback;
    }

    public double number(String key) {
        JsonNode v = get(key);
        if (v == null) {
            throw error(key, "missing required field");
        }
        if (!v.isNumber()) {
            throw error(key, "expected a number, got " + kind(v));
        }
        double d = v.asDouble();
        if (!isFiniteFloat(d)) {
            throw error(key, FINITE);
        }
        return d;
    }

    private static final String FINITE = "must be a finite number within single precision (|x| <= 3.4e38)";

    /** Everything ends up in 32-bit floats on the device: a double beyond float range is infinity there. */
    static boolean isFiniteFloat(double d) {
        return Double.isFinite(d) && Math.abs(d) <= Float.MAX_VALUE;
    }

    public double number(String key, double fallback) {
        return has(key) ? number(key) : mark(key, fallback);
    }

    /** A number in [min, max]; bounds name physically absurd values, not style preferences. */
    public double number(String key, double fallback, double min, double max) {
        double d = number(key, fallback);
        if (d < min || d > max) {
            throw error(key, "value " + d + " out of range [" + min + ", " + max + "]");
        }
        return d;
    }

    public double positive(String key, double fallback, double max) {
        double d = number(key, fallback);
        if (!(d > 0) || d > max) {
            throw error(key, "must be > 0 and <= " + max + ", got " + d);
        }
        return d;
    }

    public int integer(String key, int fallback, int min, int max) {
        if (!has(key)) {
            return mark(key, fallback);
        }
        JsonNode v = get(key);
        if (!v.isIntegralNumber()) {
            throw error(key, "expected an integer, got " + kind(v));
        }
        // asLong() wraps integers beyond 64 bits (2^64 + 2 would read as 2): compare exactly.
        BigInteger b = v.bigIntegerValue();
        if (b.compareTo(BigInteger.valueOf(min)) < 0 || b.compareTo(BigInteger.valueOf(max)) > 0) {
            throw error(key, "value " + b + " out of range [" + min + ", " + max + "]");
        }
        return b.intValue();
    }

    public boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return mark(key, fallback);
        }
        JsonNode v = get(key);
        if (!v.isBoolean()) {
            throw error(key, "expected true or false, got " + kind(v));
        }
        return v.asBoolean();
    }

    /** A fixed-length array of finite numbers. */
    public double[] vector(String key, int n) {
        JsonNode v = get(key);
        if (v == null) {
            throw error(key, "missing required field");
        }
        if (!v.isArray() || v.size() != n) {
            throw error(key, "expected an array of " + n + " numbers");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            JsonNode e = v.get(i);
            if (!e.isNumber()) {
                throw SceneException.at(file, pointer(key) + "/" + i, "expected a number, got " + kind(e));
            }
            if (!isFiniteFloat(e.asDouble())) {
                throw SceneException.at(file, pointer(key) + "/" + i, FINITE);
            }
            out[i] = e.asDouble();
        }
        return out;
    }

    public double[] vector(String key, double... fallback) {
        return has(key) ? vector(key, fallback.length) : mark(key, fallback);
    }

    /** A position [x, y, z] in metres, each coordinate within ±{@link #MAX_COORDINATE}. */
    public double[] point(String key) {
        return bounded(key, vector(key, 3), MAX_COORDINATE, "coordinates must be within ±1e6 m");
    }

    /** A fixed-length array of numbers, each of magnitude at most max. */
    public double[] bounded(String key, double[] v, double max, String why) {
        for (int i = 0; i < v.length; i++) {
            if (Math.abs(v[i]) > max) {
                throw SceneException.at(file, pointer(key) + "/" + i, why + ", got " + v[i]);
            }
        }
        return v;
    }

    /** A direction [x, y, z], returned normalised (in double precision, so huge components do not overflow). */
    public double[] direction(String key, double... fallback) {
        double[] v = vector(key, fallback);
        double len = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (!(len > 0) || !Double.isFinite(len)) {
            throw error(key, "must be a non-zero direction");
        }
        return new double[] {v[0] / len, v[1] / len, v[2] / len};
    }

    /** An RGB colour: [r, g, b] or a single grey number, each component in [0, max]. */
    public double[] color(String key, double max, double... fallback) {
        if (!has(key)) {
            return mark(key, fallback);
        }
        JsonNode v = node.get(key);
        double[] c;
        if (v.isNumber()) {
            double g = number(key);
            c = new double[] {g, g, g};
        } else {
            c = vector(key, 3);
        }
        for (double x : c) {
            if (x < 0 || x > max) {
                throw error(key, "colour components must be in [0, " + max + "]");
            }
        }
        return c;
    }

    public Fields object(String key) {
        JsonNode v = get(key);
        if (v == null) {
            throw error(key, "missing required object");
        }
        return new Fields(file, pointer(key), v);
    }

    public List<Fields> objects(String key) {
        List<Fields> out = new ArrayList<>();
        if (!has(key)) {
            used.add(key);
            return out;
        }
        JsonNode v = get(key);
        if (!v.isArray()) {
            throw error(key, "expected an array of objects");
        }
        for (int i = 0; i < v.size(); i++) {
            out.add(new Fields(file, pointer(key) + "/" + i, v.get(i)));
        }
        return out;
    }

    /** Keys of a map-like object (e.g. named materials). */
    public List<String> keys() {
        List<String> out = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(out::add);
        return out;
    }

    /** Rejects keys that were never read. Call after reading every field. */
    public void done() {
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!used.contains(k)) {
                throw error(k, "unknown field \"" + k + "\"");
            }
        }
    }

    private static String kind(JsonNode v) {
        return v.getNodeType().name().toLowerCase();
    }
}
