package org.hourglass.serving;

import org.hourglass.sim.InvalidInputException;

/**
 * A prefill or decode deployment unit (DeepSeek-V3 report s3.4; DeepSeek's Day 6 overview): its
 * GPUs, attention tensor parallelism (the rest of the GPUs split the sequences, data parallel), the
 * expert-parallel degree of its MoE layers, and the experts each GPU holds.
 *
 * @param gpus GPUs of one unit (prefill: 32; Day 6 decode: 144)
 * @param attentionTp GPUs one sequence's attention is split over (1: pure data parallel, as Day 6)
 * @param ep GPUs the routed experts spread over
 * @param routedExpertsPerGpu routed experts a GPU holds, redundant copies included (Day 6 prefill: 9)
 * @param sharedExpertsPerGpu shared experts a GPU holds and runs for every token (Day 6: 1)
 */
public record DeploymentUnit(int gpus, int attentionTp, int ep, int routedExpertsPerGpu, int sharedExpertsPerGpu) {
  public DeploymentUnit {
    if (gpus < 1 || attentionTp < 1 || ep < 1 || routedExpertsPerGpu < 0 || sharedExpertsPerGpu < 0) {
      throw new IllegalArgumentException("a unit needs positive GPUs, TP and EP, got " + gpus + "/" + attentionTp + "/" + ep);
    }
  }

  /** Sequences split over the unit: GPUs / attention TP. */
  public int attentionDp() {
    return gpus / attentionTp;
  }

  /** Checks the unit against the model's routed experts; {@code field} names it in errors. */
  public void check(int routedExperts, String field) {
    if (gpus % attentionTp != 0) {
      throw new InvalidInputException(field + ".attentionTp", attentionTp + " does not divide the unit's " + gpus + " GPUs");
    }
    if (ep != gpus) {
      throw new InvalidInputException(field + ".ep", "the experts spread over the whole unit: ep must equal gpus (" + gpus + "), got " + ep);
    }
    if ((long) ep * routedExpertsPerGpu < routedExperts) {
      throw new InvalidInputException(field + ".routedExpertsPerGpu", ep + " GPUs x " + routedExpertsPerGpu
          + " hold fewer than the model's " + routedExperts + " routed experts");
    }
  }
}
