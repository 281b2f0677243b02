package org.hourglass.scenarios;

import org.hourglass.dualpipe.ScheduleKind;
import org.hourglass.hardware.SpecNode;
import org.hourglass.parallelism.PlanSpec;
import org.hourglass.sim.InvalidInputException;

/** Reads a scenario's {@code plan} (or a context-extension plan) into a {@link PlanSpec}, checking it against the cluster. */
final class PlanReader {
  private PlanReader() {}

  /**
   * Reads a plan. Fields left out come from {@code base} (a phase's plan inherits the main one); the
   * main plan, with no base, needs pp and schedule, and for an MoE model ep and communicationSms (a
   * dense model has no experts: ep 1, no all-to-all SMs). tp defaults to 1 and dp to GPUs / (pp x tp).
   */
  static PlanSpec read(SpecNode n, PlanSpec base, int gpus, boolean moe) {
    return read(n, base, gpus, moe, false);
  }

  /** As above; where {@code cpChosenLater} the plan's {@code cp: auto} is read as 1, to be chosen by {@link ContextSplit}. */
  static PlanSpec read(SpecNode n, PlanSpec base, int gpus, boolean moe, boolean cpChosenLater) {
    int pp = positive(n, "pp", base == null ? null : base.pp());
    int tp = positive(n, "tp", base == null ? 1 : base.tp());
    if (!n.has("dp") && gpus % ((long) pp * tp) != 0) {
      throw new InvalidInputException(n.fieldPath("pp"), (tp == 1 ? pp : "pp x tp = " + (long) pp * tp)
          + " does not divide the cluster's " + gpus + " GPUs");
    }
    PlanSpec plan = new PlanSpec(pp,
        positive(n, "ep", base != null ? Integer.valueOf(base.ep()) : moe ? null : 1),
        n.has("dp") ? n.positiveInt("dp") : (int) (gpus / ((long) pp * tp)),
        cpChosenLater ? 1 : positive(n, "cp", base == null ? 1 : base.cp()),
        n.has("schedule") || base == null ? ScheduleKind.parse(n.fieldPath("schedule"), n.text("schedule")) : base.schedule(),
        positive(n, "microBatchSequences", base == null ? 1 : base.microBatchSequences()),
        n.has("nodeLimit") ? n.nonNegativeInt("nodeLimit") : (base == null ? 0 : base.nodeLimit()),
        n.has("communicationSms") || (base == null && moe) ? n.nonNegativeInt("communicationSms")
            : base == null ? 0 : base.communicationSms(), tp,
        virtualStages(n, base));
    check(plan, n, gpus);
    return plan;
  }

  /**
   * Model chunks per rank: required with an interleaved schedule, whose bubble and memory it sets
   * (a phase's plan inherits the main plan's), and refused with any other schedule.
   */
  private static int virtualStages(SpecNode n, PlanSpec base) {
    ScheduleKind schedule = n.has("schedule") || base == null
        ? ScheduleKind.parse(n.fieldPath("schedule"), n.text("schedule")) : base.schedule();
    if (schedule != ScheduleKind.INTERLEAVED_1F1B) {
      if (n.has("virtualStages")) {
        throw new InvalidInputException(n.fieldPath("virtualStages"), "applies to the interleaved schedule only, not "
            + schedule.cliName());
      }
      return 1;
    }
    if (!n.has("virtualStages") && base != null && base.schedule() == ScheduleKind.INTERLEAVED_1F1B) {
      return base.virtualStages();
    }
    int v = n.positiveInt("virtualStages");
    if (v < 2) {
      throw new InvalidInputException(n.fieldPath("virtualStages"), "interleaving needs 2 or more chunks per rank, got " + v);
    }
    return v;
  }

  /** Whether a context-extension plan leaves its split to the memory model ({@code cp: auto}). */
  static boolean cpAuto(SpecNode n) {
    return n.has("cp") && n.text("cp").equals("auto");
  }

  private static int positive(SpecNode n, String field, Integer fallback) {
    return n.has(field) || fallback == null ? n.positiveInt(field) : fallback;
  }

  private static void check(PlanSpec plan, SpecNode n, int gpus) {
    int pp = plan.pp();
    int dp = plan.dp();
    int tp = plan.tp();
    if ((long) pp * dp * tp != gpus) {
      throw new InvalidInputException(n.fieldPath("dp"), "pp x dp x tp = " + pp + " x " + dp + " x " + tp + " = "
          + (long) pp * dp * tp + " does not equal the cluster's " + gpus + " GPUs");
    }
    if (dp % plan.cp() != 0) {
      throw new InvalidInputException(n.fieldPath("cp"), plan.cp() + " does not divide dp = " + dp);
    }
    if (dp % plan.ep() != 0) {
      throw new InvalidInputException(n.fieldPath("ep"), plan.ep() + " does not divide dp = " + dp
          + " (expert groups are formed among the GPUs of one pipeline rank)");
    }
  }
}
