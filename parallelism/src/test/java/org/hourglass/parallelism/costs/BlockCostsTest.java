package org.hourglass.parallelism.costs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hourglass.fp8.MemoryBoundKernel;
import org.hourglass.hardware.HardwareCatalog;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.ModelCatalog;
import org.hourglass.workload.Recomputation;
import org.junit.jupiter.api.Test;

/** Pieces of a block against bytes counted by hand, where an earlier model charged them twice. */
class BlockCostsTest {
  private final Architecture v3 = ModelCatalog.model("deepseek-v3");
  private final Fp8ComputeCosts costs = new Fp8ComputeCosts(HardwareCatalog.builtIn().gpu("h800"), 112);
  private final BlockCosts block = new BlockCosts(v3, costs, true, 4096, 2048, TensorParallel.NONE, Recomputation.DEEPSEEK_V3);

  @Test
  void theCombineLeavesOneLocalReducePerPass() {
    // DeepEP's combine sums each token's top-k outputs; the home GPU adds the shared expert's: read 2, write 1
    double seconds = costs.memoryBoundSeconds(MemoryBoundKernel.ELEMENTWISE, 4096.0 * 7168 * 2 * 3);
    LayerCosts reduce = block.combineReduction();
    assertEquals(seconds, reduce.forwardSeconds(), 1e-15);
    assertEquals(seconds, reduce.inputGradSeconds(), 1e-15);
  }

  @Test
  void theExpertPermutationIsChargedOnceEachWayInEachPass() {
    long[] received = {8192, 8192, 8192, 8192};
    LayerCosts experts = block.routedExperts(received, v3.moe().orElseThrow());
    long rows = 4 * 8192;
    double swiGlu = costs.memoryBoundSeconds(MemoryBoundKernel.SWIGLU, rows * 2048.0 * 3 * 2);
    double permutation = costs.memoryBoundSeconds(MemoryBoundKernel.EXPERT_PERMUTE, rows * 7168.0 * (1 + 4.0 / 128) * 2 + rows * 7168.0 * 2 * 2);
    double[] forward = experts.forward();
    double[] inputGrad = experts.inputGrad();
    assertEquals(swiGlu + permutation, forward[ComputeKind.MEMORY_BOUND.ordinal()], 1e-12);
    assertEquals(2 * swiGlu + permutation, inputGrad[ComputeKind.MEMORY_BOUND.ordinal()], 1e-12);
  }
}
