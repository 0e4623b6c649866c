package dev.carnation.tornado;

import java.nio.charset.StandardCharsets;

/** Turns what TornadoVM's kernel printer wrote into a source that a prebuilt task can load. */
final class KernelSource {
    private KernelSource() {}

    /**
     * printed: the printer's file after one compilation (the source, then a newline). The result
     * rounds like Java on NVIDIA devices too, where TornadoVM's own output does not (measured on an
     * H100: 11-28 % of pixel values bit-identical before, 100 % after): OpenCL gets a pragma that
     * forbids contracting a*b+c into fma, PTX IEEE division. PTX: TornadoVM prints the module with its header (.version, .target,
     * .address_size), and a prebuilt task puts the header back itself, so it is taken off here.
     *
     * @throws IllegalArgumentException when the text is not exactly one render kernel
     */
    static byte[] fromPrinted(byte[] printed, boolean ptx) {
        return fromPrinted(printed, ptx, true);
    }

    /** exact false: TornadoVM's arithmetic as printed (carnation.tornado.math=native). */
    static byte[] fromPrinted(byte[] printed, boolean ptx, boolean exact) {
        String s = new String(printed, StandardCharsets.UTF_8);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\0' || s.charAt(end - 1) == '\n')) {
            end--;
        }
        s = s.substring(0, end).replace("\0", "");
        if (s.isBlank()) {
            throw new IllegalArgumentException("TornadoVM printed no kernel");
        }
        if (ptx) {
            String[] lines = s.split("\n", -1);
            int i = 0;
            while (i < lines.length && (lines[i].isBlank() || lines[i].startsWith(".version") || lines[i].startsWith(".target")
                    || lines[i].startsWith(".address_size"))) {
                i++;
            }
            if (i == 0 || count(s, ".entry") != 1) {
                throw new IllegalArgumentException("the printed PTX is not one module with one entry");
            }
            s = String.join("\n", java.util.Arrays.copyOfRange(lines, i, lines.length));
            // TornadoVM names a PTX entry after the task's argument values and array lengths
            // (PTXCodeUtil.buildKernelName), so one scene's name is not another's: the cache keeps
            // a placeholder and each load puts in the name TornadoVM expects for its arguments.
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\.entry\\s+([A-Za-z0-9_$]+)\\s*\\(").matcher(s);
            if (!m.find()) {
                throw new IllegalArgumentException("the printed PTX has no entry name");
            }
            s = s.replace(m.group(1), ENTRY_PLACEHOLDER);
            // TornadoVM 5.2 emits float division as div.full.f32, an approximation (up to 2 ulp off);
            // Java's division is IEEE round-to-nearest, which is div.rn.f32.
            if (exact) {
                s = s.replace(APPROX_DIV, IEEE_DIV);
            }
        } else if (count(s, "__kernel void render(") != 1 || count(s, "__kernel ") != 1) {
            throw new IllegalArgumentException("the printed OpenCL is not one render kernel");
        } else if (exact && !s.contains(NO_CONTRACTION)) {
            // OpenCL C lets a compiler fuse a*b+c into one fma unless told not to (FP_CONTRACT is on by
            // default); NVIDIA's does so across TornadoVM's one-operation statements, which rounds
            // differently from Java. TornadoVM has no switch for the pragma, so the cached source
            // carries it.
            s = NO_CONTRACTION + "\n" + s;
        }
        return (s + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static final String NO_CONTRACTION = "#pragma OPENCL FP_CONTRACT OFF";
    static final String APPROX_DIV = "div.full.f32";
    static final String IEEE_DIV = "div.rn.f32";

    /** Stands for the PTX entry's name in a cached module. */
    static final String ENTRY_PLACEHOLDER = "carnation_cached_kernel_entry";

    /** A cached PTX module with its entry named as TornadoVM expects it for these arguments. */
    static byte[] ptxForLoad(byte[] cached, String entryName) {
        String s = new String(cached, StandardCharsets.UTF_8);
        if (count(s, ENTRY_PLACEHOLDER) == 0) {
            throw new IllegalArgumentException("the cached PTX has no entry placeholder");
        }
        return s.replace(ENTRY_PLACEHOLDER, entryName).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The entry name TornadoVM 5.2's PTX backend gives (and looks up for) a task: its id with every
     * character that is not a letter or digit made '_', '_' and the method, then per argument '_' and
     * a boxed primitive's value (without '-', '.' as '_') or a primitive array's component type and
     * length; lower case (PTXCodeUtil.buildKernelName, for unbatched tasks). Should it ever differ,
     * the load fails and the kernel is compiled again.
     */
    static String ptxEntryName(String taskId, String method, Object[] args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < taskId.length(); i++) {
            char c = taskId.charAt(i);
            if (i == 0 && Character.isDigit(c)) {
                sb.append('_').append(c);
            } else {
                sb.append(Character.isLetterOrDigit(c) ? c : '_');
            }
        }
        sb.append('_').append(method);
        for (Object a : args) {
            sb.append('_');
            if (a.getClass().isArray()) {
                sb.append(a.getClass().getComponentType().getName().replace('[', '_')).append(java.lang.reflect.Array.getLength(a));
            } else {
                sb.append(a.toString().replace('.', '_').replace("-", ""));
            }
        }
        return sb.toString().replace("&", "").toLowerCase(java.util.Locale.ROOT);
    }

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
