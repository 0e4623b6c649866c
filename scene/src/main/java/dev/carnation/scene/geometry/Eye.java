package dev.carnation.scene.geometry;

/**
 * A human eye as closed meshes, in its own frame: metres, the eyeball's centre at the origin, the
 * gaze along +z. Five objects, each closed where a medium or a random walk needs it:
 * <ul>
 * <li>sclera: the eyeball sphere up to a plane just behind the limbus, closed by a disc there;</li>
 * <li>cornea: a shell between two concentric spheres (anterior radius, anterior minus thickness),
 * closed by a ring at the limbus plane. Concentric, so the light through it can be solved on the
 * analytic spheres (light/Mnee) with both its refractions;</li>
 * <li>aqueous humour: a sphere cap reaching 0.1 mm into the cornea (which outranks it, so its
 * front is no interface: the cornea's inner surface is) and a disc just behind the iris;</li>
 * <li>iris: a shallow cone, its pupil margin {@code irisDepth} behind the corneal apex and its root
 * {@code irisCone} deeper, textured in polar coordinates (u around, v from the pupil margin out);</li>
 * <li>pupil: a disc just behind the pupil margin.</li>
 * </ul>
 * Lengths in the parameters are millimetres, as anatomy gives them.
 */
public final class Eye {
    /** Gaps between neighbouring surfaces, mm: several ray offsets (20 µm) wide. */
    static final double AQUEOUS_BEHIND_IRIS = 0.08;
    static final double LIMBUS_BEHIND_IRIS = 0.15;
    static final double SCLERA_BEHIND_LIMBUS = 0.1;
    static final double AQUEOUS_INTO_CORNEA = 0.1;
    static final double IRIS_INSIDE_CORNEA = 0.02;
    static final double PUPIL_BEHIND_MARGIN = 0.05;

    /** The shape's parameters, mm (IORs and strength unitless). irisDiameter 0: as large as fits. */
    public record Params(double diameter, double corneaRadius, double corneaThickness, double corneaIor, double aqueousIor,
                         double irisDepth, double irisCone, double irisDiameter, double pupilDiameter,
                         double limbusWidth, double limbusStrength, int segments) {
        public static Params defaults() {
            return new Params(24, 7.8, 0.55, 1.376, 1.336, 2.4, 0.4, 0, 4, 0.6, 0.6, 96);
        }
    }

    public final Params p;
    /** Eye-frame z (mm) of the corneal apex and of the cornea's sphere centre. */
    public final double apexZ;
    public final double corneaCentreZ;
    public final double posteriorRadius;
    public final double irisRadius;
    public final double pupilRadius;
    /** Depths below the apex (mm): pupil margin, iris root, aqueous back, limbus plane, sclera disc. */
    public final double depthPupil;
    public final double depthRoot;
    public final double depthAqueous;
    public final double depthLimbus;
    public final double depthSclera;

    public final Mesh sclera = new Mesh();
    public final Mesh cornea = new Mesh();
    public final Mesh aqueous = new Mesh();
    public final Mesh iris = new Mesh();
    public final Mesh pupil = new Mesh();

