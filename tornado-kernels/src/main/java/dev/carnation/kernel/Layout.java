package dev.carnation.kernel;

/**
 * Offsets and strides of the flat buffers shared by host packing code and device kernels.
 *
 * <p>The whole scene travels as three arrays ({@code int[] sceneI}, {@code float[] sceneF},
 * {@code float[] texels}) so that a TornadoVM task needs few parameters and the JVM backend
 * touches no objects on the hot path. Each array starts with a header of section offsets.
 */
public final class Layout {
    private Layout() {}

    // ---- sceneI header (ints) ----
    public static final int H_TRI_COUNT = 0;
    public static final int H_TRI_OFF = 1;         // sceneI: per primitive TRI_STRIDE ints (see T_*)
    public static final int H_VERT_OFF = 2;        // sceneF: per vertex VERT_STRIDE floats
    public static final int H_TRIPRE_OFF = 3;      // sceneF: per triangle p0, e1, e2 (9 floats)
    public static final int H_NODE_COUNT = 4;
    public static final int H_NODE_I_OFF = 5;      // sceneI: per node (left-or-first, count)
    public static final int H_NODE_F_OFF = 6;      // sceneF: per node bounds (6 floats)
    public static final int H_MAT_COUNT = 7;
    public static final int H_MAT_OFF = 8;         // sceneF: per material MAT_STRIDE floats
    public static final int H_TEX_COUNT = 9;
    public static final int H_TEX_OFF = 10;        // sceneI: per texture TEX_STRIDE ints
    public static final int H_EMIT_COUNT = 11;     // emissive triangles (all lights)
    public static final int H_EMIT_TRI_OFF = 12;   // sceneI: triangle index of each mesh light's triangles, light by light
    public static final int H_EMIT_CDF_OFF = 13;   // sceneF: per mesh light, its LI_EMIT_COUNT+1 cdf values
    public static final int H_ENV_TEX = 14;        // texture id of the environment, -1 if none
    public static final int H_ENV_MARG_OFF = 15;   // sceneF: H+1 marginal cdf over rows
    public static final int H_ENV_COND_OFF = 16;   // sceneF: H rows of W+1 conditional cdf
    public static final int H_LIGHT_COUNT = 17;    // area lights: one per emitting object
    public static final int H_LIGHT_I_OFF = 18;    // sceneI: per light LIGHT_I_STRIDE ints (see LI_*)
    public static final int H_LIGHT_F_OFF = 19;    // sceneF: per light LIGHT_F_STRIDE floats (see LF_*)
    public static final int H_LIGHT_CDF_OFF = 20;  // sceneF: LIGHT_COUNT+1 cdf by power (selection among many lights)
    public static final int H_CURVE_VERT_OFF = 21; // sceneF: per curve vertex CURVE_VERT_STRIDE floats (see CV_*)
    public static final int H_CURVE_COUNT = 22;    // curve segments among the H_TRI_COUNT primitives
    // Light and shadow linking (light/LightLinking). Masks are of link groups: an object's group is
    // one bit (O_RECEIVER, O_BLOCKER); a mask of 0 excludes nothing, so a scene without linking reads 0.
    public static final int H_LINKING = 23;        // 1 when the object table (H_OBJECT_OFF) holds link groups, else 0
    public static final int H_OBJECT_OFF = 24;     // sceneI: per object OBJ_STRIDE ints (see O_*), when H_LINKING is 1
    public static final int H_ENV_EXCLUDE = 25;    // receiver groups the environment does not light
    public static final int H_ENV_IGNORE = 26;     // blocker groups the environment's shadow rays pass through
    public static final int H_LINK_DARK = 27;      // receiver groups that no area light lights (their light samples go to the environment)
    public static final int HEADER_I = 32;

    // ---- sceneF header (floats) ----
    public static final int F_EMIT_POWER = 0;      // sum of luminance(Le) * area over emitters (environment split)
    public static final int F_ENV_SCALE = 1;
    public static final int F_ENV_ROT_COS = 2;
    public static final int F_ENV_ROT_SIN = 3;
    public static final int F_ENV_SELECT = 4;      // probability that NEE picks the environment
    public static final int F_ENV_INTEGRAL = 5;    // integral of the sampling function over [0,1]^2
    public static final int HEADER_F = 16;

