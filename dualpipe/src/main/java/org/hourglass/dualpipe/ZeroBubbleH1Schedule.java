package org.hourglass.dualpipe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * ZB1P, the zero-bubble schedule ZB-H1 (Qi et al., "Zero Bubble Pipeline Parallelism", ICLR 2024,
 * the "uniform B-W split" version): 1F1B with every backward split into B* (input gradients, on
 * the critical path) and W (weight gradients, off it). Rank r runs each W r backwards after its
 * B*, so the last rank, which in 1F1B idles while gradients drain upstream, fills that time with
 * its last N-1 W jobs. Bubble (N-1)(F+B-2W); in-flight activations as 1F1B (at most N-r).
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
        }
      }
      while (nextBackward < microBatches) {
        backwardInput();
      }
      while (!deferred.isEmpty()) {
        weight();
      }
      return ops;
    }

    /** A B*, then the W that is {@code rank} backwards old, if there is one. */
    private void backwardInput() {
      Task inputOnly = new Task(Pass.BACKWARD_INPUT, nextBackward++, rank, 0);
      ops.add(Op.single(inputOnly));
      deferred.addLast(inputOnly);
      if (deferred.size() > rank) {
        weight();
      }
    }

    private void weight() {
      ops.add(Op.single(deferred.removeFirst().withPass(Pass.WEIGHT)));
    }
  }
}
