package org.hourglass.dualpipe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * DualPipeV, the V-shaped "cut-in-half" DualPipe (github deepseek-ai/DualPipe, dualpipev.py): N
 * ranks hold 2N stages, rank r holding stage r (phase 0) and stage 2N-1-r (phase 1). Every
 * micro-batch enters at rank 0, goes down to rank N-1, turns there without communication and
 * comes back up; each stage is kept once. Runs DualPipe's template with h = r, H = N.
 */
public final class DualPipeVSchedule {
  private DualPipeVSchedule() {}

  /** The schedule on {@code ranks} ranks for {@code microBatches} micro-batches. */
  public static Schedule generate(int ranks, int microBatches) {
    Inputs.atLeast(Inputs.RANKS, ranks, 1, "DualPipeV needs at least 1 rank");
    Inputs.atLeast(Inputs.MICRO_BATCHES, microBatches, 2 * ranks,
        "DualPipeV needs at least 2 x ranks = " + 2 * ranks + " micro-batches (one per stage on the V)");
    int stages = 2 * ranks;
    Route route = Routes.of(stages, s -> s < ranks ? new Hop(s, 0) : new Hop(stages - 1 - s, 1));
    List<Integer> all = Routes.ids(0, microBatches);
    List<List<Op>> ops = new ArrayList<>();
    for (int r = 0; r < ranks; r++) {
      ops.add(DualPipeTemplate.rank(r, ranks, microBatches,
          new PhaseProgram.Phase(r, 0, all), new PhaseProgram.Phase(stages - 1 - r, 1, all)));
    }
    return new Schedule(ScheduleKind.DUALPIPE_V, ranks, microBatches, Routes.same(route, microBatches),
        ops, Collections.nCopies(ranks, stages + 1), 2, 1);
  }
}
