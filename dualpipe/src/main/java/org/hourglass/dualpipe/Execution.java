package org.hourglass.dualpipe;

import java.util.Arrays;
import java.util.List;

/**
 * A schedule run with given durations: per rank the ops with their start and end, the step's
 * makespan, each rank's bubble (makespan minus the time it computed), its peak in-flight
 * stage-activations, and the parameter footprint the schedule implies.
 */
public record Execution(Schedule schedule, Durations durations, List<List<TimedOp>> timelines, long makespanPs, long[] busyPs, int[] peakActivations) {

  public Execution {
    timelines = timelines.stream().map(List::copyOf).toList();
    busyPs = busyPs.clone();
    peakActivations = peakActivations.clone();
  }

  /** Rank {@code rank}'s idle time within the step, in picoseconds. */
  public long bubblePs(int rank) {
    return makespanPs - busyPs[rank];
  }

  /** The largest bubble of any rank, in picoseconds. */
  public long maxBubblePs() {
    return Arrays.stream(busyPs).map(busy -> makespanPs - busy).max().orElse(0);
  }

  /** The share of the step all ranks together spend idle. */
  public double bubbleShare() {
    long idle = Arrays.stream(busyPs).map(busy -> makespanPs - busy).sum();
    return makespanPs == 0 ? 0 : idle / ((double) makespanPs * busyPs.length);
  }

  /** The largest peak of in-flight stage-activations of any rank. */
  public int maxPeakActivations() {
    return Arrays.stream(peakActivations).max().orElse(0);
  }

  /**
   * The largest peak in units of one rank's share of the model (a stage of a model cut into as
   * many pieces as ranks), so that schedules with finer stages (interleaved, DualPipeV) compare.
   */
  public double maxPeakActivationsInRankShares() {
    return maxPeakActivations() * (double) schedule.ranks() / schedule.stages();
  }

  /** Model stages each rank keeps parameters for (the "Params per device" column, in stages). */
  public int stagesPerRank() {
    return schedule.stagesPerRank();
  }

  /** How many ranks keep each stage's parameters (2 for DualPipe). */
  public int parameterCopies() {
    return schedule.stageReplicas();
  }

  @Override
  public long[] busyPs() {
    return busyPs.clone();
  }

  @Override
  public int[] peakActivations() {
    return peakActivations.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Execution e && e.schedule.equals(schedule) && e.timelines.equals(timelines);
  }

  @Override
  public int hashCode() {
    return timelines.hashCode();
  }

  @Override
  public String toString() {
    return schedule.kind().displayName() + " makespan " + makespanPs + " ps";
  }
}
