package dev.carnation.tornado;

import dev.carnation.integrator.Renderer;
import dev.carnation.integrator.backend.Backend;
import dev.carnation.integrator.backend.JvmBackend;
import dev.carnation.integrator.film.Film;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import dev.carnation.scene.SceneLoader;
import java.nio.file.Path;

/** Renders a scene on the JVM and on a TornadoVM device and compares (developer smoke check). */
public final class TornadoCheck {
    public static void main(String[] args) {
        Path scene = Path.of(args[0]);
        int spp = Integer.parseInt(args[1]);
        int w = Integer.parseInt(args[2]);
        int h = Integer.parseInt(args[3]);
        Scene s = SceneLoader.load(scene, dev.carnation.scene.io.Assets.defaultRoot(null));
        var rs = s.render().withSize(w, h);
        SceneBuffers b = SceneBuffers.pack(s);
        Film jvm = run(s, b, rs, new JvmBackend(Runtime.getRuntime().availableProcessors()), spp);
        Film dev = run(s, b, rs, new TornadoBackend(0, 0, TornadoProvider.localSize(), "tornado:0:0"), spp);
        float[] a = jvm.radiance();
        float[] d = dev.radiance();
        int same = 0;
        int close = 0;
        double ma = 0;
        double md = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            md += d[i];
            if (a[i] == d[i]) {
                same++;
            }
            if (Math.abs(a[i] - d[i]) <= 1e-3 * Math.max(Math.abs(a[i]), 1e-6)) {
                close++;
            }
        }
        System.out.printf("mean jvm %.6f device %.6f (rel %.2e); identical %.2f %%, within 1e-3 %.2f %%; rays %d vs %d%n",
                ma / a.length, md / a.length, Math.abs(ma - md) / ma, 100.0 * same / a.length, 100.0 * close / a.length,
                jvm.rays(), dev.rays());
    }

    static Film run(Scene s, SceneBuffers b, dev.carnation.scene.RenderSettings rs, Backend backend, int spp) {
        long t0 = System.nanoTime();
        try (backend) {
            Film f = Renderer.render(s, b, rs, backend, Renderer.Options.samples(spp), new Renderer.Listener() {});
            System.out.printf("%s: %d spp in %.2f s%n", backend.name(), spp, (System.nanoTime() - t0) / 1e9);
            return f;
        }
    }
}