    /** Builds the meshes; throws IllegalArgumentException naming the parameter that cannot fit. */
    public Eye(Params p) {
        this.p = p;
        double rc = p.corneaRadius();
        posteriorRadius = rc - p.corneaThickness();
        if (!(posteriorRadius > 0.5 * rc)) {
            throw new IllegalArgumentException("cornea_thickness_mm: must be less than half of cornea_radius_mm");
        }
        depthPupil = p.irisDepth();
        depthRoot = p.irisDepth() + p.irisCone();
        depthAqueous = depthRoot + AQUEOUS_BEHIND_IRIS;
        depthLimbus = depthRoot + LIMBUS_BEHIND_IRIS;
        depthSclera = depthLimbus + SCLERA_BEHIND_LIMBUS;
        if (!(depthPupil > p.corneaThickness() + 0.2)) {
            throw new IllegalArgumentException("iris_depth_mm: the iris must lie at least 0.2 mm behind the cornea's inner surface");
        }
        if (!(depthSclera < rc)) {
            throw new IllegalArgumentException("iris_depth_mm: iris_depth_mm + iris_cone_mm must be less than cornea_radius_mm - 0.25");
        }
        double maxIris = rho(posteriorRadius, rc - depthRoot) - IRIS_INSIDE_CORNEA;
        irisRadius = p.irisDiameter() > 0 ? p.irisDiameter() / 2 : maxIris;
        if (!(irisRadius <= maxIris + 1e-9)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "iris_diameter_mm: at most %.2f mm fits inside this cornea at the iris root", 2 * maxIris));
        }
        pupilRadius = p.pupilDiameter() / 2;
        if (!(pupilRadius <= irisRadius - 0.5)) {
            throw new IllegalArgumentException("pupil_diameter_mm: must be at least 1 mm less than the iris diameter");
        }
        double re = p.diameter() / 2;
        double limbusRho = rho(rc, rc - depthLimbus);
        if (!(re > limbusRho + 0.5)) {
            throw new IllegalArgumentException("diameter_mm: the eyeball must be wider than the cornea at the limbus");
        }
        apexZ = Math.sqrt(re * re - limbusRho * limbusRho) + depthLimbus;
        corneaCentreZ = apexZ - rc;
        build();
    }

    /** Polar angle (radians from the gaze, about the eyeball's centre) of the limbus on the sclera sphere. */
    public double limbusPolarAngle() {
        return Math.acos((apexZ - depthLimbus) / (p.diameter() / 2));
    }

    /** Radius of the circle where a sphere of radius r is cut at distance h from its centre. */
    static double rho(double r, double h) {
        return Math.sqrt(Math.max(0, r * r - h * h));
    }

    private void build() {
        int n = p.segments();
        int rings = Math.max(8, n / 3);
        double rc = p.corneaRadius();
        double re = p.diameter() / 2;
        // Cornea: anterior cap, posterior cap, limbus ring (normals out of the shell).
        double thA = Math.acos((rc - depthLimbus) / rc);
        sphereCap(cornea, corneaCentreZ, rc, 0, thA, rings, n, 1);
        double thP = Math.acos((rc - depthLimbus) / posteriorRadius);
        sphereCap(cornea, corneaCentreZ, posteriorRadius, 0, thP, rings, n, -1);
        double zl = apexZ - depthLimbus;
        annulus(cornea, zl, posteriorRadius * Math.sin(thP), rc * Math.sin(thA), n, -1, 0, 1);
        // Aqueous: a cap inside the cornea shell, a disc behind the iris.
        double ra = Math.min(posteriorRadius + AQUEOUS_INTO_CORNEA, posteriorRadius + 0.5 * p.corneaThickness());
        double thQ = Math.acos((rc - depthAqueous) / ra);
        sphereCap(aqueous, corneaCentreZ, ra, 0, thQ, rings, n, 1);
        annulus(aqueous, apexZ - depthAqueous, 0, ra * Math.sin(thQ), n, -1, 0, 1);
        // Iris: a cone from the pupil margin (v = 0) to the root (v = 1), facing the cornea.
        double[] rho = new double[9];
        double[] z = new double[9];
        double nr = p.irisCone();
        double nz = irisRadius - pupilRadius;
        double nl = Math.hypot(nr, nz);
        double[] nrs = new double[9];
        double[] nzs = new double[9];
        double[] v = new double[9];
        for (int i = 0; i < 9; i++) {
            double f = i / 8.0;
            rho[i] = pupilRadius + f * (irisRadius - pupilRadius);
            z[i] = apexZ - depthPupil - f * p.irisCone();
            nrs[i] = nr / nl;
            nzs[i] = nz / nl;
            v[i] = f;
        }
        revolve(iris, rho, z, nrs, nzs, v, n);
        // Pupil: a disc behind the margin, overlapping the iris's back.
        annulus(pupil, apexZ - depthPupil - PUPIL_BEHIND_MARGIN, 0, pupilRadius + 0.1, n, 1, 0, 1);
        // Sclera: the sphere behind the plane just behind the limbus, closed by a disc there.
        double zs = apexZ - depthSclera;
        double thS = Math.acos(zs / re);
        sphereCap(sclera, 0, re, thS, Math.PI, 2 * rings, 2 * n, 1);
        annulus(sclera, zs, 0, re * Math.sin(thS), 2 * n, 1, 0, 0);
        for (Mesh m : new Mesh[] {sclera, cornea, aqueous, iris, pupil}) {
            Tangents.generate(m);
        }
    }

    /**
     * Zone of the sphere of radius r centred at (0, 0, cz) between polar angles th0 and th1 from
     * +z; normals away from the centre (side 1) or towards it (side -1). uv: around, and th / pi.
     */
    private static void sphereCap(Mesh m, double cz, double r, double th0, double th1, int rings, int n, int side) {
        double[] rho = new double[rings + 1];
        double[] z = new double[rings + 1];
        double[] nr = new double[rings + 1];
        double[] nz = new double[rings + 1];
        double[] v = new double[rings + 1];
        for (int i = 0; i <= rings; i++) {
            double th = th0 + (th1 - th0) * i / rings;
            rho[i] = r * Math.sin(th);
            z[i] = cz + r * Math.cos(th);
            nr[i] = side * Math.sin(th);
            nz[i] = side * Math.cos(th);
            v[i] = th / Math.PI;
        }
        revolve(m, rho, z, nr, nz, v, n);
    }

    /** Flat ring at height z between radii r0 and r1, normal (0, 0, nz); v runs from v0 to v1. */
    private static void annulus(Mesh m, double z, double r0, double r1, int n, double nz, double v0, double v1) {
        int k = 4;
        double[] rho = new double[k + 1];
        double[] zs = new double[k + 1];
        double[] nr = new double[k + 1];
        double[] nzs = new double[k + 1];
        double[] v = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            rho[i] = r0 + (r1 - r0) * i / k;
            zs[i] = z;
            nzs[i] = nz;
            v[i] = v0 + (v1 - v0) * i / k;
        }
        revolve(m, rho, zs, nr, nzs, v, n);
    }

    /**
     * Surface of revolution about z of a profile (rho, z) with normals (nr, nz) in the profile's
     * plane, n segments around. Positions go out in metres. Each triangle is wound so that its
     * geometric normal agrees with the vertex normals (the kernel's front face); zero-area ones at
     * the axis are left out.
     */
    private static void revolve(Mesh m, double[] rho, double[] z, double[] nr, double[] nz, double[] v, int n) {
        int base = m.vertexCount();
        int rows = rho.length;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j <= n; j++) {
                double phi = 2 * Math.PI * j / n;
                double c = Math.cos(phi);
                double s = Math.sin(phi);
                m.addVertex((float) (1e-3 * rho[i] * c), (float) (1e-3 * rho[i] * s), (float) (1e-3 * z[i]),
                        (float) (nr[i] * c), (float) (nr[i] * s), (float) nz[i], (float) j / n, (float) v[i]);
            }
        }
        int stride = n + 1;
        for (int i = 0; i + 1 < rows; i++) {
            for (int j = 0; j < n; j++) {
                int a = base + i * stride + j;
                int b = a + 1;
                int c = a + stride;
                int d = c + 1;
                tri(m, a, c, b);
                tri(m, b, c, d);
            }
        }
    }

    private static void tri(Mesh m, int a, int b, int c) {
        float[] p = m.positions();
        float[] nn = m.normals();
        double e1x = p[b * 3] - p[a * 3];
        double e1y = p[b * 3 + 1] - p[a * 3 + 1];
        double e1z = p[b * 3 + 2] - p[a * 3 + 2];
        double e2x = p[c * 3] - p[a * 3];
        double e2y = p[c * 3 + 1] - p[a * 3 + 1];
        double e2z = p[c * 3 + 2] - p[a * 3 + 2];
        double gx = e1y * e2z - e1z * e2y;
        double gy = e1z * e2x - e1x * e2z;
        double gz = e1x * e2y - e1y * e2x;
        double area = Math.sqrt(gx * gx + gy * gy + gz * gz);
        if (!(area > 0)) {
            return;
        }
        double nx = nn[a * 3] + nn[b * 3] + nn[c * 3];
        double ny = nn[a * 3 + 1] + nn[b * 3 + 1] + nn[c * 3 + 1];
        double nz = nn[a * 3 + 2] + nn[b * 3 + 2] + nn[c * 3 + 2];
        if (gx * nx + gy * ny + gz * nz >= 0) {
            m.addTriangle(a, b, c, 0);
        } else {
            m.addTriangle(a, c, b, 0);
        }
    }
}
