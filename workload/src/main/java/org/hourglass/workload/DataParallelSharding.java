package org.hourglass.workload;

import org.hourglass.sim.InvalidInputException;

/**
 * What data parallelism shards over its replicas, as the recipe's framework does (Rajbhandari et al.
 * 2020, ZeRO): stage 1 the optimizer states (FP32 master weights and moments), stage 2 the gradients as
 * well. Fully sharded data parallelism that keeps the gathered weights through the step (Llama 3's
 * FSDP, which does not reshard after the forward) holds what stage 2 holds.
 */
public enum DataParallelSharding {
  ZERO1("zero1"),
  ZERO2("zero2");

  private final String recipeName;

  DataParallelSharding(String recipeName) {
    this.recipeName = recipeName;
  }

  /** Whether gradients are sharded over the data-parallel replicas. */
  public boolean shardsGradients() {
    return this == ZERO2;
  }

  public String recipeName() {
    return recipeName;
  }

  /** Parses {@code zero1} or {@code zero2}, or reports bad input naming {@code field}. */
  public static DataParallelSharding parse(String text, String field) {
    for (DataParallelSharding s : values()) {
      if (s.recipeName.equals(text)) {
        return s;
      }
    }
    throw new InvalidInputException(field, "unknown data-parallel sharding '" + text + "', use zero1 or zero2");
  }
}
