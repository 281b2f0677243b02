package org.hourglass.parallelism;

import org.hourglass.dualpipe.ScheduleKind;

/**
 * The parallel plan of one training phase: pipeline (pp), expert (ep), data (dp), context (cp) and
 * tensor (tp) degrees, the pipeline schedule, the micro-batch, the MoE node limit and the SMs given
 * to communication. A pipeline stage has dp x tp GPUs: dp tensor-parallel groups of tp GPUs inside a
 * node (tp is 1 for DeepSeek's layouts); cp of the dp groups share one sequence (context parallelism, costs.ContextParallel), so
 * dp / cp replicas consume the global batch.
 *
 * @param pp pipeline ranks
 * @param ep expert-parallel group size
 * @param dp tensor-parallel groups per pipeline rank (data-parallel degree, context parallelism included)
 * @param cp GPUs that split one sequence
 * @param schedule pipeline schedule
 * @param microBatchSequences sequences per micro-batch (per cp group)
 * @param nodeLimit most nodes one token's experts may span (0: no limit)
 * @param communicationSms SMs reserved for all-to-all kernels (DeepSeek-V3: 20 of 132)
 * @param tp GPUs of a tensor-parallel group (1: none)
 * @param virtualStages model chunks per rank under interleaved 1F1B (1 for every other schedule)
 */
public record PlanSpec(int pp, int ep, int dp, int cp, ScheduleKind schedule, int microBatchSequences, int nodeLimit,
    int communicationSms, int tp, int virtualStages) implements java.io.Serializable {

  /** A plan whose schedule is not interleaved (one model chunk per rank, DualPipe's two stages aside). */
  public PlanSpec(int pp, int ep, int dp, int cp, ScheduleKind schedule, int microBatchSequences, int nodeLimit,
      int communicationSms, int tp) {
    this(pp, ep, dp, cp, schedule, microBatchSequences, nodeLimit, communicationSms, tp, 1);
  }

  /** Replicas that consume the global batch: dp / cp. */
  public int batchReplicas() {
    return dp / cp;
  }

  /** {@code " (8 data-parallel replicas, dp / cp)"} where cp > 1 (dp counts every GPU of a pipeline rank), else empty. */
  public String replicasNote() {
    return cp > 1 ? " (" + batchReplicas() + " data-parallel replicas, dp / cp)" : "";
  }

  /** A short name for tables: {@code PP16 EP64 DP128 dualpipe mb1 limit 4} ({@code TP8} after PP where tp > 1). */
  public String label() {
    return String.format("PP%d%s EP%d DP%d %s mb%d limit %s", pp, tp > 1 ? " TP" + tp : "", ep, dp,
        schedule.cliName() + (virtualStages > 1 ? " v" + virtualStages : ""), microBatchSequences, nodeLimit == 0 ? "none" : Integer.toString(nodeLimit));
  }

  /** The same plan with another context-parallel degree. */
  public PlanSpec withCp(int newCp) {
    return new PlanSpec(pp, ep, dp, newCp, schedule, microBatchSequences, nodeLimit, communicationSms, tp, virtualStages);
  }
}
