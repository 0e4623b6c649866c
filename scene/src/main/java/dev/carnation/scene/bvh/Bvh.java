package dev.carnation.scene.bvh;

/**
 * A flattened BVH: depth-first node order, the left child of an interior node right after it.
 * Per node: bounds (6 floats), and (rightChild, 0) or (firstTriangle, count) for a leaf.
 * {@code order[i]} is the original index of the i-th triangle in leaf order.
 */
public record Bvh(float[] bounds, int[] links, int nodeCount, int[] order, int maxDepth, int leafCount) {}
