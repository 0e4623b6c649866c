package dev.carnation.scene.light;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carnation.scene.SceneException;
import dev.carnation.scene.io.Fields;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Light linking and shadow linking (docs/light-sampling.md#light-and-shadow-linking), resolved to
 * the compact form the kernels read (kernel light/LightLinking): objects that the same lights light
 * share a receiver group, objects that block the same lights share a blocker group (at most 32 of
 * each); an object carries its groups as one bit each, a light the masks of the groups it does not
 * light ({@code exclude}) and whose objects its shadow rays pass through ({@code ignore}). Masks
 * and bits are 0 where nothing is linked, so a scene without linking packs as before.
 *
 * @param active         true when any light has light or shadow linking (the kernels read the object table)
 * @param receiverBit    per object id, the bit of its receiver group
 * @param blockerBit     per object id, the bit of its blocker group
 * @param lightExclude   per object id of an emitting object, the receiver groups it does not light
 * @param lightIgnore    per object id of an emitting object, the blocker groups its shadow rays pass through
 * @param envExclude     the receiver groups the environment does not light
 * @param envIgnore      the blocker groups the environment's shadow rays pass through
 * @param receiverGroups number of receiver groups
 * @param blockerGroups  number of blocker groups
 */
public record LightLinks(boolean active, int[] receiverBit, int[] blockerBit, int[] lightExclude, int[] lightIgnore,
                         int envExclude, int envIgnore, int receiverGroups, int blockerGroups) {

    /** Link groups per kind: one bit each in an int mask. */
    public static final int MAX_GROUPS = 32;

    public static final LightLinks NONE = new LightLinks(false, new int[0], new int[0], new int[0], new int[0], 0, 0, 1, 1);

    /** Receiver groups area light object does not light. */
    public int exclude(int object) {
        return object < lightExclude.length ? lightExclude[object] : 0;
    }

    /** Blocker groups the shadow rays of area light object pass through. */
    public int ignore(int object) {
        return object < lightIgnore.length ? lightIgnore[object] : 0;
    }

    /** One entry's {@code include}/{@code exclude} lists of object names, not yet resolved. */
    record Lists(Fields at, List<String> include, List<String> includeAt, List<String> exclude, List<String> excludeAt) {}

    /** A light with linking: its objects (none for the environment) and its lists. */
    record Linked(Fields at, List<Integer> objects, boolean environment, Lists light, Lists shadow) {}

    /** Collects object names and the lights' lists while the scene loads, then resolves them. */
    public static final class Builder {
        private final Map<String, List<Integer>> named = new LinkedHashMap<>();
        private final List<Linked> linked = new ArrayList<>();

        /** Reads an optional {@code name} field and gives it to objects [first, end). */
        public void name(Fields f, int first, int end) {
            if (!f.has("name")) {
                f.string("name", "");
                return;
            }
            String n = f.string("name");
            if (n.isBlank()) {
                throw f.error("name", "must not be empty");
            }
            List<Integer> ids = named.computeIfAbsent(n, k -> new ArrayList<>());
            for (int o = first; o < end; o++) {
                ids.add(o);
            }
        }

        /** True when f has light or shadow linking fields. */
        public static boolean has(Fields f) {
            return f.has("light_linking") || f.has("shadow_linking");
        }

        /**
         * Reads the optional {@code light_linking} and {@code shadow_linking} of a light whose
         * objects are [first, end) (none: the environment); names resolve in {@link #build}.
         */
        public void light(Fields f, int first, int end, boolean environment) {
            Lists light = lists(f, "light_linking");
            Lists shadow = lists(f, "shadow_linking");
            if (light == null && shadow == null) {
                return;
            }
            List<Integer> objects = new ArrayList<>();
            for (int o = first; o < end; o++) {
                objects.add(o);
            }
            linked.add(new Linked(f, objects, environment, light, shadow));
        }

        private static Lists lists(Fields f, String key) {
            if (!f.has(key)) {
                f.string(key, "");
                return null;
            }
            Fields l = f.object(key);
            List<String> incAt = new ArrayList<>();
            List<String> exAt = new ArrayList<>();
            List<String> inc = l.has("include") ? names(l, "include", incAt) : null;
            List<String> ex = l.has("exclude") ? names(l, "exclude", exAt) : List.of();
            l.done();
            if (!l.has("include") && !l.has("exclude")) {
                throw f.error(key, "give \"include\" (the only objects it applies to) and/or \"exclude\" (objects it skips)");
            }
            return new Lists(l, inc, incAt, ex, exAt);
        }

        private static List<String> names(Fields l, String key, List<String> pointers) {
            JsonNode v = l.raw(key);
            if (!v.isArray()) {
                throw l.error(key, "expected an array of object names");
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                String p = l.pointer(key) + "/" + i;
                if (!v.get(i).isTextual()) {
                    throw SceneException.at(l.file(), p, "expected an object name (a string)");
                }
                out.add(v.get(i).asText());
                pointers.add(p);
            }
            return out;
        }

        /** Resolves the names over objects [0, objectCount) into groups and masks. */
        public LightLinks build(int objectCount) {
            if (linked.isEmpty()) {
                return NONE;
            }
            int k = linked.size();
            // Per linked light j: the objects it does not light, and the objects its shadow rays pass through.
            BitSet[] unlit = new BitSet[k];
            BitSet[] passed = new BitSet[k];
            for (int j = 0; j < k; j++) {
                Linked l = linked.get(j);
                unlit[j] = resolve(l.light(), objectCount);
                passed[j] = resolve(l.shadow(), objectCount);
                // A light's own surface always stops its shadow rays (a sphere's sample must find it).
                for (int o : l.objects()) {
                    passed[j].clear(o);
                }
            }
            int[] receiverBit = new int[objectCount];
            int[] receiverMasks = new int[k];
            int receiverGroups = groups(unlit, objectCount, receiverBit, receiverMasks, "light_linking");
            int[] blockerBit = new int[objectCount];
            int[] blockerMasks = new int[k];
            int blockerGroups = groups(passed, objectCount, blockerBit, blockerMasks, "shadow_linking");
            int[] lightExclude = new int[objectCount];
            int[] lightIgnore = new int[objectCount];
            int envExclude = 0;
            int envIgnore = 0;
            for (int j = 0; j < k; j++) {
                Linked l = linked.get(j);
                if (l.environment()) {
                    envExclude = receiverMasks[j];
                    envIgnore = blockerMasks[j];
                }
                for (int o : l.objects()) {
                    lightExclude[o] = receiverMasks[j];
                    lightIgnore[o] = blockerMasks[j];
                }
            }
            return new LightLinks(true, receiverBit, blockerBit, lightExclude, lightIgnore, envExclude, envIgnore,
                    receiverGroups, blockerGroups);
        }

        /** The objects a list pair leaves out: all but include (when given), and exclude. */
        private BitSet resolve(Lists lists, int objectCount) {
            BitSet out = new BitSet(objectCount);
            if (lists == null) {
                return out;
            }
            if (lists.include() != null) {
                out.set(0, objectCount);
                for (int i = 0; i < lists.include().size(); i++) {
                    for (int o : objects(lists, lists.include().get(i), lists.includeAt().get(i))) {
                        out.clear(o);
                    }
                }
            }
            for (int i = 0; i < lists.exclude().size(); i++) {
                for (int o : objects(lists, lists.exclude().get(i), lists.excludeAt().get(i))) {
                    out.set(o);
                }
            }
            return out;
        }

        private List<Integer> objects(Lists lists, String name, String pointer) {
            List<Integer> ids = named.get(name);
            if (ids == null) {
                String known = named.isEmpty() ? "no object has a \"name\"" : "named objects: " + String.join(", ", new TreeSet<>(named.keySet()));
                throw SceneException.at(lists.at().file(), pointer, "no object named \"" + name + "\" (" + known + ")");
            }
            return ids;
        }

        /**
         * Objects with the same signature (the set of linked lights that leave them out) share a
         * group; writes each object's group bit and each light's mask of the groups it leaves out.
         */
        private int groups(BitSet[] left, int objectCount, int[] bit, int[] masks, String what) {
            Map<BitSet, Integer> group = new LinkedHashMap<>();
            for (int o = 0; o < objectCount; o++) {
                BitSet sig = new BitSet(left.length);
                for (int j = 0; j < left.length; j++) {
                    if (left[j].get(o)) {
                        sig.set(j);
                    }
                }
                Integer g = group.get(sig);
                if (g == null) {
                    g = group.size();
                    if (g >= MAX_GROUPS) {
                        Linked l = linked.get(linked.size() - 1);
                        throw l.at().error(what, "the lights' " + what + " lists split the objects into more than " + MAX_GROUPS
                                + " different sets (objects that the same lights " + (what.equals("light_linking") ? "light" : "shadow")
                                + " form one set); name fewer combinations");
                    }
                    group.put(sig, g);
                    for (int j = sig.nextSetBit(0); j >= 0; j = sig.nextSetBit(j + 1)) {
                        masks[j] |= 1 << g;
                    }
                }
                bit[o] = 1 << g;
            }
            return Math.max(1, group.size());
        }
    }
}
