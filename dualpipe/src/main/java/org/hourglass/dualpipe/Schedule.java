package org.hourglass.dualpipe;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A pipeline schedule as data: for each rank the ordered list of ops it executes in one training
 * step, the route of every micro-batch, and the properties a planner asks about (the bound on
 * in-flight activations each rank may hold, the stages each rank keeps, how often each stage is
 * replicated). Sends and receives are implied by the routes: a forward of stage s sends its
 * activation to the rank of stage s+1, a backward sends its input gradient to the rank of stage s-1.
 *
 * @param activationBound per rank, the most stage-activations (one micro-batch through one stage)
 *     the schedule promises to hold at once
 * @param stagesPerRank model stages each rank keeps parameters for
 * @param stageReplicas how many ranks keep each stage (DualPipe keeps every stage twice)
 */
public record Schedule(
    ScheduleKind kind,
    int ranks,
    int microBatches,
    List<Route> routes,
    List<List<Op>> opsPerRank,
    List<Integer> activationBound,
    int stagesPerRank,
    int stageReplicas) {

  public Schedule {
    routes = List.copyOf(routes);
    opsPerRank = opsPerRank.stream().map(List::copyOf).toList();
    activationBound = List.copyOf(activationBound);
  }

  /** Stages on every micro-batch's route (all routes of one schedule have the same length). */
  public int stages() {
    return routes.get(0).stages();
  }

  /** The route of micro-batch {@code microBatch}. */
  public Route route(int microBatch) {
    return routes.get(microBatch);
  }

  /** The ops of {@code rank}, in execution order. */
  public List<Op> ops(int rank) {
    return opsPerRank.get(rank);
  }

  /** The ops of {@code rank} in schedule notation, space-separated: "F0 F0 F1 B1* W ...". */
  public String tokens(int rank) {
    return ops(rank).stream().map(Op::token).collect(Collectors.joining(" "));
  }

  /** A copy with other ops, for tests that break a schedule on purpose. */
  public Schedule withOps(List<List<Op>> ops) {
    return new Schedule(kind, ranks, microBatches, routes, ops, activationBound, stagesPerRank, stageReplicas);
  }
}
