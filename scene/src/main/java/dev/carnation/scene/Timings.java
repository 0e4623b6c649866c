package dev.carnation.scene;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a process's seconds go before its first sample: named phases (scene parse, textures, BVH,
 * kernel compile, ...) added up per name, in the order first seen, and notes (a kernel cache hit).
 * One table per process; render and bench print it with --verbose and write it as JSON.
 * <p>
 * The launcher exports {@code CARNATION_T0} (when it started) and {@code CARNATION_T_EXEC} (when it
 * exec'd the JVM), in seconds since the epoch with microseconds, so the table also has the
 * launcher's own time and the JVM's start until {@code main}.
 */
public final class Timings {
    private static final Map<String, Long> NANOS = new LinkedHashMap<>();
    private static final Map<String, String> NOTES = new LinkedHashMap<>();
    /** Wall-clock seconds since the epoch at nanoTime() = BASE_NANOS. */
    private static final double BASE_EPOCH;
    private static final long BASE_NANOS;

    static {
        Instant now = Instant.now();
        BASE_NANOS = System.nanoTime();
        BASE_EPOCH = now.getEpochSecond() + now.getNano() / 1e9;
    }

    private Timings() {}

    /** A running phase; close() adds its time. */
    public static final class Phase implements AutoCloseable {
        private final String name;
        private final long t0 = System.nanoTime();

        private Phase(String name) {
            this.name = name;
        }

        @Override
        public void close() {
            add(name, System.nanoTime() - t0);
        }
    }

    public static Phase phase(String name) {
        return new Phase(name);
    }

    /**
     * Runs body as phase name, less the time it spent in phases that start with one of the inner
     * prefixes (which keep their own lines).
     */
    public static void exclusive(String name, Runnable body, String... inner) {
        double before = sumPrefixed(inner);
        long t0 = System.nanoTime();
        try {
            body.run();
        } finally {
            long nanos = System.nanoTime() - t0 - (long) ((sumPrefixed(inner) - before) * 1e9);
            add(name, Math.max(0, nanos));
        }
    }

    private static synchronized double sumPrefixed(String... prefixes) {
        double s = 0;
        for (Map.Entry<String, Long> e : NANOS.entrySet()) {
            for (String p : prefixes) {
                if (e.getKey().startsWith(p)) {
                    s += e.getValue() / 1e9;
                    break;
                }
            }
        }
        return s;
    }

    public static synchronized void add(String name, long nanos) {
        NANOS.merge(name, nanos, Long::sum);
    }

    public static synchronized void note(String key, String value) {
        NOTES.put(key, value);
    }

    /** Seconds spent in a phase so far (0 when it never ran). */
    public static synchronized double seconds(String name) {
        Long n = NANOS.get(name);
        return n == null ? 0 : n / 1e9;
    }

    private static boolean commandSeen;

    /**
     * Called as a command starts: the first command of a process keeps the process's start; a later
     * one in the same process (the CLI run in-process, as the tests do) starts a clean table.
     */
    public static synchronized void beginCommand() {
        if (commandSeen) {
            reset();
        }
        commandSeen = true;
    }

    public static synchronized void reset() {
        NANOS.clear();
        NOTES.clear();
    }

    /** Seconds since the epoch now. */
    public static double epochNow() {
        return BASE_EPOCH + (System.nanoTime() - BASE_NANOS) / 1e9;
    }

    static double envSeconds(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v.trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * Records the process's start: the launcher's script time and the JVM's start until main (from
     * the launcher's timestamps, else from the process's start time at the OS's resolution).
     */
    public static synchronized void processStarted(double mainEpoch) {
        double t0 = envSeconds("CARNATION_T0");
        double exec = envSeconds("CARNATION_T_EXEC");
        if (!Double.isNaN(t0) && !Double.isNaN(exec) && exec >= t0 && mainEpoch >= exec && mainEpoch - t0 < 600) {
            NANOS.put("launcher", (long) ((exec - t0) * 1e9));
            NANOS.put("jvm start", (long) ((mainEpoch - exec) * 1e9));
            NOTES.put("t0", String.format(Locale.ROOT, "%.6f", t0));
            return;
        }
        ProcessHandle.current().info().startInstant().ifPresent(s -> {
            double start = s.getEpochSecond() + s.getNano() / 1e9;
            if (mainEpoch >= start && mainEpoch - start < 600) {
                NANOS.put("jvm start", (long) ((mainEpoch - start) * 1e9));
                NOTES.put("t0", String.format(Locale.ROOT, "%.6f", start));
            }
        });
    }

    /** Notes how long after the process's start the first pass was back (once). */
    public static synchronized void firstSampleDone() {
        double t = sinceStart();
        if (!NOTES.containsKey("first sample at") && Double.isFinite(t)) {
            NOTES.put("first sample at", String.format(Locale.ROOT, "%.2f s", t));
        }
    }

    /** Seconds from the process's start (launcher or JVM) until now, or NaN when unknown. */
    public static synchronized double sinceStart() {
        String t0 = NOTES.get("t0");
        return t0 == null ? Double.NaN : epochNow() - Double.parseDouble(t0);
    }

    public static synchronized List<Map.Entry<String, Double>> table() {
        List<Map.Entry<String, Double>> out = new ArrayList<>();
        NANOS.forEach((k, v) -> out.add(Map.entry(k, v / 1e9)));
        return out;
    }

    public static synchronized Map<String, String> notes() {
        Map<String, String> m = new LinkedHashMap<>(NOTES);
        m.remove("t0");
        return m;
    }

    /** One line: "start-up: launcher 0.01 s, jvm start 0.30 s, ...". */
    public static synchronized String line() {
        StringBuilder sb = new StringBuilder("start-up:");
        String sep = " ";
        for (Map.Entry<String, Double> e : table()) {
            sb.append(sep).append(e.getKey()).append(' ').append(String.format(Locale.ROOT, "%.2f s", e.getValue()));
            sep = ", ";
        }
        notes().forEach((k, v) -> sb.append("; ").append(k).append(": ").append(v));
        return sb.toString();
    }

    /** The table as a JSON object: {"phases": {name: seconds, ...}, "notes": {...}, "total": s}. */
    public static synchronized String json(Map<String, Object> extra) {
        StringBuilder sb = new StringBuilder("{\n  \"phases\": {");
        String sep = "\n    ";
        for (Map.Entry<String, Double> e : table()) {
            sb.append(sep).append(quote(e.getKey())).append(": ").append(String.format(Locale.ROOT, "%.4f", e.getValue()));
            sep = ",\n    ";
        }
        sb.append("\n  },\n  \"notes\": {");
        sep = "\n    ";
        for (Map.Entry<String, String> e : notes().entrySet()) {
            sb.append(sep).append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
            sep = ",\n    ";
        }
        sb.append("\n  }");
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            Object v = e.getValue();
            String s = v instanceof Number n ? (Double.isFinite(n.doubleValue()) ? String.format(Locale.ROOT, "%.4f", n.doubleValue()) : "null")
                    : quote(String.valueOf(v));
            sb.append(",\n  ").append(quote(e.getKey())).append(": ").append(s);
        }
        return sb.append("\n}\n").toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
