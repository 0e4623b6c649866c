package dev.carnation.scene.geometry;

/**
 * Analytic helper shapes tessellated on the host, in their own object space. Texture coordinates
 * run (0,0) top-left as in glTF; tangents follow +u and are derived by {@link Tangents}.
 */
public final class Shapes {
    private Shapes() {}

    private static final float PI = (float) Math.PI;

    /** UV sphere around the origin; +y is the pole. */
    public static Mesh sphere(float radius, int rings, int segments) {
        Mesh m = new Mesh();
        for (int i = 0; i <= rings; i++) {
            float v = (float) i / rings;
            float theta = v * PI;
            for (int j = 0; j <= segments; j++) {
                float u = (float) j / segments;
                float phi = u * 2f * PI;
                float x = (float) (Math.sin(theta) * Math.sin(phi));
                float y = (float) Math.cos(theta);
                float z = (float) (Math.sin(theta) * Math.cos(phi));
                m.addVertex(radius * x, radius * y, radius * z, x, y, z, u, v);
            }
        }
        grid(m, rings, segments, true);
        Tangents.generate(m);
        return m;
    }

    /** Vertices of {@link #rectangle}: the (-x, -y) corner and the far ends of its x and y edges. */
    public static final int RECT_CORNER = 2;
    public static final int RECT_X_END = 3;
    public static final int RECT_Y_END = 0;

    /** Rectangle in the xy plane centred on the origin, facing +z (vertex order: see RECT_*). */
    public static Mesh rectangle(float width, float height) {
        Mesh m = new Mesh();
        float hw = width / 2;
        float hh = height / 2;
        m.addVertex(-hw, hh, 0, 0, 0, 1, 0, 0);
        m.addVertex(hw, hh, 0, 0, 0, 1, 1, 0);
        m.addVertex(-hw, -hh, 0, 0, 0, 1, 0, 1);
        m.addVertex(hw, -hh, 0, 0, 0, 1, 1, 1);
        m.addTriangle(0, 2, 1, 0);
        m.addTriangle(1, 2, 3, 0);
        Tangents.generate(m);
        return m;
    }

    /** Disk in the xy plane centred on the origin, facing +z. */
    public static Mesh disk(float radius, int segments) {
        Mesh m = new Mesh();
        int c = m.addVertex(0, 0, 0, 0, 0, 1, 0.5f, 0.5f);
        for (int j = 0; j <= segments; j++) {
            float phi = 2f * PI * j / segments;
            float x = (float) Math.cos(phi);
            float y = (float) Math.sin(phi);
            m.addVertex(radius * x, radius * y, 0, 0, 0, 1, 0.5f + 0.5f * x, 0.5f - 0.5f * y);
        }
        for (int j = 0; j < segments; j++) {
            m.addTriangle(c, c + 1 + j, c + 2 + j, 0);
        }
        Tangents.generate(m);
        return m;
    }

    /** Torus around the y axis: ring radius R in the xz plane, tube radius r. */
    public static Mesh torus(float major, float minor, int majorSegments, int minorSegments) {
        Mesh m = new Mesh();
        for (int i = 0; i <= majorSegments; i++) {
            float u = (float) i / majorSegments;
            float phi = u * 2f * PI;
            float cp = (float) Math.cos(phi);
            float sp = (float) Math.sin(phi);
            for (int j = 0; j <= minorSegments; j++) {
                float v = (float) j / minorSegments;
                float psi = v * 2f * PI;
                float cs = (float) Math.cos(psi);
                float ss = (float) Math.sin(psi);
                float nx = cs * cp;
                float ny = ss;
                float nz = cs * sp;
                m.addVertex((major + minor * cs) * cp, minor * ss, (major + minor * cs) * sp, nx, ny, nz, u, v);
            }
        }
        grid(m, majorSegments, minorSegments, false);
        Tangents.generate(m);
        return m;
    }

