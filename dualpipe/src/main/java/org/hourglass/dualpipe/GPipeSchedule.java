package org.hourglass.dualpipe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * GPipe (Huang et al., 2019): every rank runs the forwards of all micro-batches, then all their
 * backwards, so each rank holds every micro-batch's activations at the turn.
 */
public final class GPipeSchedule {
  private GPipeSchedule() {}

  /** The schedule on {@code ranks} ranks for {@code microBatches} micro-batches. */
  public static Schedule generate(int ranks, int microBatches) {
    Inputs.atLeast(Inputs.RANKS, ranks, 1, "a pipeline needs at least 1 rank");
    Inputs.atLeast(Inputs.MICRO_BATCHES, microBatches, 1, "a step needs at least 1 micro-batch");
    List<List<Op>> ops = new ArrayList<>();
    for (int r = 0; r < ranks; r++) {
      ops.add(rank(r, microBatches));
    }
    return new Schedule(ScheduleKind.GPIPE, ranks, microBatches,
        Routes.same(Routes.straight(ranks), microBatches), ops,
        Collections.nCopies(ranks, microBatches), 1, 1);
  }

  private static List<Op> rank(int rank, int microBatches) {
    List<Op> ops = new ArrayList<>();
    for (int m = 0; m < microBatches; m++) {
      ops.add(Op.single(new Task(Pass.FORWARD, m, rank, 0)));
    }
    for (int m = 0; m < microBatches; m++) {
      ops.add(Op.single(new Task(Pass.BACKWARD, m, rank, 0)));
    }
    return ops;
  }
}
