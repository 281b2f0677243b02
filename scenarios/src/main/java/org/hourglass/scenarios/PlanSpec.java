package org.hourglass.scenarios;

import org.hourglass.dualpipe.ScheduleKind;
import org.hourglass.hardware.SpecNode;
import org.hourglass.sim.InvalidInputException;

/**
 * The parallel plan of one training phase: pipeline (pp), expert (ep), data (dp), context (cp) and
 * tensor (tp) degrees, the pipeline schedule, the micro-batch, the MoE node limit and the SMs given
 * to communication. A pipeline stage has dp x tp GPUs: dp tensor-parallel groups of tp GPUs inside a
 * node (tp is 1 for DeepSeek's layouts); cp of the dp groups share one sequence (ring attention), so
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
 */
public record PlanSpec(int pp, int ep, int dp, int cp, ScheduleKind schedule, int microBatchSequences, int nodeLimit,
    int communicationSms, int tp) {

  /**
   * Reads a plan. Fields left out come from {@code base} (a phase's plan inherits the main one); the
   * main plan, with no base, needs pp, ep, schedule and communicationSms. tp defaults to 1 and dp to
   * GPUs / (pp x tp).
   */
  static PlanSpec read(SpecNode n, PlanSpec base, int gpus) {
    int pp = positive(n, "pp", base == null ? null : base.pp);
    int tp = positive(n, "tp", base == null ? 1 : base.tp);
    if (!n.has("dp") && gpus % ((long) pp * tp) != 0) {
      throw new InvalidInputException(n.fieldPath("pp"), (tp == 1 ? pp : "pp x tp = " + (long) pp * tp)
          + " does not divide the cluster's " + gpus + " GPUs");
    }
    PlanSpec plan = new PlanSpec(pp,
        positive(n, "ep", base == null ? null : base.ep),
        n.has("dp") ? n.positiveInt("dp") : (int) (gpus / ((long) pp * tp)),
        positive(n, "cp", base == null ? 1 : base.cp),
        n.has("schedule") || base == null ? ScheduleKind.parse(n.fieldPath("schedule"), n.text("schedule")) : base.schedule,
        positive(n, "microBatchSequences", base == null ? 1 : base.microBatchSequences),
        n.has("nodeLimit") ? n.nonNegativeInt("nodeLimit") : (base == null ? 0 : base.nodeLimit),
        n.has("communicationSms") || base == null ? n.nonNegativeInt("communicationSms") : base.communicationSms, tp);
    plan.check(n, gpus);
    return plan;
  }

  private static int positive(SpecNode n, String field, Integer fallback) {
    return n.has(field) || fallback == null ? n.positiveInt(field) : fallback;
  }

  private void check(SpecNode n, int gpus) {
    if ((long) pp * dp * tp != gpus) {
      throw new InvalidInputException(n.fieldPath("dp"), "pp x dp x tp = " + pp + " x " + dp + " x " + tp + " = "
          + (long) pp * dp * tp + " does not equal the cluster's " + gpus + " GPUs");
    }
    if (dp % cp != 0) {
      throw new InvalidInputException(n.fieldPath("cp"), cp + " does not divide dp = " + dp);
    }
    if (dp % ep != 0) {
      throw new InvalidInputException(n.fieldPath("ep"), ep + " does not divide dp = " + dp
          + " (expert groups are formed among the GPUs of one pipeline rank)");
    }
  }

  /** Replicas that consume the global batch: dp / cp. */
  public int batchReplicas() {
    return dp / cp;
  }

  /** A short name for tables: {@code PP16 EP64 DP128 dualpipe mb1 limit 4} ({@code TP8} after PP where tp > 1). */
  public String label() {
    return String.format("PP%d%s EP%d DP%d %s mb%d limit %s", pp, tp > 1 ? " TP" + tp : "", ep, dp, schedule.cliName(),
        microBatchSequences, nodeLimit == 0 ? "none" : Integer.toString(nodeLimit));
  }

  /** The same plan with another context-parallel degree. */
  public PlanSpec withCp(int newCp) {
    return new PlanSpec(pp, ep, dp, newCp, schedule, microBatchSequences, nodeLimit, communicationSms, tp);
  }
}
