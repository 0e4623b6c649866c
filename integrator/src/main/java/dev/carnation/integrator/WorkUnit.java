package dev.carnation.integrator;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.integrator.backend.Backend;
import dev.carnation.integrator.film.Film;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A piece of a render that can run anywhere: one sample block (Layout.BLOCK_SPP samples, fewer for
 * the last block of a sample count that is not a multiple) of a band of image rows. Its film starts
 * from zero, so merging units of a band in block order ({@link Film#merge}) gives the film a single
 * backend computes for the whole image, bit for bit (docs/scale-out.md).
 */
public record WorkUnit(int block, int firstSample, int endSample, int firstRow, int endRow) implements Serializable {
    public WorkUnit {
        if (block < 0 || firstSample != block * BLOCK_SPP || endSample <= firstSample || endSample > firstSample + BLOCK_SPP
                || firstRow < 0 || endRow <= firstRow) {
            throw new IllegalArgumentException("bad work unit " + block + " [" + firstSample + ", " + endSample + ") rows ["
                    + firstRow + ", " + endRow + ")");
        }
    }

    public int rows() {
        return endRow - firstRow;
    }

    /** The unit's first pixel in the whole image. */
    public int firstPixel(int width) {
        return firstRow * width;
    }

    /**
     * Every unit of an spp-sample render of height rows cut into bands of at most bandRows rows,
     * band by band, each band's blocks in block order (the order to merge them in).
     */
    public static List<WorkUnit> plan(int spp, int height, int bandRows) {
        if (spp < 1 || height < 1 || bandRows < 1) {
            throw new IllegalArgumentException("spp, height and band rows must be positive");
        }
        List<WorkUnit> units = new ArrayList<>();
        for (int y = 0; y < height; y += bandRows) {
            for (int k = 0; k * BLOCK_SPP < spp; k++) {
                units.add(new WorkUnit(k, k * BLOCK_SPP, Math.min(spp, (k + 1) * BLOCK_SPP), y, Math.min(height, y + bandRows)));
            }
        }
        return units;
    }

    /**
     * Renders this unit on a backend prepared for width x rows() pixels (whatever it holds is
     * reset first: one backend can render unit after unit) and returns its film, width x rows().
     */
    public Film render(Scene scene, RenderSettings rs, Backend backend) {
        int[] fi = Renderer.frameInts(rs);
        float[] ff = Renderer.frameFloats(scene, rs, Renderer.DEFAULT_RAY_EPS);
        return render(fi, ff, rs.width(), backend);
    }

    /** {@link #render(Scene, RenderSettings, Backend)} with the frame parameters already packed. */
    public Film render(int[] frameI, float[] frameF, int width, Backend backend) {
        int[] fi = frameI.clone();
        fi[FI_PIXEL_OFFSET] = firstPixel(width);
        fi[FI_RESET] = RESET_ALL;
        fi[FI_SAMPLE_START] = firstSample;
        fi[FI_SAMPLE_COUNT] = endSample - firstSample;
        Film film = new Film(width, rows());
        backend.renderPass(fi, frameF);
        backend.read(film.accum(), film.aov(), film.stats());
        film.setSpp(endSample - firstSample);
        return film;
    }
}
