package dev.carnation.scene.material;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measured complex refractive index n + ik against wavelength, from refractiveindex.info YAML
 * tables (Johnson and Christy 1972 for gold, silver, copper), linearly interpolated.
 *
 * <p>The RGB renderer takes one (n, k) per channel: {@link #rgb()} fits them so that the kernel's
 * Fresnel matches the spectral Fresnel of the whole table under D65, 0–89° (MetalColour,
 * docs/metals.md). Sampling the table at one wavelength per channel ({@link #pointSamples()}, the
 * dominant wavelengths of the sRGB primaries, 612, 549 and 465 nm) was used before and is off by up
 * to ΔE2000 ~6 for gold: reflectance is non-linear in n and k, and a channel sees a band.
 */
public final class Spectra {
    public static final double[] RGB_WAVELENGTHS_UM = {0.612, 0.549, 0.465};

    private final double[] wavelength;
    private final double[] n;
    private final double[] k;

    private Spectra(double[] wavelength, double[] n, double[] k) {
        this.wavelength = wavelength;
        this.n = n;
        this.k = k;
    }

    public static Spectra read(Path yaml) throws IOException {
        try (InputStream in = Files.newInputStream(yaml)) {
            return read(in);
        }
    }

    private static final Map<String, Spectra> BUNDLED = new ConcurrentHashMap<>();

    /**
     * A table bundled with carnation (resources dev/carnation/scene/spectra/, see the README there),
     * parsed once per process: tables are immutable, and a YAML parser is slow to start.
     */
    public static Spectra bundled(String fileName) throws IOException {
        Spectra s = BUNDLED.get(fileName);
        if (s == null) {
            try (InputStream in = Spectra.class.getResourceAsStream("/dev/carnation/scene/spectra/" + fileName)) {
                if (in == null) {
                    throw new IOException("no bundled table " + fileName);
                }
                s = read(in);
            }
            BUNDLED.put(fileName, s);
        }
        return s;
    }

    static Spectra read(InputStream yaml) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        JsonNode data = root.path("DATA").path(0).path("data");
        if (!data.isTextual()) {
            throw new IOException("no DATA[0].data table");
        }
        List<double[]> rows = new ArrayList<>();
        for (String line : data.asText().split("\n")) {
            String t = line.trim();
            if (t.isEmpty()) {
                continue;
            }
            String[] f = t.split("\\s+");
            if (f.length < 3) {
                throw new IOException("table row \"" + t + "\" needs wavelength n k");
            }
            try {
                rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])});
            } catch (NumberFormatException e) {
                throw new IOException("table row \"" + t + "\" is not three numbers");
            }
        }
        rows.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] w = new double[rows.size()];
        double[] n = new double[rows.size()];
        double[] k = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            w[i] = rows.get(i)[0];
            n[i] = rows.get(i)[1];
            k[i] = rows.get(i)[2];
        }
        if (w.length < 2) {
            throw new IOException("table has fewer than 2 rows");
        }
        return new Spectra(w, n, k);
    }

    /** {n, k} at a wavelength in micrometres. */
    public double[] at(double um) {
        if (um <= wavelength[0]) {
            return new double[] {n[0], k[0]};
        }
        int last = wavelength.length - 1;
        if (um >= wavelength[last]) {
            return new double[] {n[last], k[last]};
        }
        int i = 0;
        while (wavelength[i + 1] < um) {
            i++;
        }
        double t = (um - wavelength[i]) / (wavelength[i + 1] - wavelength[i]);
        return new double[] {n[i] + t * (n[i + 1] - n[i]), k[i] + t * (k[i + 1] - k[i])};
    }

    private volatile float[] fitted;

    /** Fits by table content: a table under the asset root is re-read with every scene load. */
    private static final Map<String, float[]> FITS = new ConcurrentHashMap<>();

    /**
     * Per-channel n and k fitted to this table's spectral Fresnel (MetalColour.fit): {nR, nG, nB,
     * kR, kG, kB}. Computed once per table (a few milliseconds), so a table under the asset root is
     * fitted just like the bundled ones.
     */
    public float[] rgb() {
        float[] f = fitted;
        if (f == null) {
            String key = java.util.Arrays.toString(wavelength) + java.util.Arrays.toString(n) + java.util.Arrays.toString(k);
            f = FITS.computeIfAbsent(key, x -> MetalColour.fit(this));
            fitted = f;
        }
        return f.clone();
    }

    /** n and k sampled at the three RGB wavelengths (the former presets): {nR, nG, nB, kR, kG, kB}. */
    public float[] pointSamples() {
        float[] out = new float[6];
        for (int c = 0; c < 3; c++) {
            double[] nk = at(RGB_WAVELENGTHS_UM[c]);
            out[c] = (float) nk[0];
            out[3 + c] = (float) nk[1];
        }
        return out;
    }
}
