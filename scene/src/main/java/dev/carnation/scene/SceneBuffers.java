package dev.carnation.scene;

import static dev.carnation.kernel.Layout.*;

import dev.carnation.scene.bvh.Bvh;
import dev.carnation.scene.bvh.BvhBuilder;
import dev.carnation.scene.geometry.CurveSegments;
import dev.carnation.scene.geometry.Mesh;
import dev.carnation.scene.light.AreaLights;
import dev.carnation.scene.light.EnvironmentMap;
import dev.carnation.scene.light.LightLinks;
import dev.carnation.scene.material.Material;
import dev.carnation.scene.texture.Image;
import dev.carnation.scene.texture.MipChain;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scene packed into the flat arrays the kernels read (layout in {@code dev.carnation.kernel.Layout}):
 * triangles and hair segments reordered into BVH leaf order (one primitive list, told apart by
 * T_TYPE), curve vertices, materials, textures, the area light table and the environment's cdfs.
 */
public record SceneBuffers(int[] sceneI, float[] sceneF, float[] texels, Bvh bvh, double bvhBuildSeconds,
                           Map<String, Long> sections, int curveSegments) {

    /** Hair segments longer than this (metres) are cut for tight BVH boxes (see CurveSegments). */
    public static final float MAX_CURVE_SEGMENT = 1e-3f;

    public static SceneBuffers pack(Scene scene) {
        long p0 = System.nanoTime();
        SceneBuffers b = packTimed(scene);
        Timings.add("pack", System.nanoTime() - p0 - (long) (b.bvhBuildSeconds() * 1e9));
        return b;
    }

    private static SceneBuffers packTimed(Scene scene) {
        Mesh mesh = scene.mesh();
        int nt = mesh.triangleCount();
        int nv = mesh.vertexCount();
        long t0 = System.nanoTime();
        CurveSegments curves = CurveSegments.build(scene.strands(), MAX_CURVE_SEGMENT);
        int nc = curves.count();
        int ncv = curves.vertexCount();
        if ((long) nt + nc > MemoryBudget.MAX_ARRAY / TRI_STRIDE) {
            throw new SceneException(scene.file() + ": " + String.format("%,d", nt) + " triangles and " + String.format("%,d", nc)
                    + " hair segments are more than the kernels' flat scene arrays can index (2^31 entries)");
        }
        int np = nt + nc;
        Bvh bvh = BvhBuilder.build(primitiveBoxes(mesh, curves, true), primitiveBoxes(mesh, curves, false), np);
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        Timings.add("bvh", (long) (buildSeconds * 1e9));
        List<Material> mats = scene.materials();
        List<Image> images = scene.textures().images();
        EnvironmentMap env = scene.environment();
        Image envImage = env == null ? null : images.get(env.texture());

        float[] p = mesh.positions();
        int[] idx = mesh.indices();
        int[] tm = mesh.materials();
        int[] objects = mesh.objects();
        LightLinks links = scene.links();
        AreaLights lights = AreaLights.build(mesh, bvh.order(), mats, scene.lightShapes(), links);
        // Light and shadow linking: one record per object, only when some light is linked.
        int objectRecords = links.active() ? links.receiverBit().length : 0;
        int nl = lights.count();
        double totalPower = lights.power();

        int texCount = images.size();
        int ew = envImage == null ? 0 : envImage.width();
        int eh = envImage == null ? 0 : envImage.height();
        // Offsets in long first: the kernels index one int and one float array, so a scene whose
        // records exceed an array is refused here rather than wrapping around to negative offsets.
        long nodes = bvh.nodeCount();
        long sizeI = HEADER_I + (long) np * TRI_STRIDE + nodes * NODE_I_STRIDE + (long) texCount * TEX_STRIDE
                + lights.emitterTriangles().length + lights.recordsI().length + (long) objectRecords * OBJ_STRIDE;
        long sizeF = HEADER_F + (long) nv * VERT_STRIDE + (long) np * TRIPRE_STRIDE + nodes * NODE_F_STRIDE
                + (long) ncv * CURVE_VERT_STRIDE
                + (long) mats.size() * MAT_STRIDE + lights.emitterCdfs().length + lights.recordsF().length + nl + 1
                + (eh + 1) + (long) eh * (ew + 1);
        if (sizeI > MemoryBudget.MAX_ARRAY || sizeF > MemoryBudget.MAX_ARRAY) {
            throw new SceneException(scene.file() + ": " + String.format("%,d", nt) + " triangles and " + String.format("%,d", nv)
                    + " vertices are more than the kernels' flat scene arrays can index (2^31 entries)");
        }
        int triOff = HEADER_I;
        int nodeIOff = triOff + np * TRI_STRIDE;
        int texOff = nodeIOff + bvh.nodeCount() * NODE_I_STRIDE;
        int emitTriOff = texOff + texCount * TEX_STRIDE;
        int lightIOff = emitTriOff + lights.emitterTriangles().length;
        int objOff = lightIOff + lights.recordsI().length;
        int vertOff = HEADER_F;
        int preOff = vertOff + nv * VERT_STRIDE;
        int nodeFOff = preOff + np * TRIPRE_STRIDE;
        int matOff = nodeFOff + bvh.nodeCount() * NODE_F_STRIDE;
        int emitCdfOff = matOff + mats.size() * MAT_STRIDE;
        int lightFOff = emitCdfOff + lights.emitterCdfs().length;
        int lightCdfOff = lightFOff + lights.recordsF().length;
        int margOff = lightCdfOff + nl + 1;
        int condOff = margOff + (eh + 1);
        int curveOff = (int) (condOff + (long) eh * (ew + 1));

        int[] si = new int[(int) sizeI];
        float[] sf = new float[(int) sizeF];
        si[H_TRI_COUNT] = np;
        si[H_CURVE_COUNT] = nc;
        si[H_CURVE_VERT_OFF] = curveOff;
        si[H_TRI_OFF] = triOff;
        si[H_VERT_OFF] = vertOff;
        si[H_TRIPRE_OFF] = preOff;
        si[H_NODE_COUNT] = bvh.nodeCount();
        si[H_NODE_I_OFF] = nodeIOff;
        si[H_NODE_F_OFF] = nodeFOff;
        si[H_MAT_COUNT] = mats.size();
        si[H_MAT_OFF] = matOff;
        si[H_TEX_COUNT] = texCount;
        si[H_TEX_OFF] = texOff;
        si[H_EMIT_COUNT] = lights.emissiveTriangles();
        si[H_EMIT_TRI_OFF] = emitTriOff;
        si[H_EMIT_CDF_OFF] = emitCdfOff;
        si[H_LIGHT_COUNT] = nl;
        si[H_LIGHT_I_OFF] = lightIOff;
        si[H_LIGHT_F_OFF] = lightFOff;
        si[H_LIGHT_CDF_OFF] = lightCdfOff;
        si[H_ENV_TEX] = env == null ? -1 : env.texture();
        si[H_ENV_MARG_OFF] = margOff;
        si[H_ENV_COND_OFF] = condOff;
        si[H_LINKING] = links.active() ? 1 : 0;
        si[H_OBJECT_OFF] = objOff;
        si[H_ENV_EXCLUDE] = links.envExclude();
        si[H_ENV_IGNORE] = links.envIgnore();
        for (int o = 0; o < objectRecords; o++) {
            si[objOff + o * OBJ_STRIDE + O_RECEIVER] = links.receiverBit()[o];
            si[objOff + o * OBJ_STRIDE + O_BLOCKER] = links.blockerBit()[o];
        }
        // Receiver groups that no area light lights: their light samples all go to the environment.
        int dark = nl > 0 ? -1 : 0;
        for (int l = 0; l < nl; l++) {
            dark &= lights.recordsI()[l * LIGHT_I_STRIDE + LI_EXCLUDE];
        }
        si[H_LINK_DARK] = dark;

        float[] nrm = mesh.normals();
        float[] uv = mesh.uvs();
        float[] tan = mesh.tangents();
        for (int v = 0; v < nv; v++) {
            int o = vertOff + v * VERT_STRIDE;
            System.arraycopy(p, v * 3, sf, o, 3);
            System.arraycopy(nrm, v * 3, sf, o + 3, 3);
            System.arraycopy(uv, v * 2, sf, o + 6, 2);
            System.arraycopy(tan, v * 4, sf, o + 8, 4);
        }
        System.arraycopy(curves.vertices(), 0, sf, curveOff, ncv * CURVE_VERT_STRIDE);
        for (int i = 0; i < np; i++) {
            int t = bvh.order()[i];
            if (t >= nt) {
                // A hair segment: no corners, no precomputed edges (its pre record stays zero).
                int c = t - nt;
                int r = triOff + i * TRI_STRIDE;
                si[r + C_VERT] = curves.segmentVertex()[c];
                si[r + C_STRAND] = curves.segmentStrand()[c];
                si[r + T_MAT] = curves.segmentMaterial()[c];
                si[r + T_OBJECT] = curves.segmentObject()[c];
                si[r + T_TYPE] = PRIM_CURVE;
                si[r + T_LIGHT] = -1;
                continue;
            }
            int a = idx[t * 3];
            int b = idx[t * 3 + 1];
            int c = idx[t * 3 + 2];
            si[triOff + i * TRI_STRIDE] = a;
            si[triOff + i * TRI_STRIDE + 1] = b;
            si[triOff + i * TRI_STRIDE + 2] = c;
            si[triOff + i * TRI_STRIDE + T_MAT] = tm[t];
            si[triOff + i * TRI_STRIDE + T_OBJECT] = objects[t];
            si[triOff + i * TRI_STRIDE + T_TYPE] = PRIM_TRIANGLE;
            si[triOff + i * TRI_STRIDE + T_LIGHT] = lights.lightOfTriangle()[i];
            int o = preOff + i * TRIPRE_STRIDE;
            for (int k = 0; k < 3; k++) {
                sf[o + k] = p[a * 3 + k];
                sf[o + 3 + k] = p[b * 3 + k] - p[a * 3 + k];
                sf[o + 6 + k] = p[c * 3 + k] - p[a * 3 + k];
            }
        }
        System.arraycopy(bvh.links(), 0, si, nodeIOff, bvh.nodeCount() * NODE_I_STRIDE);
        System.arraycopy(bvh.bounds(), 0, sf, nodeFOff, bvh.nodeCount() * NODE_F_STRIDE);
        for (int m = 0; m < mats.size(); m++) {
            System.arraycopy(mats.get(m).record(), 0, sf, matOff + m * MAT_STRIDE, MAT_STRIDE);
        }

        // Each texture's mip chain, levels back to back from level 0 (Layout TX_*, docs/textures.md);
        // the environment map and every texture under "texture_filter": "bilinear" keep level 0 only.
        boolean mips = scene.render().mipMapped();
        List<List<Image>> chains = new ArrayList<>(texCount);
        long texels = 0;
        for (int i = 0; i < texCount; i++) {
            Image img = images.get(i);
            boolean isEnv = env != null && env.texture() == i;
            int levels = mips && !isEnv ? MipChain.levelCount(img.width(), img.height()) : 1;
            List<Image> chain = MipChain.build(img, levels);
            chains.add(chain);
            for (Image level : chain) {
                texels += level.rgba().length;
            }
        }
        if (texels > MemoryBudget.MAX_ARRAY) {
            throw new SceneException(scene.file() + ": textures exceed 8 GiB of float texels");
        }
        float[] tx = new float[(int) texels];
        int at = 0;
        for (int i = 0; i < texCount; i++) {
            Image img = images.get(i);
            List<Image> chain = chains.get(i);
            int rec = texOff + i * TEX_STRIDE;
            si[rec] = at;
            si[rec + 1] = img.width();
            si[rec + 2] = img.height();
            si[rec + TX_LEVELS] = chain.size();
            for (int k = 0; k < chain.size(); k++) {
                float[] px = chain.get(k).rgba();
                si[rec + TX_LEVEL_OFF + k] = at;
                System.arraycopy(px, 0, tx, at, px.length);
                at += px.length;
            }
        }

        System.arraycopy(lights.emitterTriangles(), 0, si, emitTriOff, lights.emitterTriangles().length);
        System.arraycopy(lights.emitterCdfs(), 0, sf, emitCdfOff, lights.emitterCdfs().length);
        System.arraycopy(lights.recordsI(), 0, si, lightIOff, lights.recordsI().length);
        for (int l = 0; l < nl; l++) {
            si[lightIOff + l * LIGHT_I_STRIDE + LI_CDF] += emitCdfOff;
        }
        System.arraycopy(lights.recordsF(), 0, sf, lightFOff, lights.recordsF().length);
        System.arraycopy(lights.selectionCdf(), 0, sf, lightCdfOff, nl + 1);
        sf[F_EMIT_POWER] = (float) totalPower;

        if (env != null) {
            double envAvg = buildEnvironmentCdf(envImage, sf, margOff, condOff);
            double rot = Math.toRadians(env.rotationDeg());
            sf[F_ENV_SCALE] = env.scale();
            sf[F_ENV_ROT_COS] = (float) Math.cos(rot);
            sf[F_ENV_ROT_SIN] = (float) Math.sin(rot);
            // Share of light samples for the environment: its power onto the scene's bounding
            // sphere against the emitters' power (both one-sided Lambertian: pi * L * area).
            float[] b = bvh.nodeCount() > 0 ? bvh.bounds() : new float[6];
            double r = 0.5 * Math.sqrt(sq(b[3] - b[0]) + sq(b[4] - b[1]) + sq(b[5] - b[2]));
            double envPower = envAvg * env.scale() * 4 * Math.PI * r * r;
            double pe = envPower / (envPower + totalPower);
            sf[F_ENV_SELECT] = (float) Math.min(0.9, Math.max(0.1, Double.isFinite(pe) ? pe : 0.5));
        }

        Map<String, Long> sections = new LinkedHashMap<>();
        sections.put("vertices", (long) nv * VERT_STRIDE * 4);
        sections.put("triangles", (long) nt * (TRI_STRIDE + TRIPRE_STRIDE) * 4);
        if (nc > 0) {
            sections.put("hair", ((long) nc * (TRI_STRIDE + TRIPRE_STRIDE) + (long) ncv * CURVE_VERT_STRIDE) * 4);
        }
        sections.put("bvh nodes", (long) bvh.nodeCount() * (NODE_I_STRIDE + NODE_F_STRIDE) * 4);
        sections.put("materials", (long) mats.size() * MAT_STRIDE * 4);
        sections.put("textures", texels * 4);
        sections.put("lights", (long) (lights.emitterTriangles().length + lights.emitterCdfs().length
                + lights.recordsI().length + lights.recordsF().length + nl + 1 + (eh + 1) + eh * (ew + 1)) * 4);
        if (objectRecords > 0) {
            sections.put("light links", (long) objectRecords * OBJ_STRIDE * 4);
        }
        return new SceneBuffers(si, sf, tx, bvh, buildSeconds, sections, nc);
    }

    /** Per primitive (triangles, then hair segments) its box's low (lo true) or high corner. */
    private static float[] primitiveBoxes(Mesh mesh, CurveSegments curves, boolean lo) {
        int nt = mesh.triangleCount();
        float[] p = mesh.positions();
        int[] idx = mesh.indices();
        float[] out = new float[(nt + curves.count()) * 3];
        for (int t = 0; t < nt; t++) {
            for (int k = 0; k < 3; k++) {
                float a = p[idx[t * 3] * 3 + k];
                float b = p[idx[t * 3 + 1] * 3 + k];
                float c = p[idx[t * 3 + 2] * 3 + k];
                out[t * 3 + k] = lo ? Math.min(a, Math.min(b, c)) : Math.max(a, Math.max(b, c));
            }
        }
        System.arraycopy(lo ? curves.lo() : curves.hi(), 0, out, nt * 3, curves.count() * 3);
        return out;
    }

    private static double sq(double x) {
        return x * x;
    }

    /**
     * Piecewise-constant sampling density over texels, proportional to luminance * sin(theta) plus
     * a small floor so no direction with light has zero density. Returns the mean luminance.
     */
    static double buildEnvironmentCdf(Image img, float[] sf, int margOff, int condOff) {
        int w = img.width();
        int h = img.height();
        float[] px = img.rgba();
        double[] rowSum = new double[h];
        double lumSum = 0;
        double[] row = new double[w];
        for (int y = 0; y < h; y++) {
            double sinT = Math.sin(Math.PI * (y + 0.5) / h);
            double acc = 0;
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 4;
                double lum = Math.max(0, 0.2126 * px[o] + 0.7152 * px[o + 1] + 0.0722 * px[o + 2]);
                lumSum += lum * sinT;
                row[x] = lum;
            }
            double floor = 1e-3 * (rowAverage(row) + 1e-6);
            int c = condOff + y * (w + 1);
            sf[c] = 0;
            for (int x = 0; x < w; x++) {
                acc += (row[x] + floor) * sinT;
                sf[c + x + 1] = (float) acc;
            }
            for (int x = 1; x <= w; x++) {
                sf[c + x] = (float) (sf[c + x] / acc);
            }
            sf[c + w] = 1f;
            rowSum[y] = acc;
        }
        double total = 0;
        sf[margOff] = 0;
        for (int y = 0; y < h; y++) {
            total += rowSum[y];
            sf[margOff + y + 1] = (float) total;
        }
        for (int y = 1; y <= h; y++) {
            sf[margOff + y] = (float) (sf[margOff + y] / total);
        }
        sf[margOff + h] = 1f;
        // Mean radiance over the sphere: sum lum sin(theta) dtheta dphi / 4pi.
        return lumSum * (Math.PI / h) * (2 * Math.PI / w) / (4 * Math.PI);
    }

    private static double rowAverage(double[] row) {
        double s = 0;
        for (double v : row) {
            s += v;
        }
        return s / row.length;
    }
}
