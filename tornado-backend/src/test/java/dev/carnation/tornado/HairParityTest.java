package dev.carnation.tornado;

import static dev.carnation.kernel.Layout.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.kernel.closure.Bsdf;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;

/**
 * The hair closure as a kernel of its own on the TornadoVM device against plain Java (runs with
 * -Ptornado): setup, eval and sample of random hits must give the same bits. Until curves reach
 * the scenes, this is the closure's only device check beyond compiling inside the path kernel.
 */
class HairParityTest {
    static final int IN = 12;   // h, strand, v, wo 3, wi 3, uLobe, u1, u2
    static final int OUT = 13;  // eval: f 3, pdf; sample: ok, wi 3, weight 3, pdf, flags
    static final int RECORDS = 3;

    static void hairClosure(int n, float[] rec, int[] sceneI, float[] texels, float[] in, float[] out) {
        for (@Parallel int i = 0; i < n; i++) {
            float[] s = new float[S_SIZE];
            for (int k = 0; k < S_SIZE; k++) {
                s[k] = 0f;
            }
            int b = i * IN;
            int o = i * OUT;
            int m = (i % RECORDS) * MAT_STRIDE;
            s[S_MTYPE] = rec[m + M_TYPE];
            s[S_ETA] = rec[m + M_IOR];
            s[S_HAIR_H] = in[b];
            s[S_HAIR_STRAND] = in[b + 1];
            s[S_HAIR_V] = in[b + 2];
            Bsdf.setup(sceneI, rec, texels, m, 0f, 0f, 0f, s);
            float pdf = Bsdf.eval(s, in[b + 3], in[b + 4], in[b + 5], in[b + 6], in[b + 7], in[b + 8]);
            out[o] = s[S_F];
            out[o + 1] = s[S_F + 1];
            out[o + 2] = s[S_F + 2];
            out[o + 3] = pdf;
            float ok = 0f;
            if (Bsdf.sample(s, in[b + 3], in[b + 4], in[b + 5], in[b + 9], in[b + 10], in[b + 11])) {
                ok = 1f;
            }
            out[o + 4] = ok;
            out[o + 5] = s[S_WI];
            out[o + 6] = s[S_WI + 1];
            out[o + 7] = s[S_WI + 2];
            out[o + 8] = s[S_F];
            out[o + 9] = s[S_F + 1];
            out[o + 10] = s[S_F + 2];
            out[o + 11] = s[S_PDF];
            out[o + 12] = s[S_FLAGS];
        }
    }

    static float[] records() {
        float[] rec = new float[RECORDS * MAT_STRIDE];
        float[][] root = {{1.3f, 0.3f, 0f}, {0.6f, 0.35f, 0.2f}, {0f, 0f, 0f}};
        float[][] tip = {{0.4f, 0.5f, 0f}, {0.9f, 0.8f, 0.6f}, {0.2f, 0.4f, 1.5f}};
        int[] mode = {HAIR_MELANIN, HAIR_COLOR, HAIR_ABSORPTION};
        for (int r = 0; r < RECORDS; r++) {
            int m = r * MAT_STRIDE;
            rec[m + M_TYPE] = MAT_HAIR;
            rec[m + M_IOR] = 1.55f;
            rec[m + M_HAIR_MODE] = mode[r];
            System.arraycopy(root[r], 0, rec, m + M_HAIR_ROOT, 3);
            System.arraycopy(tip[r], 0, rec, m + M_HAIR_TIP, 3);
            rec[m + M_HAIR_BETA_M] = 0.1f + 0.3f * r;
            rec[m + M_HAIR_BETA_N] = 0.7f - 0.25f * r;
            rec[m + M_HAIR_ALPHA] = (float) Math.toRadians(2 + r);
            rec[m + M_HAIR_VAR_MELANIN] = 0.3f;
            rec[m + M_HAIR_VAR_ROUGH] = 0.2f;
            rec[m + M_HAIR_VAR_TILT] = 0.5f;
        }
        return rec;
    }

    static float[] unit(SplittableRandom r) {
        double x = r.nextGaussian();
        double y = r.nextGaussian();
        double z = r.nextGaussian();
        double l = Math.sqrt(x * x + y * y + z * z);
        return new float[] {(float) (x / l), (float) (y / l), (float) (z / l)};
    }

    @Test
    void sameBitsOnTheDevice() throws Exception {
        TornadoSettings.apply();
        int n = 8192;
        float[] rec = records();
        float[] in = new float[n * IN];
        SplittableRandom r = new SplittableRandom(17);
        for (int i = 0; i < n; i++) {
            int b = i * IN;
            in[b] = (float) (-1 + 2 * r.nextDouble());
            if (i % 64 == 0) {
                in[b] = i % 128 == 0 ? 1f : -1f;
            }
            in[b + 1] = (float) r.nextDouble();
            in[b + 2] = (float) r.nextDouble();
            System.arraycopy(unit(r), 0, in, b + 3, 3);
            System.arraycopy(unit(r), 0, in, b + 6, 3);
            for (int k = 9; k < 12; k++) {
                in[b + k] = (float) r.nextDouble();
            }
        }
        int[] sceneI = new int[HEADER_I];
        float[] texels = new float[4];
        float[] jvm = new float[n * OUT];
        hairClosure(n, rec, sceneI, texels, in, jvm);
        float[] dev = new float[n * OUT];
        TaskGraph tg = new TaskGraph("hair")
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, rec, sceneI, texels, in)
                .task("closure", HairParityTest::hairClosure, n, rec, sceneI, texels, in, dev)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, dev);
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
            plan.execute();
        }
        int same = 0;
        double worst = 0;
        for (int i = 0; i < jvm.length; i++) {
            if (Float.floatToIntBits(jvm[i]) == Float.floatToIntBits(dev[i])) {
                same++;
            } else {
                worst = Math.max(worst, Math.abs(jvm[i] - dev[i]) / Math.max(1e-6, Math.abs(jvm[i])));
            }
        }
        int successes = 0;
        for (int i = 0; i < n; i++) {
            successes += jvm[i * OUT + 4] > 0 ? 1 : 0;
        }
        System.out.printf("hair closure on the device: %d of %d values bit-identical, worst relative difference %.3g, %d of %d samples taken%n",
                same, jvm.length, worst, successes, n);
        assertTrue(successes > n * 0.99, "samples failed on the JVM");
        assertEquals(jvm.length, same, "values differing from the JVM's (worst relative " + worst + ")");
    }
}
