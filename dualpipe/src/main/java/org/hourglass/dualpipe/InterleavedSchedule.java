package org.hourglass.dualpipe;

import java.util.ArrayList;
import java.util.List;

/**
 * Interleaved 1F1B (Narayanan et al., SC'21, Megatron-LM): each of N ranks holds v model chunks,
 * stage s = c·N + r on rank r, so a micro-batch loops v times through the ranks. Forwards run in
 * groups of N micro-batches per chunk (chunk (k/N) mod v), backwards the same with chunks reversed;
 * rank r warms up with 2(N-r-1) + (v-1)N forwards. Micro-batches must be a multiple of N.
 */
public final class InterleavedSchedule {
  private InterleavedSchedule() {}

  /** The schedule on {@code ranks} ranks with {@code chunks} virtual stages per rank. */
  public static Schedule generate(int ranks, int microBatches, int chunks) {
    Inputs.atLeast(Inputs.RANKS, ranks, 1, "a pipeline needs at least 1 rank");
    Inputs.atLeast("virtual-stages", chunks, 1, "each rank holds at least 1 model chunk");
    Inputs.atLeast(Inputs.MICRO_BATCHES, microBatches, ranks,
        "interleaved 1F1B needs at least as many micro-batches as ranks (" + ranks + ")");
    Inputs.divisible(Inputs.MICRO_BATCHES, microBatches, ranks,
        "interleaved 1F1B runs micro-batches in groups of one per rank, so their number must be a multiple of ranks (" + ranks + ")");
    Route route = Routes.of(ranks * chunks, s -> new Hop(s % ranks, s / ranks));
    List<List<Op>> ops = new ArrayList<>();
    List<Integer> bound = new ArrayList<>();
    for (int r = 0; r < ranks; r++) {
      int warmUp = warmUp(r, ranks, microBatches, chunks);
      ops.add(rank(r, ranks, microBatches, chunks, warmUp));
      bound.add(Math.min(warmUp + 1, microBatches * chunks));
    }
    return new Schedule(ScheduleKind.INTERLEAVED_1F1B, ranks, microBatches,
        Routes.same(route, microBatches), ops, bound, chunks, 1);
  }

  private static int warmUp(int rank, int ranks, int microBatches, int chunks) {
    return Math.min(2 * (ranks - rank - 1) + (chunks - 1) * ranks, microBatches * chunks);
  }

  private static List<Op> rank(int rank, int ranks, int microBatches, int chunks, int warmUp) {
    int total = microBatches * chunks;
    List<Op> ops = new ArrayList<>();
    for (int k = 0; k < warmUp; k++) {
      ops.add(Op.single(task(Pass.FORWARD, k, rank, ranks, chunks)));
    }
    for (int k = 0; k < total - warmUp; k++) {
      ops.add(Op.single(task(Pass.FORWARD, warmUp + k, rank, ranks, chunks)));
      ops.add(Op.single(task(Pass.BACKWARD, k, rank, ranks, chunks)));
    }
    for (int k = Math.max(0, total - warmUp); k < total; k++) {
      ops.add(Op.single(task(Pass.BACKWARD, k, rank, ranks, chunks)));
    }
    return ops;
  }

  /** The k-th forward or backward on a rank: chunk by groups of N, backwards visiting chunks in reverse. */
  private static Task task(Pass pass, int k, int rank, int ranks, int chunks) {
    int group = k / ranks;
    int chunk = group % chunks;
    if (pass == Pass.BACKWARD) {
      chunk = chunks - 1 - chunk;
    }
    int microBatch = (group / chunks) * ranks + k % ranks;
    return new Task(pass, microBatch, chunk * ranks + rank, chunk);
  }
}
