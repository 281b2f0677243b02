package org.hourglass.dualpipe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * ZB1P, the zero-bubble schedule ZB-H1 (Qi et al., "Zero Bubble Pipeline Parallelism", ICLR 2024):
 * 1F1B with each backward split into B* (input gradients, on the critical path) and W (weight
 * gradients, off it). Rank r, which idles for N-r-1 backwards at the end of 1F1B, holds back its
 * first N-r-1 W jobs and runs them in that cool-down, so its bubble shrinks by 2W per idle slot
 * while its in-flight activations stay at 1F1B's N-r.
 */
public final class ZeroBubbleH1Schedule {
  private ZeroBubbleH1Schedule() {}

  /** The schedule on {@code ranks} ranks for {@code microBatches} micro-batches. */
  public static Schedule generate(int ranks, int microBatches) {
    Inputs.atLeast(Inputs.RANKS, ranks, 1, "a pipeline needs at least 1 rank");
    Inputs.atLeast(Inputs.MICRO_BATCHES, microBatches, 1, "a step needs at least 1 micro-batch");
    List<List<Op>> ops = new ArrayList<>();
    List<Integer> bound = new ArrayList<>();
    for (int r = 0; r < ranks; r++) {
      ops.add(new RankWriter(r, ranks, microBatches).write());
      bound.add(Math.min(ranks - r, microBatches));
    }
    return new Schedule(ScheduleKind.ZB1P, ranks, microBatches,
        Routes.same(Routes.straight(ranks), microBatches), ops, bound, 1, 1);
  }

  /** Writes one rank's ops, keeping the FIFO of deferred W jobs. */
  private static final class RankWriter {
    private final int rank;
    private final int microBatches;
    private final int warmUp;
    private final List<Op> ops = new ArrayList<>();
    private final ArrayDeque<Task> deferred = new ArrayDeque<>();
    private int nextBackward;

    RankWriter(int rank, int ranks, int microBatches) {
      this.rank = rank;
      this.microBatches = microBatches;
      this.warmUp = Math.min(ranks - rank - 1, microBatches);
    }

    List<Op> write() {
      for (int m = 0; m < microBatches; m++) {
        ops.add(Op.single(new Task(Pass.FORWARD, m, rank, 0)));
        if (m >= warmUp) {
          backwardInput();
          weightIfOwed(m - warmUp >= warmUp);
        }
      }
      while (nextBackward < microBatches) {
        backwardInput();
        weightIfOwed(true);
      }
      while (!deferred.isEmpty()) {
        weightIfOwed(true);
      }
      return ops;
    }

    private void backwardInput() {
      Task inputOnly = new Task(Pass.BACKWARD_INPUT, nextBackward++, rank, 0);
      ops.add(Op.single(inputOnly));
      deferred.addLast(inputOnly);
    }

    private void weightIfOwed(boolean now) {
      if (now) {
        ops.add(Op.single(deferred.removeFirst().withPass(Pass.WEIGHT)));
      }
    }
  }
}
