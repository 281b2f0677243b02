/**
 * How a parallel plan runs on the cluster: the layout ({@link org.hourglass.parallelism.RankMap}), the
 * plan of one phase ({@link org.hourglass.parallelism.PlanSpec}) and the job it belongs to, and the
 * training step simulated on every GPU ({@link org.hourglass.parallelism.StepSimulator}).
 * The per-layer work and its costs live in {@code costs}, the step on the engine in {@code step}.
 */
package org.hourglass.parallelism;
