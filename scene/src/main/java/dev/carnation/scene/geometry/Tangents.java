package dev.carnation.scene.geometry;

/**
 * Per-vertex tangents from texture-coordinate gradients (Lengyel's method): accumulate each
 * triangle's dP/du and dP/dv, orthogonalise against the normal, store the bitangent's handedness
 * (bitangent = sign * N x T points up the image, towards decreasing v, as glTF's normal maps expect).
 */
public final class Tangents {
    private Tangents() {}

    public static void generate(Mesh m) {
        int nv = m.vertexCount();
        float[] p = m.positions();
        float[] uv = m.uvs();
        float[] n = m.normals();
        int[] idx = m.indices();
        float[] t = new float[nv * 3];
        float[] b = new float[nv * 3];
        for (int tri = 0; tri < m.triangleCount(); tri++) {
            int i0 = idx[tri * 3];
            int i1 = idx[tri * 3 + 1];
            int i2 = idx[tri * 3 + 2];
            float e1x = p[i1 * 3] - p[i0 * 3];
            float e1y = p[i1 * 3 + 1] - p[i0 * 3 + 1];
            float e1z = p[i1 * 3 + 2] - p[i0 * 3 + 2];
            float e2x = p[i2 * 3] - p[i0 * 3];
            float e2y = p[i2 * 3 + 1] - p[i0 * 3 + 1];
            float e2z = p[i2 * 3 + 2] - p[i0 * 3 + 2];
            float du1 = uv[i1 * 2] - uv[i0 * 2];
            float dv1 = uv[i1 * 2 + 1] - uv[i0 * 2 + 1];
            float du2 = uv[i2 * 2] - uv[i0 * 2];
            float dv2 = uv[i2 * 2 + 1] - uv[i0 * 2 + 1];
            float det = du1 * dv2 - du2 * dv1;
            if (Math.abs(det) < 1e-20f) {
                continue;
            }
            float r = 1f / det;
            float tx = (e1x * dv2 - e2x * dv1) * r;
            float ty = (e1y * dv2 - e2y * dv1) * r;
            float tz = (e1z * dv2 - e2z * dv1) * r;
            float bx = (e2x * du1 - e1x * du2) * r;
            float by = (e2y * du1 - e1y * du2) * r;
            float bz = (e2z * du1 - e1z * du2) * r;
            for (int k = 0; k < 3; k++) {
                int v = idx[tri * 3 + k];
                t[v * 3] += tx;
                t[v * 3 + 1] += ty;
                t[v * 3 + 2] += tz;
                b[v * 3] += bx;
                b[v * 3 + 1] += by;
                b[v * 3 + 2] += bz;
            }
        }
        for (int v = 0; v < nv; v++) {
            float nx = n[v * 3];
            float ny = n[v * 3 + 1];
            float nz = n[v * 3 + 2];
            float tx = t[v * 3];
            float ty = t[v * 3 + 1];
            float tz = t[v * 3 + 2];
            float d = nx * tx + ny * ty + nz * tz;
            tx -= d * nx;
            ty -= d * ny;
            tz -= d * nz;
            float l = (float) Math.sqrt(tx * tx + ty * ty + tz * tz);
            if (l > 0) {
                tx /= l;
                ty /= l;
                tz /= l;
            }
            // Handedness. Texture v runs down the image (glTF), but tangent-space normal maps follow
            // the OpenGL/glTF convention of green = up the image, so the bitangent is -dP/dv.
            float cx = ny * tz - nz * ty;
            float cy = nz * tx - nx * tz;
            float cz = nx * ty - ny * tx;
            float sign = cx * b[v * 3] + cy * b[v * 3 + 1] + cz * b[v * 3 + 2] > 0 ? -1f : 1f;
            m.setTangent(v, tx, ty, tz, sign);
        }
    }
}
