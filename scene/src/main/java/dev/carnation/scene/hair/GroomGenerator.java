package dev.carnation.scene.hair;

import dev.carnation.scene.geometry.Mesh;
import dev.carnation.scene.geometry.Strands;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.joml.Matrix3f;
import org.joml.Matrix4f;
import org.joml.Vector3f;

/**
 * Grows a {@link Groom} on a mesh placed in the world by a transform. Deterministic for a seed:
 * roots are drawn triangle by triangle in mesh order (each triangle gets density x area roots in
 * expectation, the fraction by a coin), then each strand draws its own numbers in root order.
 */
public final class GroomGenerator {
    private GroomGenerator() {}

    /** A root on the surface: world position and unit normal, texture coordinates. */
    public record Root(Vector3f p, Vector3f n, float u, float v) {}

    /** Strands this groom is expected to grow (density x area of the whole mesh, before the region). */
    public static double expectedStrands(Groom g, Mesh local, Matrix4f m) {
        return g.density() * worldArea(local, m) * 1e4;
    }

    static double worldArea(Mesh local, Matrix4f m) {
        float[] p = local.positions();
        int[] idx = local.indices();
        double area = 0;
        Vector3f a = new Vector3f();
        Vector3f b = new Vector3f();
        Vector3f c = new Vector3f();
        for (int t = 0; t < local.triangleCount(); t++) {
            corner(p, idx[t * 3], m, a);
            corner(p, idx[t * 3 + 1], m, b);
            corner(p, idx[t * 3 + 2], m, c);
            area += 0.5 * b.sub(a).cross(c.sub(a)).length();
        }
        return area;
    }

    private static void corner(float[] p, int i, Matrix4f m, Vector3f out) {
        m.transformPosition(p[i * 3], p[i * 3 + 1], p[i * 3 + 2], out);
    }

    /**
     * Grows the groom on local (placed by m) into out; strand ids count from firstId. Returns the
     * number of strands grown.
     */
    public static int grow(Groom g, Mesh local, Matrix4f m, int material, int object, int firstId, Strands out) {
        return grow(g, roots(g, local, m), local, m, material, object, firstId, out);
    }

    /** The groom's roots on local placed by m: how many strands {@link #grow} will make from them. */
    public static List<Root> roots(Groom g, Mesh local, Matrix4f m) {
        return roots(g, g.density(), local, m, new SplittableRandom(g.seed()));
    }

    /** Grows one strand per root (from {@link #roots} of the same groom, shape and transform). */
    public static int grow(Groom g, List<Root> roots, Mesh local, Matrix4f m, int material, int object, int firstId,
                           Strands out) {
        Vector3f comb = new Matrix3f(m).transform(new Vector3f((float) g.direction()[0], (float) g.direction()[1],
                (float) g.direction()[2]));
        if (comb.lengthSquared() > 0) {
            comb.normalize();
        }
        // Clump guides: roots of their own, grown like strands; each strand follows its nearest.
        List<float[]> guides = new ArrayList<>();
        Map<Long, List<Integer>> grid = new HashMap<>();
        double cell = 0;
        if (g.clumpsPerCm2() > 0 && g.clumping() > 0) {
            List<Root> centres = roots(g, g.clumpsPerCm2(), local, m, new SplittableRandom(g.seed() ^ 0x5eedc1L));
            cell = 1.5 / Math.sqrt(g.clumpsPerCm2() * 1e4);
            SplittableRandom gr = new SplittableRandom(g.seed() ^ 0x6a1deL);
            for (int i = 0; i < centres.size(); i++) {
                Root c = centres.get(i);
                guides.add(strand(g, c, comb, gr.split(), null, 0));
                grid.computeIfAbsent(key(c.p, cell), k -> new ArrayList<>()).add(i);
            }
        }
        SplittableRandom rnd = new SplittableRandom(g.seed() ^ 0x57a4dL);
        int n = 0;
        for (Root r : roots) {
            float[] guide = null;
            if (!guides.isEmpty()) {
                int best = nearest(r.p, cell, grid, guides);
                guide = best >= 0 ? guides.get(best) : null;
            }
            float[] pts = strand(g, r, comb, rnd.split(), guide, g.clumping());
            int np = pts.length / 3;
            float[] rad = new float[np];
            for (int k = 0; k < np; k++) {
                double t = (double) k / (np - 1);
                rad[k] = (float) (1e-6 * (g.rootRadiusUm() + (g.tipRadiusUm() - g.rootRadiusUm()) * t * t));
            }
            out.add(pts, rad, np, firstId + n, material, object);
            n++;
        }
        return n;
    }

