package org.hourglass.dualpipe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * DualPipe (DeepSeek-V3 report §3.2.1; github deepseek-ai/DualPipe): N ranks (N even), rank r
 * holds stages r and N-1-r, so every stage is kept twice. Half the C micro-batches enter at rank 0
 * and flow down (ids 0..C/2-1), half enter at rank N-1 and flow up (ids C/2..C-1). A rank's phase
 * 0 is the direction in which it sits in the first half of the pipeline. Needs C even and C &ge; 2N.
 */
public final class DualPipeSchedule {
  private DualPipeSchedule() {}

  /** The schedule on {@code ranks} ranks for {@code microBatches} micro-batches. */
  public static Schedule generate(int ranks, int microBatches) {
    Inputs.atLeast(Inputs.RANKS, ranks, 2, "DualPipe needs at least 2 ranks");
    Inputs.even(Inputs.RANKS, ranks,
        "DualPipe needs an even number of ranks (rank r holds stages r and N-1-r, one per direction)");
    Inputs.even(Inputs.MICRO_BATCHES, microBatches,
        "DualPipe needs an even number of micro-batches (half enter at each end)");
    Inputs.atLeast(Inputs.MICRO_BATCHES, microBatches, 2 * ranks,
        "DualPipe needs at least 2 x ranks = " + 2 * ranks + " micro-batches (each direction must fill the pipeline)");
    int half = ranks / 2;
    int perDirection = microBatches / 2;
    Route down = Routes.of(ranks, s -> new Hop(s, s < half ? 0 : 1));
    Route up = Routes.of(ranks, s -> new Hop(ranks - 1 - s, ranks - 1 - s >= half ? 0 : 1));
    List<Route> routes = new ArrayList<>(Routes.same(down, perDirection));
    routes.addAll(Routes.same(up, perDirection));
    List<List<Op>> ops = new ArrayList<>();
    for (int r = 0; r < ranks; r++) {
      ops.add(rank(r, ranks, perDirection));
    }
    return new Schedule(ScheduleKind.DUALPIPE, ranks, microBatches, routes, ops,
        Collections.nCopies(ranks, ranks + 1), 2, 2);
  }

  private static List<Op> rank(int r, int ranks, int perDirection) {
    int half = ranks / 2;
    int h = Math.min(r, ranks - 1 - r);
    PhaseProgram.Phase downPhase = new PhaseProgram.Phase(r, r < half ? 0 : 1, Routes.ids(0, perDirection));
    PhaseProgram.Phase upPhase = new PhaseProgram.Phase(ranks - 1 - r, r >= half ? 0 : 1, Routes.ids(perDirection, perDirection));
    return r < half
        ? DualPipeTemplate.rank(h, half, perDirection, downPhase, upPhase)
        : DualPipeTemplate.rank(h, half, perDirection, upPhase, downPhase);
  }
}