    public static final int VERT_STRIDE = 12;      // position 3, normal 3, uv 2, tangent 3 + sign
    /** Colour channels carried by every path; each per-channel loop runs to this bound. */
    public static final int NUM_CHANNELS = 3;

    // ---- primitive record (ints): corners, material, object identity, primitive type, light ----
    public static final int TRI_STRIDE = 7;
    public static final int T_MAT = 3;
    public static final int T_OBJECT = 4;          // one id per shape entry or instance: media and walks are per object
    public static final int T_TYPE = 5;            // PRIM_* tag, so other primitives can share the BVH
    public static final int T_LIGHT = 6;           // the area light this emissive primitive belongs to, else -1
    public static final int PRIM_TRIANGLE = 0;
    public static final int PRIM_CURVE = 1;        // a hair strand segment (geom/Curve)
    // A curve primitive's record keeps T_MAT, T_OBJECT, T_TYPE and T_LIGHT (-1); its first two ints are:
    public static final int C_VERT = 0;            // curve vertex where the segment starts (it ends at the next one)
    public static final int C_STRAND = 1;          // strand id (S_HAIR_STRAND is a hash of it)
    // Curve vertices: a strand's vertices are consecutive, root first.
    public static final int CURVE_VERT_STRIDE = 8;
    public static final int CV_RADIUS = 3;         // after the position (3): fiber radius at the vertex
    public static final int CV_PLANE = 4;          // 3: unit normal of the plane that joins the two segments at the vertex, root to tip
    public static final int CV_V = 7;              // parameter along the strand, 0 at the root, 1 at the tip
    public static final int TRIPRE_STRIDE = 9;
    public static final int NODE_I_STRIDE = 2;
    public static final int NODE_F_STRIDE = 6;
    // Texture record (ints): level 0's offset into texels (floats), width, height, then the mip
    // chain (texture/Texture.lookupLod, docs/textures.md): TX_LEVELS levels (1: no chain, bilinear
    // only) stored back to back from level 0, level k of max(1, width >> k) x max(1, height >> k)
    // RGBA texels at texels[record[TX_LEVEL_OFF + k]].
    public static final int TX_LEVELS = 3;
    public static final int TX_LEVEL_OFF = 4;      // MAX_TEX_LEVELS offsets, level 0 first (= record[0])
    public static final int MAX_TEX_LEVELS = 16;
    public static final int TEX_STRIDE = TX_LEVEL_OFF + MAX_TEX_LEVELS;
    // ---- object record (ints, H_OBJECT_OFF; only with light or shadow linking) ----
    public static final int OBJ_STRIDE = 2;
    public static final int O_RECEIVER = 0;        // the bit of its receiver link group (LI_EXCLUDE, H_ENV_EXCLUDE test it)
    public static final int O_BLOCKER = 1;         // the bit of its blocker link group (LI_IGNORE, H_ENV_IGNORE test it)

    // ---- area light records: one per emitting object (light/AreaLight) ----
    public static final int LIGHT_MESH = 0;        // triangles sampled by area (emissive meshes, disks, skewed shapes)
    public static final int LIGHT_RECT = 1;        // rectangle: spherical rectangle sampling (Urena et al. 2013)
    public static final int LIGHT_SPHERE = 2;      // sphere: uniform in the cone it subtends (pbrt-v4)
    /** Up to this many lights, each shading point weighs every light (LightSampler); beyond, by power. */
    public static final int LOCAL_LIGHTS_MAX = 64;
    public static final int LIGHT_I_STRIDE = 6;
    public static final int LI_TYPE = 0;
    public static final int LI_EMIT_FIRST = 1;     // mesh: first entry in the H_EMIT_TRI_OFF list
    public static final int LI_EMIT_COUNT = 2;     // mesh: number of triangles
    public static final int LI_CDF = 3;            // mesh: sceneF offset of its cdf over triangles (luminance * area)
    public static final int LI_EXCLUDE = 4;        // light linking: receiver groups this light does not light (0: all lit)
    public static final int LI_IGNORE = 5;         // shadow linking: blocker groups its shadow rays pass through (0: none)
    public static final int LIGHT_F_STRIDE = 28;
    public static final int LF_EMIT = 0;           // 3: radiance (rectangle, sphere)
    public static final int LF_TWO_SIDED = 3;      // 1 when both faces emit
    public static final int LF_P = 4;              // 3: rectangle corner, sphere centre
    public static final int LF_X = 7;              // 3: rectangle unit edge x
    public static final int LF_Y = 10;             // 3: rectangle unit edge y (orthogonal to x)
    public static final int LF_AXIS = 13;          // 3: emitting side (rectangle x * y; mesh: axis of its normal cone)
    public static final int LF_LX = 16;            // rectangle edge length along x; sphere radius (bounds its tessellation)
    public static final int LF_LY = 17;            // rectangle edge length along y
    public static final int LF_AREA = 18;
    public static final int LF_POWER = 19;         // mesh: sum of luminance(Le) * area over its triangles
    public static final int LF_CENTRE = 20;        // 3: bounding sphere centre
    public static final int LF_BOUND = 23;         // bounding sphere radius
    public static final int LF_COS_CONE = 24;      // cos of the normal cone's half-angle: 1 flat, -1 every direction
    public static final int LF_WEIGHT = 25;        // selection weight: luminance * share of the bounding disc it covers
    public static final int LF_SIN_CONE = 26;      // sin of the normal cone's half-angle (one square root less per light and point)

