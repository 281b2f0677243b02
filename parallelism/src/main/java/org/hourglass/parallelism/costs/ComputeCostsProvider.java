package org.hourglass.parallelism.costs;

import org.hourglass.fp8.KernelGeneration;
import org.hourglass.hardware.GpuSpec;

/** Makes the compute costs of one GPU with {@code computeSms} SMs left to compute, with the run's FP8 kernels. */
@FunctionalInterface
public interface ComputeCostsProvider {
  ComputeCosts forGpu(GpuSpec gpu, int computeSms, KernelGeneration kernels);
}
