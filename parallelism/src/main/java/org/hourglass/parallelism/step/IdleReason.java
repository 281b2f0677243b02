package org.hourglass.parallelism.step;

/** Why a GPU's compute stream stood idle during a step. */
public enum IdleReason {
  /** Waiting for a pipeline neighbour's activation or gradient: the schedule's bubble. */
  PIPELINE_BUBBLE("pipeline bubble"),
  /** Waiting for an all-to-all transfer that no other work hid. */
  EXPOSED_ALL_TO_ALL("exposed all-to-all"),
  /** Waiting at an all-to-all for slower members of the expert group to arrive. */
  STRAGGLER_WAIT("waiting for stragglers"),
  /** The data-parallel gradient reduce-scatter and parameter all-gather at the end of the step. */
  DATA_PARALLEL_SYNC("data-parallel sync"),
  /** Done with the step, waiting for the slowest GPU of the cluster. */
  STEP_TAIL("step tail");

  private final String label;

  IdleReason(String label) {
    this.label = label;
  }

  /** The reason as a report names it. */
  public String label() {
    return label;
  }
}
