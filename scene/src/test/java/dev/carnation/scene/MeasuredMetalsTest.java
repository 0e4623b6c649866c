package dev.carnation.scene;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.kernel.closure.Fresnel;
import dev.carnation.scene.material.Spectra;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Conductor presets from Johnson and Christy's measured n, k (bundled, or the asset root's spectra/). */
class MeasuredMetalsTest {
    static Spectra read(String file) throws Exception {
        return Spectra.read(TestScenes.assets().resolve(Path.of("spectra", file)));
    }

    @Test
    void goldNormalIncidenceReflectanceFromMeasuredData() throws Exception {
        Spectra gold = read("Au_Johnson.yml");
        float[] nk = gold.rgb();
        for (int c = 0; c < 3; c++) {
            double n = nk[c];
            double k = nk[3 + c];
            double want = ((n - 1) * (n - 1) + k * k) / ((n + 1) * (n + 1) + k * k);
            assertEquals(want, Fresnel.conductor(1f, nk[c], nk[3 + c]), 1e-5);
        }
        // Gold is yellow: red reflects most, blue least. The preset's n, k are fitted to the spectral
        // Fresnel under D65 (MetalColour): linear sRGB F0 ~(1.0, 0.71, 0.35); the red of the measured
        // spectrum is just outside sRGB (1.035), so the fit brings it to just under 1 (docs/metals.md).
        double r = Fresnel.conductor(1f, nk[0], nk[3]);
        double g = Fresnel.conductor(1f, nk[1], nk[4]);
        double b = Fresnel.conductor(1f, nk[2], nk[5]);
        assertTrue(r > 0.95 && r <= 1, "R " + r);
        assertTrue(g > 0.65 && g < 0.8, "G " + g);
        assertTrue(b > 0.3 && b < 0.45, "B " + b);
    }

    @Test
    void interpolatesBetweenTableRows() throws Exception {
        Spectra silver = read("Ag_Johnson.yml");
        double[] lo = silver.at(0.5);
        double[] hi = silver.at(0.6);
        double[] mid = silver.at(0.55);
        assertTrue(mid[1] > Math.min(lo[1], hi[1]) && mid[1] < Math.max(lo[1], hi[1]));
        // Silver is nearly white: high reflectance in all three channels.
        float[] nk = silver.rgb();
        for (int c = 0; c < 3; c++) {
            assertTrue(Fresnel.conductor(1f, nk[c], nk[3 + c]) > 0.9);
        }
    }

    @Test
    void bundledTablesAreTheAssetRootsTables() throws Exception {
        for (String f : new String[] {"Au_Johnson.yml", "Ag_Johnson.yml", "Cu_Johnson.yml"}) {
            assertArrayEquals(read(f).rgb(), Spectra.bundled(f).rgb(), f);
        }
    }

    @Test
    void presetsLoadWithoutAnAssetRootAndTheRootOverrides(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path scene = java.nio.file.Files.writeString(tmp.resolve("s.json"), """
                {"camera": {"position": [0, 0, 3], "look_at": [0, 0, 0]},
                 "materials": {"g": {"type": "conductor", "preset": "gold"}},
                 "shapes": [{"type": "sphere", "radius": 1, "material": "g"}]}
                """);
        float[] bundled = SceneLoader.load(scene, null).materials().get(0).record();
        assertArrayEquals(bundled, SceneLoader.load(scene, tmp.resolve("nowhere")).materials().get(0).record());
        // A table under the asset root takes precedence over the bundled one.
        Path spectra = java.nio.file.Files.createDirectories(tmp.resolve("root/spectra"));
        java.nio.file.Files.writeString(spectra.resolve("Au_Johnson.yml"),
                "DATA:\n  - type: tabulated nk\n    data: |\n        0.4 2.0 3.0\n        0.7 2.0 3.0\n");
        float[] custom = SceneLoader.load(scene, tmp.resolve("root")).materials().get(0).record();
        int n = dev.carnation.kernel.Layout.M_COND_N;
        // A flat n, k fits to itself (up to the fit's tolerance).
        assertEquals(2.0f, custom[n], 0.01f);
        assertNotEquals(2.0f, bundled[n]);
    }
}
