package org.hourglass.dualpipe;

import java.util.ArrayList;
import java.util.List;

/**
 * 1F1B (PipeDream-Flush, Narayanan et al., 2021): rank r warms up with min(N-r-1, C) forwards,
 * then alternates one forward and one backward, then drains the remaining backwards. Rank r never
 * holds more than N-r micro-batches' activations.
 */
public final class OneFOneBSchedule {
  private OneFOneBSchedule() {}

  /** The schedule on {@code ranks} ranks for {@code microBatches} micro-batches. */
  public static Schedule generate(int ranks, int microBatches) {
    Inputs.atLeast(Inputs.RANKS, ranks, 1, "a pipeline needs at least 1 rank");
    Inputs.atLeast(Inputs.MICRO_BATCHES, microBatches, 1, "a step needs at least 1 micro-batch");
    List<List<Op>> ops = new ArrayList<>();
    List<Integer> bound = new ArrayList<>();
    for (int r = 0; r < ranks; r++) {
      ops.add(rank(r, ranks, microBatches));
      bound.add(Math.min(ranks - r, microBatches));
    }
    return new Schedule(ScheduleKind.ONE_F_ONE_B, ranks, microBatches,
        Routes.same(Routes.straight(ranks), microBatches), ops, bound, 1, 1);
  }

  private static List<Op> rank(int rank, int ranks, int microBatches) {
    int warmUp = Math.min(ranks - rank - 1, microBatches);
    List<Op> ops = new ArrayList<>();
    int nextBackward = 0;
    for (int m = 0; m < microBatches; m++) {
      ops.add(Op.single(new Task(Pass.FORWARD, m, rank, 0)));
      if (m >= warmUp) {
        ops.add(Op.single(new Task(Pass.BACKWARD, nextBackward++, rank, 0)));
      }
    }
    while (nextBackward < microBatches) {
      ops.add(Op.single(new Task(Pass.BACKWARD, nextBackward++, rank, 0)));
    }
    return ops;
  }
}
