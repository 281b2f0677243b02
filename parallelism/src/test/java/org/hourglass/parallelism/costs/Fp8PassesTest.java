package org.hourglass.parallelism.costs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hourglass.fp8.MemoryBoundKernel;
import org.hourglass.comm.Fabric;
import org.hourglass.comm.MoeRouting;
import org.hourglass.hardware.HardwareCatalog;
import org.junit.jupiter.api.Test;

/** The FP8 recipe's passes against bytes counted by hand, and the FP8 gradient of the combine-backward. */
class Fp8PassesTest {
  private static final double FP8 = 1 + 4.0 / 128;

  @Test
  void aLinearLayerCastsItsInputCastsAndTransposesItsGradientAndReLaysItsInput() {
    Fp8ComputeCosts costs = new Fp8ComputeCosts(HardwareCatalog.builtIn().gpu("h800"), 112);
    LayerCosts passes = Fp8Passes.around(costs, 4096, 2048, 7168, true);
    // forward: X (4096 x 7168) read as BF16, written as FP8 with a scale per 128 values
    assertEquals(costs.memoryBoundSeconds(MemoryBoundKernel.FP8_QUANTIZE_1X128, 4096.0 * 7168 * (2 + FP8)), passes.forwardSeconds(), 1e-15);
    // input gradient: dY (4096 x 2048) read once, written in both FP8 layouts
    assertEquals(costs.memoryBoundSeconds(MemoryBoundKernel.FP8_QUANTIZE_128X1_TRANSPOSE, 4096.0 * 2048 * (2 + 2 * FP8)), passes.inputGradSeconds(), 1e-15);
    // weight gradient: the cached FP8 X read and written transposed
    assertEquals(costs.memoryBoundSeconds(MemoryBoundKernel.FP8_QUANTIZE_128X1_TRANSPOSE, 4096.0 * 7168 * 2 * FP8), passes.weightGradSeconds(), 1e-15);
    assertEquals(passes.forwardSeconds() + passes.inputGradSeconds() + passes.weightGradSeconds(),
        passes.allPasses()[ComputeKind.FP8_CAST.ordinal()], 1e-15);
  }

  @Test
  void bf16LayersHaveNoPasses() {
    Fp8ComputeCosts costs = new Fp8ComputeCosts(HardwareCatalog.builtIn().gpu("h800"), 112);
    LayerCosts passes = Fp8Passes.around(costs, 4096, 2048, 7168, false);
    assertEquals(0, passes.forwardSeconds() + passes.inputGradSeconds() + passes.weightGradSeconds());
  }

  @Test
  void theCombineBackwardSendsFp8GradientsAsFastAsTheDispatch() {
    // report 3.3.2: the activation gradient before the down-projections is sent in FP8; combines stay BF16
    ExpertTraffic fp8 = new ExpertTraffic(MoeRouting.DEEPSEEK_V3, Fabric.H800_DEEPSEEK_V3, 64, 4096, 4, 20, 0, 1, 1);
    ExpertTraffic.Draw d = fp8.draw(0, 0);
    assertEquals(d.dispatchPs(), d.combineBackwardPs());
    assertEquals(d.combinePs(), d.dispatchBackwardPs());
    assertTrue(d.combinePs() > d.dispatchPs(), "BF16 combine moves more bytes than the FP8 dispatch");
  }
}
