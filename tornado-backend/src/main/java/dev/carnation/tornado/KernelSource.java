package dev.carnation.tornado;

import java.nio.charset.StandardCharsets;

/** Turns what TornadoVM's kernel printer wrote into a source that a prebuilt task can load. */
final class KernelSource {
    private KernelSource() {}

    /**
     * printed: the printer's file after one compilation (the source, then a newline). OpenCL: the
     * source as compiled. PTX: TornadoVM prints the module with its header (.version, .target,
     * .address_size), and a prebuilt task puts the header back itself, so it is taken off here.
     *
     * @throws IllegalArgumentException when the text is not exactly one render kernel
     */
    static byte[] fromPrinted(byte[] printed, boolean ptx) {
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
        } else if (count(s, "__kernel void render(") != 1 || count(s, "__kernel ") != 1) {
            throw new IllegalArgumentException("the printed OpenCL is not one render kernel");
        }
        return (s + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
