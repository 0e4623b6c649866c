package dev.carnation.spark;

import dev.carnation.integrator.WorkUnit;
import java.io.Serializable;

/** A unit of the plan with its place in it: one per Spark partition. */
public record IndexedUnit(int index, WorkUnit unit) implements Serializable {}
