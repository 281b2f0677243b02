package org.hourglass.scenarios;

import java.util.Locale;
import java.util.Optional;
import org.hourglass.parallelism.PlanSpec;
import org.hourglass.parallelism.StepSimulator;
import org.hourglass.parallelism.TrainingJob;
import org.hourglass.sim.InvalidInputException;
import org.hourglass.workload.MemoryBreakdown;
import org.hourglass.workload.TrainingPhase;

/**
 * A context-extension phase's {@code cp: auto}: the fewest GPUs per sequence whose memory fits, as a
 * planner who keeps the collectives small would split it. Candidates are the divisors of the plan's
 * dp that split the sequence and the phase's batch evenly; each is checked with the step's own memory
 * model (the activations of the tokens a GPU holds, and one layer's gathered keys and values).
 */
final class ContextSplit {
  private ContextSplit() {}

  /** {@code plan} with the fewest-GPU split of {@code phase}'s sequences that fits, or a refusal naming {@code field}. */
  static PlanSpec fewestThatFit(TrainingJob job, PlanSpec plan, TrainingPhase phase, String field) {
    String last = "no divisor of dp = " + plan.dp() + " splits the sequence and the batch evenly";
    for (int cp = 1; cp <= plan.dp(); cp++) {
      if (plan.dp() % cp != 0) {
        continue;
      }
      PlanSpec candidate = withCp(plan, cp);
      if (!splitsEvenly(candidate, phase)) {
        continue;
      }
      Optional<MemoryBreakdown> memory = StepSimulator.memory(job, candidate, phase.sequenceLength());
      if (memory.isEmpty() || memory.get().fits()) {
        return candidate;
      }
      last = String.format(Locale.ROOT, "cp %d needs %.1f GiB of %.1f", cp, memory.get().totalBytes() / (1L << 30),
          memory.get().hbmBytes() / (1L << 30));
    }
    throw new InvalidInputException(field, "auto: no split of the " + phase.sequenceLength()
        + "-token sequence fits in memory (" + last + ")");
  }

  /** Whole tokens a GPU, in two chunks each (Llama 3's load balancing), and whole micro-batches. */
  private static boolean splitsEvenly(PlanSpec candidate, TrainingPhase phase) {
    int cp = candidate.cp();
    return phase.sequenceLength() % (cp == 1 ? 1 : 2 * cp) == 0
        && phase.globalBatchSequences() % (candidate.batchReplicas() * candidate.microBatchSequences()) == 0;
  }

  static PlanSpec withCp(PlanSpec p, int cp) {
    return new PlanSpec(p.pp(), p.ep(), p.dp(), cp, p.schedule(), p.microBatchSequences(), p.nodeLimit(),
        p.communicationSms(), p.tp(), p.virtualStages());
  }
}
