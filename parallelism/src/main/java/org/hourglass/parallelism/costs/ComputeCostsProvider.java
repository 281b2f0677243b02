package org.hourglass.parallelism.costs;

import org.hourglass.hardware.GpuSpec;

/** Makes the compute costs of one GPU with {@code computeSms} SMs left to compute. */
@FunctionalInterface
public interface ComputeCostsProvider {
  ComputeCosts forGpu(GpuSpec gpu, int computeSms);
}
