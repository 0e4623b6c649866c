package dev.carnation.kernel.closure;

/** Unpolarised Fresnel reflectance of dielectric and conductor interfaces. */
public final class Fresnel {
    private Fresnel() {}

    /**
     * Dielectric reflectance for light arriving at cosine cosI from the side where the relative
     * index (transmitted over incident) is eta. A negative cosI means the other side.
     */
    public static float dielectric(float cosI, float eta) {
        float c = Math.min(1f, Math.abs(cosI));
        float e = eta;
        if (cosI < 0f) {
            e = 1f / eta;
        }
        float sin2T = (1f - c * c) / (e * e);
        float r = 1f;
        if (sin2T < 1f) {
            float cosT = (float) Math.sqrt(1f - sin2T);
            float rs = (c - e * cosT) / (c + e * cosT);
            float rp = (e * c - cosT) / (e * c + cosT);
            r = 0.5f * (rs * rs + rp * rp);
        }
        return r;
    }

    /**
     * Conductor reflectance from the complex index eta = n + i k, with complex arithmetic written
     * out in reals: sin^2 t = sin^2 i / eta^2, r_par = (eta cos i - cos t) / (eta cos i + cos t),
     * r_perp = (cos i - eta cos t) / (cos i + eta cos t), F = (|r_par|^2 + |r_perp|^2) / 2.
     */
    public static float conductor(float cosI, float n, float k) {
        float c = Math.min(1f, Math.abs(cosI));
        float sin2 = 1f - c * c;
        // eta^2 = (n^2 - k^2) + i 2nk ; 1/eta^2 = conj(eta^2) / |eta^2|^2
        float e2r = n * n - k * k;
        float e2i = 2f * n * k;
        float e2m = e2r * e2r + e2i * e2i;
        float s2r = sin2 * e2r / e2m;
        float s2i = -sin2 * e2i / e2m;
        // cos t = sqrt(1 - sin^2 t), principal root
        float zr = 1f - s2r;
        float zi = -s2i;
        float zm = (float) Math.sqrt(zr * zr + zi * zi);
        float ctr = (float) Math.sqrt(Math.max(0f, 0.5f * (zm + zr)));
        float cti = (float) Math.sqrt(Math.max(0f, 0.5f * (zm - zr)));
        if (zi < 0f) {
            cti = -cti;
        }
        // eta cos i
        float ecr = n * c;
        float eci = k * c;
        // eta cos t = (n + ik)(ctr + i cti)
        float etr = n * ctr - k * cti;
        float eti = n * cti + k * ctr;
        float parNum = sq(ecr - ctr) + sq(eci - cti);
        float parDen = sq(ecr + ctr) + sq(eci + cti);
        float perNum = sq(c - etr) + sq(eti);
        float perDen = sq(c + etr) + sq(eti);
        return 0.5f * (parNum / parDen + perNum / perDen);
    }

    static float sq(float x) {
        return x * x;
    }
}