    // ---- material record (floats) ----
    public static final int MAT_STRIDE = 70;
    public static final int M_TYPE = 0;
    public static final int M_BASE = 1;            // 3: base colour / reflectance tint
    public static final int M_ROUGH = 4;           // perceptual roughness, alpha = roughness^2
    public static final int M_ANISO = 5;           // [-1,1], stretches alpha along tangent / bitangent
    public static final int M_IOR = 6;             // dielectric index of refraction (inside / outside)
    public static final int M_COND_N = 7;          // 3: conductor n at R, G, B
    public static final int M_COND_K = 10;         // 3: conductor k at R, G, B
    public static final int M_TEX_BASE = 13;       // texture ids, -1 when absent
    public static final int M_TEX_ROUGH = 14;
    public static final int M_TEX_NORMAL = 15;
    public static final int M_EMIT = 16;           // 3: emitted radiance
    public static final int M_TWO_SIDED = 19;      // emitter radiates from both faces when 1
    public static final int M_NORMAL_SCALE = 20;
    public static final int M_UV_SCALE = 21;       // 2: texture coordinate scale
    // subsurface (skin)
    public static final int M_SSS_SIGMA_T = 23;    // 3: extinction, 1/m (albedo mode: 1 / mean free path)
    public static final int M_SSS_ALPHA = 26;      // 3: single-scattering albedo (coefficient mode)
    public static final int M_SSS_G = 29;          // Henyey-Greenstein anisotropy
    public static final int M_LOBE1 = 30;          // roughness multiplier of specular lobe 1
    public static final int M_LOBE2 = 31;          // roughness multiplier of specular lobe 2
    public static final int M_LOBE_MIX = 32;       // weight of lobe 1
    public static final int M_SPECULAR = 33;       // 0.5 = Fresnel of the IOR; scales F0
    public static final int M_TEX_SPEC = 34;
    public static final int M_TEX_SCATTER = 35;    // scales the mean free path (0.5 = as given)
    public static final int M_TEX_DETAIL_NORMAL = 36;
    public static final int M_DETAIL_UV = 37;      // uv multiplier that tiles detail maps at their physical size
    public static final int M_TEX_DETAIL_ROUGH = 38;
    public static final int M_SSS_MODE = 39;       // 0: from base colour (albedo inversion), 1: coefficients
    public static final int M_NORMAL_Y = 40;       // +1: normal map green is +v up (OpenGL, glTF), -1: DirectX
    public static final int M_DETAIL_NORMAL_Y = 41;
    public static final int M_PRIORITY = 42;       // nested dielectrics: the higher priority owns overlaps
    // hair (closure/Hair); the IOR is M_IOR
    public static final int M_HAIR_MODE = 44;      // HAIR_*: what M_HAIR_ROOT / M_HAIR_TIP hold
    public static final int M_HAIR_ROOT = 45;      // 3: at the root: eumelanin, pheomelanin, 0 | colour | sigma_a per unit radius
    public static final int M_HAIR_TIP = 48;       // 3: the same at the tip, linear in S_HAIR_V between them
    public static final int M_HAIR_BETA_M = 51;    // longitudinal roughness, (0, 1]
    public static final int M_HAIR_BETA_N = 52;    // azimuthal roughness, (0, 1]
    public static final int M_HAIR_ALPHA = 53;     // cuticle scale tilt, radians (R moves toward the root)
    public static final int M_HAIR_VAR_MELANIN = 54; // per-strand relative spread of the absorption, [0, 1]
    public static final int M_HAIR_VAR_ROUGH = 55; // per-strand relative spread of beta_m and beta_n, [0, 1]
    public static final int M_HAIR_VAR_TILT = 56;  // per-strand relative spread of the tilt, [0, 1]
    // Hammered facets and micro-scratches on a conductor (issue 11; texture/Hammered, texture/Scratches,
    // geom/Surface.micro). Lengths in metres; M_MICRO is 0 when neither is present, and then nothing runs.
    public static final int M_MICRO = 57;          // 1 when the conductor has hammered facets or scratches, else 0
    public static final int M_HAM_SIZE = 58;       // facet size (mean ridge spacing along a line), m; 0 = no facets
    public static final int M_HAM_DEPTH = 59;      // dimple depth, m
    public static final int M_HAM_SEED = 60;
    public static final int M_SCR_DENSITY = 61;    // scratch centres per m^2; 0 = no scratches
    public static final int M_SCR_LENGTH = 62;     // m
    public static final int M_SCR_WIDTH = 63;      // m
    public static final int M_SCR_MODE = 64;       // SCRATCH_*
    public static final int M_SCR_VEC = 65;        // 3: SCRATCH_DIRECTION: unit direction (world); SCRATCH_CIRCULAR: centre (world)
    public static final int M_SCR_SEED = 68;
    public static final int M_SCR_VAR = 69;        // mean squared slope across the scratches over the surface (host: covered fraction x 0.4^2 / 3)
    public static final int SCRATCH_DIRECTION = 0; // along one direction projected onto the tangent plane
    public static final int SCRATCH_RANDOM = 1;    // each scratch at its own hashed angle
    public static final int SCRATCH_CIRCULAR = 2;  // tangent to circles around a centre (the object's origin)
    // An iris lit through its cornea (issue 10, light/Mnee): M_EYE is 1, and the cornea's analytic
    // form sits in the subsurface slots, which a Lambertian iris does not use.
    public static final int M_EYE = 43;            // 1: light reaches this surface through the cornea below by manifold NEE (0: plain path tracing)
    public static final int M_EYE_C = 23;          // 3: centre of the cornea's (concentric) spheres, world
    public static final int M_EYE_RA = 26;         // anterior (outer) radius
    public static final int M_EYE_RP = 27;         // posterior (inner) radius
    public static final int M_EYE_NC = 28;         // cornea IOR
    public static final int M_EYE_NA = 29;         // aqueous humour IOR (the iris's medium)
    public static final int M_EYE_AXIS = 30;       // 3: optical axis (gaze), unit
    public static final int M_EYE_LIMBUS = 33;     // (p - centre) . axis at the limbus plane: the cornea ends below it

