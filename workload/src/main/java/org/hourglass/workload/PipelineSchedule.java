package org.hourglass.workload;

import java.util.Locale;
import org.hourglass.sim.InvalidInputException;

/**
 * What a pipeline schedule costs in memory, from the DualPipe README's comparison table (github
 * deepseek-ai/DualPipe): 1F1B and ZB1P keep one stage of parameters and up to PP micro-batches of
 * activations on the first rank; DualPipe keeps two stages (rank i holds stages i and PP-1-i) and PP+1
 * micro-batches. Interleaved 1F1B (Narayanan et al. 2021) with v model chunks per rank (the plan's
 * virtualStages; 2 by default) keeps one stage of parameters in v parts and, on rank r, the
 * activations of 2(PP - r - 1) + (v - 1) PP + 1 chunks at its warm-up peak (Megatron-LM's warm-up
 * count), each chunk 1/v of a stage.
 */
public enum PipelineSchedule {
  ONE_F_ONE_B("1f1b", 1, 0),
  ZB1P("zb1p", 1, 0),
  DUALPIPE("dualpipe", 2, 1),
  INTERLEAVED_1F1B("interleaved", 1, 0);

  /** Model chunks per rank under interleaved 1F1B: the schedule generator's default (dualpipe Schedules). */
  public static final int INTERLEAVED_CHUNKS = 2;

  private final String spelling;
  private final int stagesPerRank;
  private final int extraMicroBatches;

  PipelineSchedule(String spelling, int stagesPerRank, int extraMicroBatches) {
    this.spelling = spelling;
    this.stagesPerRank = stagesPerRank;
    this.extraMicroBatches = extraMicroBatches;
  }

  /** Parses {@code 1f1b}, {@code zb1p}, {@code dualpipe} or {@code interleaved}. */
  public static PipelineSchedule parse(String text, String field) {
    for (PipelineSchedule s : values()) {
      if (s.spelling.equalsIgnoreCase(text.trim())) {
        return s;
      }
    }
    throw new InvalidInputException(field, "unknown schedule '" + text + "' (1f1b, zb1p, dualpipe, interleaved)");
  }

  /** Pipeline stages whose parameters one rank holds: 1, or 2 for DualPipe. */
  public int stagesPerRank() {
    return stagesPerRank;
  }

  /**
   * Micro-batches of one stage's activations rank {@code rank} keeps at its peak: PP - rank under 1F1B
   * (the first rank holds PP), PP + 1 on every rank under DualPipe; under interleaved 1F1B the chunks
   * in flight in whole stages, rounded up (PP16: 24 on the first rank).
   */
  public int microBatchesInFlight(int pp, int rank) {
    return microBatchesInFlight(pp, rank, INTERLEAVED_CHUNKS);
  }

  /** As {@link #microBatchesInFlight(int, int)}, with {@code v} model chunks per rank under interleaved 1F1B. */
  public int microBatchesInFlight(int pp, int rank, int v) {
    if (this == INTERLEAVED_1F1B) {
      int chunks = 2 * (pp - rank - 1) + (v - 1) * pp + 1;
      return (chunks + v - 1) / v;
    }
    return stagesPerRank == 2 ? pp + extraMicroBatches : pp - rank;
  }

  /** The spelling {@link #parse} accepts. */
  public String spelling() {
    return spelling.toLowerCase(Locale.ROOT);
  }
}
