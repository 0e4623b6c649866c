package dev.carnation.integrator;

import static dev.carnation.kernel.Layout.*;
import static dev.carnation.kernel.integrator.PathState.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.film.Film;
import dev.carnation.kernel.integrator.PathState;
import dev.carnation.kernel.integrator.PathTracer;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;
import org.junit.jupiter.api.Test;

/**
 * The path loop's stages communicate only through the path state: run stage by stage over a
 * buffer of states (every path's intersect, then every path's shading, ... as a wavefront
 * integrator's kernels would), they give the film bit for bit what the one-kernel loop gives.
 */
class WavefrontTest {
    @Test
    void stageByStageOverAStateBufferEqualsTheMegakernel() throws Exception {
        String json = """
                {"camera": {"position": [0, 0.02, 0.3], "look_at": [0, 0, 0], "focal_length_mm": 60, "f_number": 8},
                 "render": {"width": 24, "height": 16, "max_depth": 12},
                 "materials": {"skin": {"type": "skin", "base_color": [0.8, 0.5, 0.4]},
                               "glass": {"type": "dielectric", "ior": 1.5, "roughness": 0.1},
                               "gold": {"type": "conductor", "n": [0.18, 0.42, 1.37], "k": [3.4, 2.35, 1.77], "roughness": 0.3},
                               "floor": {"type": "diffuse", "base_color": 0.5}},
                 "shapes": [{"type": "sphere", "radius": 0.02, "material": "skin", "transform": {"translate": [-0.03, 0, 0]}},
                            {"type": "sphere", "radius": 0.02, "material": "glass"},
                            {"type": "torus", "major_radius": 0.015, "minor_radius": 0.004, "material": "gold", "transform": {"translate": [0.035, 0, 0]}},
                            {"type": "rectangle", "size": [1, 1], "material": "floor", "transform": {"translate": [0, -0.02, 0], "rotate_deg": [-90, 0, 0]}}],
                 "lights": [{"type": "environment", "radiance": 0.3},
                            {"type": "rectangle", "position": [0.1, 0.2, 0.2], "look_at": [0, 0, 0], "size": [0.1, 0.1], "radiance": 20}]}
                """;
        Scene scene = Scenes.fromJson(json);
        int spp = 2;
        Film mega = Scenes.render(scene, spp, 1);

        SceneBuffers b = SceneBuffers.pack(scene);
        int w = scene.render().width();
        int h = scene.render().height();
        int paths = w * h;
        int[] fi = Renderer.frameInts(scene.render());
        float[] ff = Renderer.frameFloats(scene, scene.render(), Renderer.DEFAULT_RAY_EPS);
        double[] accum = new double[paths * ACC_STRIDE];
        float[] aov = new float[paths * AOV_STRIDE];
        int[] stats = new int[paths * STAT_STRIDE];
        float[] floats = new float[paths * FLOATS];
        int[] ints = new int[paths * INTS];
        float[] s = new float[FLOATS];
        int[] q = new int[INTS];
        int[] stack = new int[STACK_SIZE];
        for (int sample = 0; sample < spp; sample++) {
            for (int p = 0; p < paths; p++) {
                PathTracer.camera(p, sample, fi, ff, s, q);
                PathState.store(s, q, floats, ints, p);
            }
            boolean alive = true;
            while (alive) {
                alive = false;
                for (int p = 0; p < paths; p++) {
                    PathState.load(floats, ints, p, s, q);
                    if (q[Q_DONE] == 0) {
                        PathTracer.intersect(b.sceneI(), b.sceneF(), s, q, stack);
                    }
                    PathState.store(s, q, floats, ints, p);
                }
                for (int p = 0; p < paths; p++) {
                    PathState.load(floats, ints, p, s, q);
                    if (q[Q_DONE] == 0) {
                        if (q[Q_MODE] == MODE_WALK) {
                            PathTracer.walkStep(p, sample, b.sceneI(), b.sceneF(), fi, s, q);
                        } else if (q[Q_TRI] < 0) {
                            PathTracer.background(b.sceneI(), b.sceneF(), b.texels(), fi, s, q);
                        } else {
                            PathTracer.surface(p, sample, b.sceneI(), b.sceneF(), b.texels(), fi, ff, s, q);
                        }
                    }
                    PathState.store(s, q, floats, ints, p);
                }
                for (int p = 0; p < paths; p++) {
                    PathState.load(floats, ints, p, s, q);
                    if (q[Q_DONE] == 0 && q[Q_VERTEX] != 0) {
                        PathTracer.lightSample(p, sample, b.sceneI(), b.sceneF(), b.texels(), fi, ff, s, q, stack);
                    }
                    PathState.store(s, q, floats, ints, p);
                }
                for (int p = 0; p < paths; p++) {
                    PathState.load(floats, ints, p, s, q);
                    if (q[Q_DONE] == 0 && q[Q_VERTEX] != 0) {
                        PathTracer.bsdfSample(p, sample, b.sceneI(), fi, ff, s, q);
                        if (q[Q_DONE] == 0) {
                            PathTracer.russianRoulette(p, sample, fi, s, q);
                        }
                    }
                    alive |= q[Q_DONE] == 0;
                    PathState.store(s, q, floats, ints, p);
                }
            }
            for (int p = 0; p < paths; p++) {
                PathState.load(floats, ints, p, s, q);
                PathTracer.finish(p, ff, s, q, accum, aov, stats);
                stats[p * STAT_STRIDE + STAT_SAMPLES] += 1; // the pass driver counts samples, as renderPixel does
            }
        }
        assertArrayEquals(mega.accum(), accum);
        assertArrayEquals(mega.aov(), aov);
        assertArrayEquals(mega.stats(), stats);
        assertTrue(mega.rays() > (long) paths * spp * 2, "the scene must be more than camera rays");
    }
}
