package dev.carnation.integrator;

import static org.junit.jupiter.api.Assertions.*;

import dev.carnation.integrator.film.Film;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Circle of confusion of the thin lens. A small spherical lamp on the optical axis at distance
 * S_o, with the lens (focal length f, f-number N, aperture A = f / N) focused at S_f, images as a
 * uniform disk. Similar triangles through the aperture give its diameter in the plane of focus,
 * b = A |S_o - S_f| / S_o. The image spans S_f sw / f of that plane (the angle of view of the focal
 * length on the sensor width sw, as docs/scene-format.md defines the camera), so the disk is
 * c = b W f / (sw S_f) pixels across for an image W pixels wide.
 *
 * <p>That is the textbook c = A |S_o - S_f| / S_o x f / (S_f - f) on the sensor, converted with a
 * field (S_f - f) / S_f times narrower: the renderer keeps the angle of view fixed while focusing,
 * where a real lens, moving to v = f S_f / (S_f - f), would narrow it (focus breathing). The
 * difference is 2.5 % at S_f = 2 m and 11 % at 0.5 m with f = 50 mm.
 */
class DepthOfFieldTest {
    static final int W = 96;
    static final double F_MM = 50;
    static final double SENSOR_MM = 24;
    static final double N = 1;

    /**
     * Lamp in front of the plane of focus and behind it, each blurred to ~15 px with a lamp image
     * of 3 px radius. The disk's radius comes from its second moment: a uniform disk of radius R
     * convolved with the lamp's own disk of radius r has <rho^2> = R^2 / 2 + r^2 / 2, and averaging
     * over pixels (box filter) removes 1/12 px^2 per axis from pixel-centre moments. 96 x 96 px x
     * 256 spp put ~7000 lamp hits in the disk, ~1 % noise on R; 5 % tolerance, a doubled or halved
     * aperture is off by 100 % or 50 %.
     */
    @ParameterizedTest(name = "lamp at {0} m, focus at {1} m")
    @CsvSource({"0.5, 2.0", "2.0, 0.5"})
    void outOfFocusLampBlursToTheThinLensCircle(double so, double sf) throws Exception {
        double f = F_MM / 1000;
        double sw = SENSOR_MM / 1000;
        double pxPerRadian = W * f / sw;
        // Lamp radius chosen for a 3 px image (angular radius asin(r / S_o)).
        double lampPx = 3;
        double lampRadius = so * Math.sin(lampPx / pxPerRadian);
        Film film = Scenes.render(Scenes.fromJson("""
                {"camera": {"position": [0, 0, 0], "look_at": [0, 0, -1], "focal_length_mm": %s, "sensor_mm": [%s, %s],
                            "f_number": %s, "focus_distance_m": %s},
                 "render": {"width": %d, "height": %d, "max_depth": 1},
                 "lights": [{"type": "sphere", "position": [0, 0, %s], "radius": %s, "radiance": 100}]}
                """.formatted(F_MM, SENSOR_MM, SENSOR_MM, N, sf, W, W, -so, lampRadius)), 256, 2);
        float[] rgb = film.radiance();
        double sum = 0;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < W * W; i++) {
            double w = rgb[i * 3 + 1];
            sum += w;
            sx += w * (i % W + 0.5);
            sy += w * (i / W + 0.5);
        }
        double cx = sx / sum;
        double cy = sy / sum;
        double srr = 0;
        for (int i = 0; i < W * W; i++) {
            double dx = i % W + 0.5 - cx;
            double dy = i / W + 0.5 - cy;
            srr += rgb[i * 3 + 1] * (dx * dx + dy * dy);
        }
        double rho2 = srr / sum + 2.0 / 12;
        double measured = 2 * Math.sqrt(2 * rho2 - lampPx * lampPx);
        double aperture = f / N;
        double inFocusPlane = aperture * Math.abs(so - sf) / so;
        double predicted = inFocusPlane * W * f / (sw * sf);
        double textbookOnSensor = aperture * Math.abs(so - sf) / so * f / (sf - f);
        System.out.printf("lamp at %.1f m, focus %.1f m: blur disk %.2f px, thin lens %.2f px "
                + "(textbook %.3f mm on the sensor = %.2f px of a %.0f mm wide image)%n",
                so, sf, measured, predicted, textbookOnSensor * 1000, textbookOnSensor / sw * W, SENSOR_MM);
        assertEquals(W / 2.0, cx, 0.5, "disk centred on the axis (x)");
        assertEquals(W / 2.0, cy, 0.5, "disk centred on the axis (y)");
        assertEquals(predicted, measured, 0.05 * predicted, "circle of confusion diameter in pixels");
    }
}