    public static final int MAT_DIFFUSE = 0;
    public static final int MAT_CONDUCTOR = 1;
    public static final int MAT_DIELECTRIC = 2;
    public static final int MAT_EMISSIVE_ONLY = 3; // black body that only emits
    public static final int MAT_SUBSURFACE = 4;    // skin: dual-lobe specular over a random-walk medium
    public static final int MAT_SKIN_SPEC = 5;     // the specular event of a subsurface hit (kernel only)
    public static final int MAT_HAIR = 6;          // fiber scattering (closure/Hair): R, TT, TRT and residual lobes
    public static final int HAIR_MELANIN = 0;      // M_HAIR_MODE: eumelanin and pheomelanin concentrations
    public static final int HAIR_COLOR = 1;        // M_HAIR_MODE: colour, inverted to sigma_a (Chiang et al. 2016)
    public static final int HAIR_ABSORPTION = 2;   // M_HAIR_MODE: sigma_a per unit fibre radius

    // ---- per-frame parameters ----
    public static final int FI_WIDTH = 0;
    public static final int FI_HEIGHT = 1;
    public static final int FI_SAMPLE_START = 2;
    public static final int FI_SAMPLE_COUNT = 3;
    public static final int FI_MAX_DEPTH = 4;
    public static final int FI_SEED = 5;
    public static final int FI_RR_DEPTH = 6;
    public static final int FI_NEE = 7;            // NEE_*: how light sampling and BSDF sampling share emitters
    // Output slot 0 is this pixel of the whole image (a tile's first pixel, row-major): buffers hold
    // the tile, while the camera and the sampler see whole-image pixel indices.
    public static final int FI_PIXEL_OFFSET = 8;
    // RESET_*: what the pass zeroes in each slot before its samples, so that a device renders each
    // block into fresh sums for the host to merge (DeviceGroup, WorkUnit).
    public static final int FI_RESET = 9;
    public static final int RESET_NONE = 0;
    public static final int RESET_CLOSED = 1;      // closed sums and stats; the open block continues
    public static final int RESET_ALL = 2;         // closed sums, stats and the open block
    public static final int FRAME_I_SIZE = 10;
    public static final int NEE_MIS = 0;           // both, power heuristic (the renderer's)
    public static final int NEE_LIGHTS_ONLY = 1;   // emitters only through light samples (tests: MIS consistency)
    public static final int NEE_BSDF_ONLY = 2;     // emitters only where BSDF-sampled rays hit them