    /**
     * Seamless cyclorama: a floor (y = 0) from z = floorDepth back to z = 0, a quarter-circle cove of
     * the given radius, and a wall at z = -radius rising to y = radius + wallHeight. Width along x.
     */
    public static Mesh cyclorama(float width, float floorDepth, float wallHeight, float radius, int coveSegments) {
        int n = coveSegments + 3;
        float[] ys = new float[n];
        float[] zs = new float[n];
        float[] ny = new float[n];
        float[] nz = new float[n];
        ys[0] = 0;
        zs[0] = floorDepth;
        ny[0] = 1;
        for (int i = 0; i <= coveSegments; i++) {
            float a = 0.5f * PI * i / coveSegments;
            ys[i + 1] = radius - radius * (float) Math.cos(a);
            zs[i + 1] = -radius * (float) Math.sin(a);
            ny[i + 1] = (float) Math.cos(a);
            nz[i + 1] = (float) Math.sin(a);
        }
        ys[n - 1] = radius + wallHeight;
        zs[n - 1] = -radius;
        nz[n - 1] = 1;
        float[] arc = new float[n];
        for (int i = 1; i < n; i++) {
            arc[i] = arc[i - 1] + (float) Math.hypot(ys[i] - ys[i - 1], zs[i] - zs[i - 1]);
        }
        Mesh m = new Mesh();
        float hw = width / 2;
        for (int i = 0; i < n; i++) {
            float v = 1f - arc[i] / arc[n - 1];
            m.addVertex(-hw, ys[i], zs[i], 0, ny[i], nz[i], 0, v);
            m.addVertex(hw, ys[i], zs[i], 0, ny[i], nz[i], 1, v);
        }
        for (int i = 0; i + 1 < n; i++) {
            int a = 2 * i;
            m.addTriangle(a, a + 1, a + 2, 0);
            m.addTriangle(a + 1, a + 3, a + 2, 0);
        }
        Tangents.generate(m);
        return m;
    }

    /** Axis-aligned box centred on the origin; faces point out, or in for a closed room. */
    public static Mesh box(float sx, float sy, float sz, boolean inward) {
        Mesh m = new Mesh();
        float[][] axes = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        float[] half = {sx / 2, sy / 2, sz / 2};
        for (float[] n : axes) {
            // Two in-plane axes u, w with u x w = n.
            float[] u = Math.abs(n[1]) > 0 ? new float[] {1, 0, 0} : new float[] {0, 1, 0};
            float[] w = {n[1] * u[2] - n[2] * u[1], n[2] * u[0] - n[0] * u[2], n[0] * u[1] - n[1] * u[0]};
            float s = inward ? -1 : 1;
            int base = m.vertexCount();
            for (int k = 0; k < 4; k++) {
                float a = (k & 1) == 0 ? -1 : 1;
                float b = (k & 2) == 0 ? -1 : 1;
                float x = (n[0] + a * u[0] + b * w[0]) * half[0];
                float y = (n[1] + a * u[1] + b * w[1]) * half[1];
                float z = (n[2] + a * u[2] + b * w[2]) * half[2];
                m.addVertex(x, y, z, s * n[0], s * n[1], s * n[2], (a + 1) / 2, (1 - b) / 2);
            }
            if (inward) {
                m.addTriangle(base, base + 2, base + 1, 0);
                m.addTriangle(base + 1, base + 2, base + 3, 0);
            } else {
                m.addTriangle(base, base + 1, base + 2, 0);
                m.addTriangle(base + 1, base + 3, base + 2, 0);
            }
        }
        Tangents.generate(m);
        return m;
    }

    /** Triangulates a (rows+1) x (cols+1) vertex grid, counter-clockwise seen from outside. */
    private static void grid(Mesh m, int rows, int cols, boolean ccwOutside) {
        int stride = cols + 1;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int a = i * stride + j;
                int b = a + 1;
                int c = a + stride;
                int d = c + 1;
                if (ccwOutside) {
                    // On a sphere the first and last rings collapse to the poles: skip the zero-area half.
                    if (i > 0) {
                        m.addTriangle(a, c, b, 0);
                    }
                    if (i < rows - 1) {
                        m.addTriangle(b, c, d, 0);
                    }
                } else {
                    m.addTriangle(a, b, c, 0);
                    m.addTriangle(b, d, c, 0);
                }
            }
        }
    }
}
