package org.hourglass.parallelism.costs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hourglass.comm.Link;
import org.hourglass.hardware.HardwareCatalog;
import org.hourglass.sim.SimTime;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.ModelCatalog;
import org.hourglass.workload.Recomputation;
import org.junit.jupiter.api.Test;

/** The context-parallel exchange against bytes and ring steps counted by hand (Llama 3, 3.3.2). */
class ContextParallelTest {
  private static final Link IB = new Link("infiniband", 50e9, 2 * SimTime.PS_PER_US);
  private static final Link NVLINK = new Link("nvlink", 160e9, SimTime.PS_PER_US);
  private final Architecture llama = ModelCatalog.model("llama-3.1-405b");
  private final Architecture v3 = ModelCatalog.model("deepseek-v3");
  private final Fp8ComputeCosts h100 = new Fp8ComputeCosts(HardwareCatalog.builtIn().gpu("h100"), 132);
  private final Fp8ComputeCosts h800 = new Fp8ComputeCosts(HardwareCatalog.builtIn().gpu("h800"), 112);

  @Test
  void llamasAllGatherMovesItsKeyValueHeadsOverTheNicAndIsExposedInBothPasses() {
    // TP8 leaves each GPU one of GQA's 8 key-value heads: K and V of 128 BF16 values, 512 bytes a token.
    // CP16 of a 131072-token sequence: each GPU ends with 131072 x 512 B = 64 MiB after 15 ring steps of
    // 4 MiB at 50 GB/s plus 2 us each: 15 x (83.886 + 2) us = 1.288 ms
    TensorParallel tp = new TensorParallel(8, NVLINK);
    ContextParallel cp = new ContextParallel(16, IB, ContextExchange.KEY_VALUE);
    BlockCosts split = new BlockCosts(llama, h100, false, 8192, 65536, tp, cp, Recomputation.NONE);
    BlockCosts whole = new BlockCosts(llama, h100, false, 8192, 65536, tp, ContextParallel.NONE, Recomputation.NONE);
    assertEquals(512, split.exchangedBytesPerToken(llama.attention()), 0);
    double expected = 15 * (131072.0 * 512 / 16 / 50e9 + 2e-6);
    LayerCosts exchange = split.contextExchange(llama.attention());
    int kind = ComputeKind.CONTEXT_PARALLEL.ordinal();
    assertEquals(expected, exchange.forward()[kind], 1e-9);
    assertEquals(2 * expected, exchange.inputGrad()[kind], 1e-9, "the backward gathers K and V again and reduce-scatters dK and dV");
    assertEquals(0, exchange.weightGradSeconds(), 0);
    assertEquals(1.288e-3, expected, 1e-6);
    double added = split.attentionBlock().forwardSeconds() - whole.attentionBlock().forwardSeconds();
    assertEquals(expected, added, 1e-12, "nothing else in the block changes");
    assertEquals(LayerCosts.ZERO.forwardSeconds(), whole.contextExchange(llama.attention()).forwardSeconds(), 0);
  }

  @Test
  void mlasKeysAndValuesAreFiftySevenTimesItsLatent() {
    // per token: 128 heads x (128 k_nope + 128 v) + the shared 64-wide RoPE key = 32832 values; the latent
    // is 512 + 64 = 576 values; both BF16
    BlockCosts keyValue = new BlockCosts(v3, h800, true, 4096, 16384, TensorParallel.NONE,
        new ContextParallel(8, NVLINK, ContextExchange.KEY_VALUE), Recomputation.DEEPSEEK_V3);
    BlockCosts latent = new BlockCosts(v3, h800, true, 4096, 16384, TensorParallel.NONE,
        new ContextParallel(8, NVLINK, ContextExchange.LATENT), Recomputation.DEEPSEEK_V3);
    assertEquals(32832 * 2, keyValue.exchangedBytesPerToken(v3.attention()), 0);
    assertEquals(576 * 2, latent.exchangedBytesPerToken(v3.attention()), 0);
    assertEquals(57, Math.round(keyValue.exchangedBytesPerToken(v3.attention()) / latent.exchangedBytesPerToken(v3.attention())));
  }

  @Test
  void theLatentRebuildsTheGatheredTokensKeysAndValuesInBothPasses() {
    // V3, cp 8, 4096 tokens a GPU: the other 7 x 4096 tokens' kv_b up-projection (512 -> 128 x 256) is priced as a
    // GEMM of those rows in the forward, in both backward passes, and once more in the backward to rebuild
    // what was not kept, whatever the recipe recomputes
    ContextParallel cp = new ContextParallel(8, NVLINK, ContextExchange.LATENT);
    LayerCosts upProjection = LayerCosts.gemm(h800, 7 * 4096, 128 * 256, 512, true);
    int gemm = ComputeKind.GEMM_FP8.ordinal();
    for (Recomputation recompute : new Recomputation[] {Recomputation.DEEPSEEK_V3, Recomputation.NONE}) {
      LayerCosts exchange = new BlockCosts(v3, h800, true, 4096, 16384, TensorParallel.NONE, cp, recompute)
          .contextExchange(v3.attention());
      assertEquals(upProjection.forward()[gemm], exchange.forward()[gemm], 1e-15);
      assertEquals(upProjection.inputGrad()[gemm] + upProjection.forward()[gemm], exchange.inputGrad()[gemm], 1e-15);
      assertEquals(upProjection.weightGrad()[gemm], exchange.weightGrad()[gemm], 1e-15);
      double collective = 7 * (8 * 4096.0 * 1152 / 8 / 160e9 + 1e-6);
      assertEquals(collective, exchange.forward()[ComputeKind.CONTEXT_PARALLEL.ordinal()], 1e-12);
      assertEquals(2 * collective, exchange.inputGrad()[ComputeKind.CONTEXT_PARALLEL.ordinal()], 1e-12);
      assertTrue(exchange.forward()[ComputeKind.MEMORY_BOUND.ordinal()] > 0, "the kv norm and the key's concatenation");
    }
    // a full recomputation reruns the forward, gather included: the backward adds only the reduce-scatter
    LayerCosts full = new BlockCosts(v3, h800, true, 4096, 16384, TensorParallel.NONE, cp, Recomputation.FULL)
        .contextExchange(v3.attention());
    assertEquals(full.forward()[ComputeKind.CONTEXT_PARALLEL.ordinal()], full.inputGrad()[ComputeKind.CONTEXT_PARALLEL.ordinal()], 1e-15);
    assertEquals(upProjection.inputGrad()[gemm], full.inputGrad()[gemm], 1e-15);
  }

  @Test
  void aGpuHoldsOneLayersWholeSequenceKeysAndValuesAtATime() {
    // Llama at 128K, TP8: 131072 tokens x 512 B = 64 MiB; V3's latent at 32K: 32768 x (1152 + 128 x 320 x 2) B
    ContextParallel llamaCp = new ContextParallel(16, IB, ContextExchange.KEY_VALUE);
    assertEquals(131072.0 * 512, llamaCp.workspaceBytes(llama.attention(), 8, 131072), 0);
    ContextParallel v3Cp = new ContextParallel(8, NVLINK, ContextExchange.LATENT);
    assertEquals(32768.0 * (1152 + 128 * 320 * 2), v3Cp.workspaceBytes(v3.attention(), 1, 32768), 0);
    assertEquals(0, ContextParallel.NONE.workspaceBytes(v3.attention(), 1, 32768), 0);
  }
}