    /** Roots at the given density (per cm²) over the region, triangle by triangle. */
    static List<Root> roots(Groom g, double density, Mesh local, Matrix4f m, SplittableRandom rnd) {
        float[] p = local.positions();
        float[] nrm = local.normals();
        float[] uv = local.uvs();
        int[] idx = local.indices();
        Matrix3f nm = new Matrix3f(m).invert().transpose();
        Groom.Region region = g.region();
        List<Root> out = new ArrayList<>();
        Vector3f a = new Vector3f();
        Vector3f b = new Vector3f();
        Vector3f c = new Vector3f();
        for (int t = 0; t < local.triangleCount(); t++) {
            int ia = idx[t * 3];
            int ib = idx[t * 3 + 1];
            int ic = idx[t * 3 + 2];
            corner(p, ia, m, a);
            corner(p, ib, m, b);
            corner(p, ic, m, c);
            Vector3f e1 = new Vector3f(b).sub(a);
            Vector3f e2 = new Vector3f(c).sub(a);
            Vector3f geo = new Vector3f(e1).cross(e2);
            double area = 0.5 * geo.length();
            double expected = density * area * 1e4;
            int count = (int) Math.floor(expected + rnd.nextDouble());
            for (int k = 0; k < count; k++) {
                double r1 = Math.sqrt(rnd.nextDouble());
                double r2 = rnd.nextDouble();
                double keep = rnd.nextDouble();
                float wa = (float) (1 - r1);
                float wb = (float) (r1 * (1 - r2));
                float wc = (float) (r1 * r2);
                float u = wa * uv[ia * 2] + wb * uv[ib * 2] + wc * uv[ic * 2];
                float v = wa * uv[ia * 2 + 1] + wb * uv[ib * 2 + 1] + wc * uv[ic * 2 + 1];
                float lx = wa * p[ia * 3] + wb * p[ib * 3] + wc * p[ic * 3];
                float ly = wa * p[ia * 3 + 1] + wb * p[ib * 3 + 1] + wc * p[ic * 3 + 1];
                float lz = wa * p[ia * 3 + 2] + wb * p[ib * 3 + 2] + wc * p[ic * 3 + 2];
                if (region != null && (!region.contains(u, v, lx, ly, lz) || keep >= region.keep(u, v))) {
                    continue;
                }
                Vector3f pos = m.transformPosition(lx, ly, lz, new Vector3f());
                Vector3f n = nm.transform(new Vector3f(
                        wa * nrm[ia * 3] + wb * nrm[ib * 3] + wc * nrm[ic * 3],
                        wa * nrm[ia * 3 + 1] + wb * nrm[ib * 3 + 1] + wc * nrm[ic * 3 + 1],
                        wa * nrm[ia * 3 + 2] + wb * nrm[ib * 3 + 2] + wc * nrm[ic * 3 + 2]));
                if (!(n.lengthSquared() > 0)) {
                    n.set(geo);
                }
                out.add(new Root(pos, n.normalize(), u, v));
            }
        }
        return out;
    }

