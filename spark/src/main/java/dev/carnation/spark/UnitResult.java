package dev.carnation.spark;

import dev.carnation.integrator.WorkUnit;
import java.io.Serializable;

/**
 * A rendered unit on its way back to the driver: the unit's film as its three bare arrays (Film
 * itself is not Serializable, and the arrays are all the merge needs), and where and how it ran.
 *
 * @param index    the unit's place in the plan
 * @param attempt  Spark's attempt number of the task that produced it (0: first try)
 * @param executor the executor's id and host
 * @param seconds  time spent in the task, scene loading included
 */
public record UnitResult(int index, WorkUnit unit, double[] accum, float[] aov, int[] stats, int attempt, String executor,
                         double seconds) implements Serializable {}
