package dev.carnation.scene.io;

import static dev.carnation.scene.io.FieldsTest.of;
import static dev.carnation.scene.io.FieldsTest.refused;
import static org.junit.jupiter.api.Assertions.*;

import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

/** Transforms are finite and affine, or refused naming the offending entry. */
class TransformsTest {
    @Test
    void hugeRotationsAndTranslationsAreRefused() throws Exception {
        // 1e300 degrees is finite in double and infinite in float: sin and cos of it are NaN.
        refused(() -> Transforms.read(of("{\"rotate_deg\": [1e300, 0, 0]}")), "/r/rotate_deg/0", "single precision");
        refused(() -> Transforms.read(of("{\"rotate_deg\": [0, 1e30, 0]}")), "/r/rotate_deg/1", "360");
        refused(() -> Transforms.read(of("{\"translate\": [0, 0, 1e39]}")), "/r/translate/2", "single precision");
        refused(() -> Transforms.read(of("{\"translate\": [0, 0, 1e9]}")), "/r/translate/2", "1e6 m");
        refused(() -> Transforms.read(of("{\"scale\": 1e7}")), "/r/scale", "1e6");
    }

    @Test
    void matricesMustBeAffineAndBounded() throws Exception {
        refused(() -> Transforms.read(of("{\"matrix\": [1,0,0,0, 0,1,0,0, 0,0,1,0, 0,0,1,1]}")), "/r/matrix", "affine");
        refused(() -> Transforms.read(of("{\"matrix\": [1,0,0,0, 0,1,0,0, 0,0,1,0, 0,0,0,2]}")), "/r/matrix", "affine");
        refused(() -> Transforms.read(of("{\"matrix\": [1,0,0,5e6, 0,1,0,0, 0,0,1,0, 0,0,0,1]}")), "/r/matrix/3", "translation");
        refused(() -> Transforms.read(of("{\"matrix\": [1e30,0,0,0, 0,1,0,0, 0,0,1,0, 0,0,0,1]}")), "/r/matrix/0", "linear part");
        refused(() -> Transforms.read(of("{\"matrix\": [1,0,0,0, 0,1,0,0, 0,0,0,0, 0,0,0,1]}")), "/r/matrix", "singular");
    }

    @Test
    void validTransformsStillWork() throws Exception {
        Matrix4f m = Transforms.read(of("{\"matrix\": [0,-1,0,1, 1,0,0,2, 0,0,1,3, 0,0,0,1]}"));
        Vector3f p = m.transformPosition(new Vector3f(1, 0, 0));
        assertEquals(new Vector3f(1, 3, 3), p);
        Matrix4f t = Transforms.read(of("{\"translate\": [1, 2, 3], \"rotate_deg\": [0, 0, 360], \"scale\": 2}"));
        assertTrue(t.isFinite());
        Vector3f q = t.transformPosition(new Vector3f(1, 0, 0));
        assertEquals(3, q.x, 1e-5);
        assertEquals(2, q.y, 1e-5);
    }
}