    public static final int FF_CAM_POS = 0;        // 3
    public static final int FF_CAM_RIGHT = 3;      // 3
    public static final int FF_CAM_UP = 6;         // 3
    public static final int FF_CAM_FWD = 9;        // 3
    public static final int FF_TAN_HALF_W = 12;
    public static final int FF_TAN_HALF_H = 13;
    public static final int FF_LENS_RADIUS = 14;
    public static final int FF_FOCUS_DIST = 15;
    public static final int FF_CLAMP = 16;         // max sample luminance, 0 = off
    public static final int FF_RAY_EPS = 17;       // ray offset scale (scene units)
    public static final int FRAME_F_SIZE = 20;

    // ---- outputs per pixel ----
    /**
     * Samples are summed in fixed blocks of BLOCK_SPP (samples [k BLOCK_SPP, (k+1) BLOCK_SPP)): a
     * pixel's open block is summed from zero in sample order and added to its closed sum when the
     * block is complete. The closed sum is then the block sums added in block order, whatever ran
     * each block, so blocks rendered on other devices or machines merge bit-identically (docs/scale-out.md).
     */
    public static final int BLOCK_SPP = 16;
    public static final int ACC_VALUES = 6;        // doubles: radiance sum r g b, sum of squares r g b
    public static final int ACC_OPEN = 6;          // the open block's ACC_VALUES follow the closed ones
    public static final int ACC_STRIDE = 12;
    public static final int AOV_VALUES = 8;        // albedo 3, normal 3, depth, alpha
    public static final int AOV_OPEN = 8;          // the open block's AOV_VALUES follow the closed ones
    public static final int AOV_STRIDE = 16;
    public static final int STAT_STRIDE = 3;       // rays traced, non-finite samples dropped, samples taken
    // ---- adaptive sampling (issue 13) ----
    /** Samples taken by this pixel: the film's divisor, since converged pixels stop early. */
    public static final int STAT_SAMPLES = 2;

