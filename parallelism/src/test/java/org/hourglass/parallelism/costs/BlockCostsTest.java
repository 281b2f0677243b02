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
  private final BlockCosts block = new BlockCosts(v3, costs, true, 4096, 2048, TensorParallel.NONE, ContextParallel.NONE, Recomputation.DEEPSEEK_V3);

  @Test
  void theCombineLeavesOneLocalReducePerPass() {
    // DeepEP's combine sums each token's top-k outputs; the home GPU adds the shared expert's: read 2, write 1
    double seconds = costs.memoryBoundSeconds(MemoryBoundKernel.ELEMENTWISE, 4096.0 * 7168 * 2 * 3);
    LayerCosts reduce = block.combineReduction();
    assertEquals(seconds, reduce.forwardSeconds(), 1e-15);
    assertEquals(seconds, reduce.inputGradSeconds(), 1e-15);
  }

  @Test
  void selectiveRecomputationRerunsEveryNormAndTheDenseSwiGluOnAnyAttention() {
    // V3 report 3.3.3 "recompute all RMSNorm operations": a GQA model (Llama 3.1 405B, TP8, 8K tokens) pays
    // its attention norm and its FFN norm and SwiGLU once more in the input-gradient pass, as memory-bound time
    Architecture llama = ModelCatalog.model("llama-3.1-405b");
    Fp8ComputeCosts h100 = new Fp8ComputeCosts(HardwareCatalog.builtIn().gpu("h100"), 132);
    TensorParallel tp = new TensorParallel(8, org.hourglass.comm.Fabric.H800_DEEPSEEK_V3.nvlink());
    BlockCosts kept = new BlockCosts(llama, h100, false, 8192, 4096, tp, ContextParallel.NONE, Recomputation.NONE);
    BlockCosts rerun = new BlockCosts(llama, h100, false, 8192, 4096, tp, ContextParallel.NONE, Recomputation.DEEPSEEK_V3);
    int memoryBound = ComputeKind.MEMORY_BOUND.ordinal();
    double norm = h100.memoryBoundSeconds(MemoryBoundKernel.RMSNORM_RESIDUAL, 8192.0 * 16384 * 2 * 2 / 8);
    double swiGlu = h100.memoryBoundSeconds(MemoryBoundKernel.SWIGLU, 8192.0 * (53248 / 8) * 3 * 2);
    assertEquals(norm, rerun.attentionBlock().inputGrad()[memoryBound] - kept.attentionBlock().inputGrad()[memoryBound], 1e-15);
    assertEquals(norm + swiGlu, rerun.denseFfn(53248).inputGrad()[memoryBound] - kept.denseFfn(53248).inputGrad()[memoryBound],
        1e-15);
    assertEquals(kept.denseFfn(53248).forward()[memoryBound], rerun.denseFfn(53248).forward()[memoryBound], 0,
        "the forward is the same; only the backward reruns");
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

  @Test
  void theBlockNormsCarryTheResidualAddAndMlasLatentNormsAndCopiesAreTheirOwnLaunches() {
    // a dense Llama block without recomputation: the FFN's memory-bound time is its input norm with the
    // residual add fused in (4 BF16 tensors each way) and its SwiGLU
    Architecture llama = ModelCatalog.model("llama-3.1-405b");
    BlockCosts kept = new BlockCosts(llama, costs, true, 4096, 2048, TensorParallel.NONE, ContextParallel.NONE, Recomputation.NONE);
    int memoryBound = ComputeKind.MEMORY_BOUND.ordinal();
    double tensor = 4096.0 * 16384 * 2;
    double swiGlu = costs.memoryBoundSeconds(MemoryBoundKernel.SWIGLU, 4096.0 * 53248 * 3 * 2);
    double residualNorm = costs.memoryBoundSeconds(MemoryBoundKernel.RMSNORM_RESIDUAL, 4 * tensor);
    assertEquals(residualNorm + swiGlu, kept.denseFfn(53248).forward()[memoryBound], 1e-15);
    assertEquals(residualNorm + swiGlu, kept.denseFfn(53248).inputGrad()[memoryBound], 1e-15);

    // V3's attention block without recomputation: the residual norm over d, the two latent norms (read
    // and write forward; read dy and x, write dx backward), RoPE, and the q and k concatenations with
    // their autograd backward (reassembled dq and d[k_nope; v], dk_pe summed over 128 heads), and the
    // gate's 12 small kernels over FP32 tokens x 256 experts (6 in the backward)
    BlockCosts v3Kept = new BlockCosts(v3, costs, true, 4096, 2048, TensorParallel.NONE, ContextParallel.NONE, Recomputation.NONE);
    double t = 4096;
    double q = t * 128 * 192 * 2;
    double kPe = t * 64 * 2;
    double forward = mb(MemoryBoundKernel.RMSNORM_RESIDUAL, 4 * t * 7168 * 2) + mb(MemoryBoundKernel.RMSNORM_RESIDUAL, 2 * t * 1536 * 2)
        + mb(MemoryBoundKernel.RMSNORM_RESIDUAL, 2 * t * 512 * 2) + mb(MemoryBoundKernel.ROPE, t * 129 * 64 * 2 * 2)
        + mb(MemoryBoundKernel.ELEMENTWISE, 2 * q) + mb(MemoryBoundKernel.ELEMENTWISE, t * 128 * 128 * 2 + kPe + q)
        + 12 * mb(MemoryBoundKernel.ELEMENTWISE, t * 256 * 4 * 2);
    double backward = mb(MemoryBoundKernel.RMSNORM_RESIDUAL, 4 * t * 7168 * 2) + mb(MemoryBoundKernel.RMSNORM_RESIDUAL, 3 * t * 1536 * 2)
        + mb(MemoryBoundKernel.RMSNORM_RESIDUAL, 3 * t * 512 * 2) + mb(MemoryBoundKernel.ROPE, t * 129 * 64 * 2 * 2)
        + mb(MemoryBoundKernel.ELEMENTWISE, 2 * q) + mb(MemoryBoundKernel.ELEMENTWISE, 2 * t * 128 * 256 * 2)
        + mb(MemoryBoundKernel.ELEMENTWISE, 128 * kPe + kPe) + 6 * mb(MemoryBoundKernel.ELEMENTWISE, t * 256 * 4 * 2);
    assertEquals(forward, v3Kept.attentionBlock().forward()[memoryBound], 1e-15);
    assertEquals(backward, v3Kept.attentionBlock().inputGrad()[memoryBound], 1e-15);
  }

  private double mb(MemoryBoundKernel kernel, double bytes) {
    return costs.memoryBoundSeconds(kernel, bytes);
  }

  @Test
  void theMoeSwiGluInputIsCachedInFp8AndCastBackInTheBackward() {
    // report 3.3.3: the SwiGLU input cached in FP8 (read 2, write 1 + 4/128 a value) and cast back
    // before the rerun; beside the home GPU's token cast and the SwiGLU output's, each its own launch
    long[] received = {8192, 8192, 8192, 8192};
    long rows = 4 * 8192;
    int casts = ComputeKind.FP8_CAST.ordinal();
    double cache = costs.memoryBoundSeconds(MemoryBoundKernel.FP8_QUANTIZE_1X128, Fp8Passes.castBytes(rows, 2 * 2048));
    double withOutput = costs.memoryBoundSeconds(MemoryBoundKernel.FP8_QUANTIZE_1X128, Fp8Passes.castBytes(4096, 7168))
        + costs.memoryBoundSeconds(MemoryBoundKernel.FP8_QUANTIZE_1X128, Fp8Passes.castBytes(rows, 2048));
    LayerCosts experts = block.routedExperts(received, v3.moe().orElseThrow());
    assertEquals(withOutput + cache, experts.forward()[casts], 1e-15);
    LayerCosts bf16 = new BlockCosts(v3, costs, false, 4096, 2048, TensorParallel.NONE, ContextParallel.NONE, Recomputation.DEEPSEEK_V3)
        .routedExperts(received, v3.moe().orElseThrow());
    assertEquals(0, bf16.forward()[casts] + bf16.inputGrad()[casts], 0, "BF16 experts cast nothing");
  }
}
