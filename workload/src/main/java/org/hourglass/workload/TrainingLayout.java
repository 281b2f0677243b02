package org.hourglass.workload;

import org.hourglass.sim.InvalidInputException;

/**
 * How training is laid out on the GPUs: pipeline (pp), data (dp) and tensor (tp) parallel degrees
 * multiply to the GPU count; expert parallelism (ep) spreads each MoE layer's routed experts over ep
 * of the dp x tp ranks of a stage (as DeepSeek-V3: PP16 x DP128 on 2048 GPUs, EP64 inside DP).
 *
 * @param pp pipeline stages
 * @param ep expert-parallel degree
 * @param dp data-parallel degree (ZeRO-1 shards optimizer states over it)
 * @param tp tensor-parallel degree
 * @param schedule pipeline schedule
 * @param microBatchSequences sequences per micro-batch
 * @param sequenceLength tokens per sequence
 * @param virtualStages model chunks per rank under interleaved 1F1B
 */
public record TrainingLayout(int pp, int ep, int dp, int tp, PipelineSchedule schedule, int microBatchSequences, int sequenceLength,
    int virtualStages) {

  /** A layout with interleaved 1F1B's chunks at the schedule generator's default, 2. */
  public TrainingLayout(int pp, int ep, int dp, int tp, PipelineSchedule schedule, int microBatchSequences, int sequenceLength) {
    this(pp, ep, dp, tp, schedule, microBatchSequences, sequenceLength, PipelineSchedule.INTERLEAVED_CHUNKS);
  }

  /** Checks the degrees against each other and the model; names the first that breaks. */
  public TrainingLayout {
    positive("--pp", pp);
    positive("--ep", ep);
    positive("--dp", dp);
    positive("--tp", tp);
    positive("--micro-batch", microBatchSequences);
    positive("--seq-len", sequenceLength);
    positive("plan.virtualStages", virtualStages);
    if ((dp * (long) tp) % ep != 0) {
      throw new InvalidInputException("--ep", ep + " does not divide dp x tp = " + dp * tp + " (experts are spread over the data-parallel ranks of a stage)");
    }
    if (schedule == PipelineSchedule.DUALPIPE && pp % 2 != 0) {
      throw new InvalidInputException("--pp", "DualPipe needs an even number of stages, got " + pp);
    }
  }

  /** GPUs the layout uses: pp x dp x tp. */
  public long gpus() {
    return (long) pp * dp * tp;
  }

  /** Data-parallel replicas of each expert, over which ZeRO-1 shards the experts' optimizer states. */
  public int expertDataParallel() {
    return dp * tp / ep;
  }

  /** Tokens in one micro-batch. */
  public long microBatchTokens() {
    return (long) microBatchSequences * sequenceLength;
  }

  /** Checks the layout against a model: stages no more than blocks, experts spread evenly. */
  public void checkAgainst(Architecture a) {
    if (pp > a.layers()) {
      throw new InvalidInputException("--pp", pp + " stages exceed the model's " + a.layers() + " layers");
    }
    int experts = a.moe().map(MoeSpec::routedExperts).orElse(ep);
    if (experts % ep != 0) {
      throw new InvalidInputException("--ep", ep + " does not divide the " + experts + " routed experts of " + a.name());
    }
    if (a.moe().isEmpty() && ep != 1) {
      throw new InvalidInputException("--ep", a.name() + " has no experts; its expert-parallel degree must be 1");
    }
  }

  /** Checks the layout uses exactly {@code gpus} GPUs. */
  public void checkGpus(long gpus) {
    if (gpus() != gpus) {
      throw new InvalidInputException("--gpus", "pp x dp x tp = " + pp + " x " + dp + " x " + tp + " = " + gpus() + " does not equal " + gpus + " GPUs");
    }
  }

  private static void positive(String field, int value) {
    if (value < 1) {
      throw new InvalidInputException(field, "must be 1 or more, got " + value);
    }
  }
}