    /**
     * One strand's points from root r: leaves between the normal and the combed direction, droops
     * under gravity, winds around its path by the curl, and is pulled onto its clump's guide
     * towards the tip.
     */
    static float[] strand(Groom g, Root r, Vector3f comb, SplittableRandom rnd, float[] guide, double clumping) {
        double length = 1e-3 * g.lengthMm() * (1 + g.lengthJitter() * (2 * rnd.nextDouble() - 1));
        int np = g.points() > 0 ? g.points() : (int) Math.max(4, Math.min(64, Math.round(length / 0.5e-3) + 1));
        Vector3f n = r.n;
        // The comb direction flattened onto the surface.
        Vector3f flat = new Vector3f(comb).sub(new Vector3f(n).mul(comb.dot(n)));
        if (flat.lengthSquared() > 1e-12f) {
            flat.normalize();
        }
        Vector3f d = new Vector3f(n).mul((float) (1 - g.comb())).add(new Vector3f(flat).mul((float) g.comb()));
        double j = 0.35 * g.randomness();
        d.add((float) (j * rnd.nextGaussian()), (float) (j * rnd.nextGaussian()), (float) (j * rnd.nextGaussian()));
        if (!(d.lengthSquared() > 1e-12f)) {
            d.set(n);
        }
        d.normalize();
        // Never into the skin.
        float up = d.dot(n);
        if (up < 0.15f) {
            d.add(new Vector3f(n).mul(0.15f - up)).normalize();
        }
        Vector3f e1 = new Vector3f(d).cross(Math.abs(d.x) < 0.9f ? new Vector3f(1, 0, 0) : new Vector3f(0, 1, 0)).normalize();
        Vector3f e2 = new Vector3f(d).cross(e1);
        double phase = 2 * Math.PI * rnd.nextDouble();
        double curl = 1e-3 * g.curlRadiusMm();
        double period = 1e-3 * g.curlPeriodMm();
        double step = length / (np - 1);
        float[] out = new float[np * 3];
        Vector3f x = new Vector3f(r.p);
        Vector3f dir = new Vector3f(d);
        for (int k = 0; k < np; k++) {
            if (k > 0) {
                dir.add(0, (float) (-2.5 * g.gravity() * step / length), 0).normalize();
                x.add(new Vector3f(dir).mul((float) step));
            }
            double arc = k * step;
            double ramp = Math.min(1, arc / (0.2 * length));
            double ang = 2 * Math.PI * arc / period + phase;
            float ox = (float) (curl * ramp * Math.cos(ang));
            float oy = (float) (curl * ramp * Math.sin(ang));
            float px = x.x + ox * e1.x + oy * e2.x;
            float py = x.y + ox * e1.y + oy * e2.y;
            float pz = x.z + ox * e1.z + oy * e2.z;
            if (guide != null && clumping > 0) {
                // The guide's point at the same fraction of its length, approached towards the tip.
                double f = (double) k / (np - 1);
                int gn = guide.length / 3;
                double gi = f * (gn - 1);
                int g0 = (int) Math.min(gn - 2, Math.floor(gi));
                double gu = gi - g0;
                double w = clumping * f * f;
                for (int c = 0; c < 3; c++) {
                    double gp = (1 - gu) * guide[g0 * 3 + c] + gu * guide[(g0 + 1) * 3 + c];
                    double own = c == 0 ? px : c == 1 ? py : pz;
                    double v = own + w * (gp - own);
                    if (c == 0) {
                        px = (float) v;
                    } else if (c == 1) {
                        py = (float) v;
                    } else {
                        pz = (float) v;
                    }
                }
            }
            out[k * 3] = px;
            out[k * 3 + 1] = py;
            out[k * 3 + 2] = pz;
        }
        return out;
    }

    private static long key(Vector3f p, double cell) {
        long x = (long) Math.floor(p.x / cell);
        long y = (long) Math.floor(p.y / cell);
        long z = (long) Math.floor(p.z / cell);
        return (x * 73856093L) ^ (y * 19349663L) ^ (z * 83492791L);
    }

    private static int nearest(Vector3f p, double cell, Map<Long, List<Integer>> grid, List<float[]> guides) {
        int best = -1;
        double bestD = Double.MAX_VALUE;
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dz = -1; dz <= 1; dz++) {
                    Vector3f q = new Vector3f((float) (p.x + dx * cell), (float) (p.y + dy * cell), (float) (p.z + dz * cell));
                    List<Integer> in = grid.get(key(q, cell));
                    if (in == null) {
                        continue;
                    }
                    for (int i : in) {
                        float[] gp = guides.get(i);
                        double d = sq(gp[0] - p.x) + sq(gp[1] - p.y) + sq(gp[2] - p.z);
                        if (d < bestD || d == bestD && i < best) {
                            bestD = d;
                            best = i;
                        }
                    }
                }
            }
        }
        return best;
    }

    private static double sq(double x) {
        return x * x;
    }
}
