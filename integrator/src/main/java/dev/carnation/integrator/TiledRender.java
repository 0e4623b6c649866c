package dev.carnation.integrator;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.integrator.backend.Backend;
import dev.carnation.integrator.film.Film;
import dev.carnation.integrator.film.FilmImage;
import dev.carnation.scene.MemoryBudget;
import dev.carnation.scene.RenderSettings;
import dev.carnation.scene.Scene;
import dev.carnation.scene.SceneBuffers;

/**
 * Images whose film does not fit a device (or one Java array): the image is rendered band of rows
 * after band, each band to completion on a film of its own, and only each band's means are kept.
 * A pixel's samples do not depend on the band it is in (the sampler is keyed by the whole image's
 * pixel index, Layout.FI_PIXEL_OFFSET), so the image is bit-identical to a whole-image render.
 */
public final class TiledRender {
    private TiledRender() {}

    /** The means of a tiled render: radiance, and the AOV record when asked for. */
    public static final class Image implements FilmImage {
        private final int width;
        private final int height;
        private final float[] rgb;
        private final float[] aov;
        private long nonFinite;
        private long rays;

        Image(int width, int height, boolean aovs) {
            this.width = width;
            this.height = height;
            this.rgb = new float[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
            this.aov = aovs ? new float[Math.multiplyExact(Math.multiplyExact(width, height), AOV_VALUES)] : null;
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public int height() {
            return height;
        }

        @Override
        public float[] radiance() {
            return rgb;
        }

        @Override
        public float[] aov(int offset, int channels) {
            if (aov == null) {
                throw new IllegalStateException("the tiled render kept no AOVs");
            }
            float[] out = new float[width * height * channels];
            for (int i = 0; i < width * height; i++) {
                System.arraycopy(aov, i * AOV_VALUES + offset, out, i * channels, channels);
            }
            return out;
        }

        public long nonFiniteSamples() {
            return nonFinite;
        }

        public long rays() {
            return rays;
        }

        void put(int firstRow, Film band) {
            int first = firstRow * width;
            System.arraycopy(band.radiance(), 0, rgb, first * 3, band.pixels() * 3);
            if (aov != null) {
                System.arraycopy(band.aov(0, AOV_VALUES), 0, aov, first * AOV_VALUES, band.pixels() * AOV_VALUES);
            }
            nonFinite += band.nonFiniteSamples();
            rays += band.rays();
        }
    }

    /** Called after each band with its index (from 0), the band count and the band's film. */
    public interface BandListener {
        void bandDone(int band, int bands, Film film);
    }

    /**
     * The most rows of the given width whose film fits this JVM's heap beside the scene (at most
     * height, at least 1), leaving room for the image of means (keepAovs: with the AOV record).
     */
    public static int rowsThatFit(Scene scene, SceneBuffers buffers, int width, int height, boolean keepAovs) {
        // The means, and as much again for the image writer's copy; bands get half of what is left,
        // since the heap cannot be filled to the byte (large arrays need contiguous regions).
        long means = (long) width * height * 4 * (3 + (keepAovs ? AOV_VALUES : 0));
        long left = Runtime.getRuntime().maxMemory() - MemoryBudget.bytes(scene, buffers) - 2 * means - MemoryBudget.RESERVE;
        long perRow = 2L * width * MemoryBudget.BYTES_PER_PIXEL;
        long byArray = MemoryBudget.MAX_ARRAY / AOV_STRIDE / width;
        return (int) Math.max(1, Math.min(height, Math.min(byArray, left / perRow)));
    }

    /** Renders the image in bands of at most bandRows rows, each with opt's sample count. */
    public static Image render(Scene scene, SceneBuffers buffers, RenderSettings rs, Backend backend, Renderer.Options opt,
                               int bandRows, boolean keepAovs, Renderer.Listener listener, BandListener bands) {
        int h = rs.height();
        int count = (h + bandRows - 1) / bandRows;
        Image image = new Image(rs.width(), h, keepAovs);
        for (int b = 0; b < count; b++) {
            int first = b * bandRows;
            int rows = Math.min(bandRows, h - first);
            Film film = Renderer.renderRows(scene, buffers, rs, backend, opt, first, rows, listener);
            image.put(first, film);
            bands.bandDone(b, count, film);
            if (listener.stopRequested()) {
                break;
            }
        }
        return image;
    }
}