    // ---- per-path scratch (a private float array of S_SIZE) ----
    public static final int S_RO = 0;              // 3 ray origin
    public static final int S_RD = 3;              // 3 ray direction
    public static final int S_T = 6;               // hit distance
    public static final int S_BU = 7;              // barycentric u
    public static final int S_BV = 8;              // barycentric v
    public static final int S_N = 9;               // 3 shading normal (world)
    public static final int S_TG = 12;             // 3 shading tangent (world)
    public static final int S_BT = 15;             // 3 shading bitangent (world)
    public static final int S_NG = 18;             // 3 geometric normal (world, unit)
    public static final int S_P = 21;              // 3 hit point
    public static final int S_WI = 24;             // 3 sampled direction (local frame)
    public static final int S_F = 27;              // 3 bsdf value * |cos| (eval) or weight (sample)
    public static final int S_PDF = 30;
    public static final int S_FLAGS = 31;          // BSDF_* flags of the sampled lobe (a sample record field)
    public static final int S_LE = 32;             // 3 light radiance
    public static final int S_LPDF = 35;           // light pdf, solid angle
    public static final int S_LDIST = 36;          // distance to the light sample
    public static final int S_LWI = 37;            // 3 direction to the light (world)
    public static final int S_TEX = 40;            // 4 texture lookup result
    public static final int S_MTYPE = 44;          // resolved material at the hit
    public static final int S_MBASE = 45;          // 3
    public static final int S_AX = 48;
    public static final int S_AY = 49;
    public static final int S_ETA = 50;
    public static final int S_CN = 51;             // 3
    public static final int S_CK = 54;             // 3
    public static final int S_UV = 57;             // 2
    // Texture filtering (docs/textures.md): the ray cone's width where it meets this hit (set by the
    // surface stage before Surface.setup; 0 = no footprint, level 0 only), and the squared width of
    // the cone's footprint in the hit's base texture coordinates (Surface.setup; 0 = none).
    public static final int S_CONE_W = 59;
    public static final int S_UV_FOOT = 60;
    public static final int S_AOV = 64;            // AOV_VALUES values of the first hit
    public static final int S_SSS_ST = 72;         // 3 extinction at the hit
    public static final int S_SSS_AL = 75;         // 3 single-scattering albedo at the hit
    public static final int S_SSS_G = 78;
    public static final int S_MIX = 79;            // specular lobe-1 weight
    public static final int S_SPECS = 80;          // specular scale (2 x specular)
    public static final int S_THR = 81;            // 3 per-channel weight of a random-walk step
    public static final int S_M = 84;              // 3 microfacet normal (half vector)
    public static final int S_LP = 87;             // 3 sampled point on an area light
    public static final int S_SAMPLE_ETA = 90;     // relative IOR crossed by a sampled transmission, else 1
    public static final int S_WO = 91;             // 3 direction to the previous vertex (local frame)
    public static final int S_LID = 94;            // area light of the light sample, -1 for the environment
    public static final int S_LFRAME = 95;         // 8: light sampling scratch (rectangle frame and corner weights, sphere frame)
    // A curve hit's shading frame: local x is the fiber tangent (root to tip), local z the unit vector
    // perpendicular to it towards the ray origin (so wo = (sin theta_o, 0, cos theta_o)), local y = z x x.
    public static final int S_HAIR_H = 104;        // signed offset of the hit from the fiber axis along local y / radius, [-1, 1]
    public static final int S_HAIR_STRAND = 105;   // per-strand random value in [0, 1), from the strand id
    public static final int S_HAIR_V = 106;        // parameter along the strand, 0 at the root, 1 at the tip
    public static final int S_LSUM = 107;          // sum of the light importances at the point a light was picked for, -1 if none
    public static final int S_HIT_EPS = 108;       // ray offset at this hit when > 0 (curves: a fraction of the fiber radius), else 0
    // Hair closure parameters at the hit (Hair.setup), in slots only skin's medium uses otherwise.
    public static final int S_HAIR_SIGMA_A = S_SSS_ST; // 3: absorption per unit fibre radius
    public static final int S_HAIR_V0 = S_SSS_AL;      // longitudinal variance of the R lobe (from beta_m)
    public static final int S_HAIR_LOGS = S_SSS_AL + 1; // scale of the azimuthal logistic (from beta_n)
    public static final int S_HAIR_SIN_A = S_SSS_AL + 2; // sin and cos of the cuticle tilt (two slots)
    // Manifold next-event estimation through a cornea (light/Mnee), during the light sample only.
    // From 112, after the curves' per-hit ray offset (S_HIT_EPS).
    public static final int S_MNEE = 112;          // 3 direction at the iris; then the chain it leads along:
    public static final int S_MNEE_P2 = 115;       // 3 point on the cornea's outer sphere
    public static final int S_MNEE_D2 = 118;       // 3 direction out of the cornea
    public static final int S_MNEE_T3 = 121;       // distance from there to the light point
    public static final int S_MNEE_R2 = 122;       // squared angular miss at the cornea (|direction out - unit vector to the light point|^2)
    public static final int S_MNEE_T = 123;        // Fresnel transmittance of both interfaces
    public static final int S_MNEE_J = 124;        // area on the light per unit solid angle at the iris
    public static final int S_MNEE_OK = 125;       // 1 when the chain exists (both spheres met on the cap, no TIR)
    public static final int S_MNEE_GOOD = 126;     // 3 the last direction whose ray got out (Newton backtracks to it)
    public static final int S_MNEE_STEP = 129;     // 3 the step taken from there
    public static final int S_SIZE = 132;

    // ---- BSDF sample record flags (S_FLAGS; combined by addition, tested with Bsdf.has) ----
    public static final int BSDF_REFLECT = 1;
    public static final int BSDF_TRANSMIT = 2;
    public static final int BSDF_DIFFUSE = 4;
    public static final int BSDF_GLOSSY = 8;
    public static final int BSDF_SPECULAR = 16;

    public static final int STACK_SIZE = 64;
}
