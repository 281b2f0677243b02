package org.hourglass.parallelism.costs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hourglass.comm.Fabric;
import org.hourglass.comm.MoeRouting;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.ModelCatalog;
import org.hourglass.workload.Recomputation;
import org.hourglass.workload.TrainingFlops;
import org.junit.jupiter.api.Test;

/**
 * The cost model prices exactly the FLOPs the workload module counts: with a "GPU" that does one
 * PFLOP per second on every matrix product and moves memory for free, one micro-batch through every
 * stage takes (FLOPs per token x tokens) / 1e15 seconds. This ties the GEMM shapes and their
 * multiplicity (forward, dgrad, wgrad, recomputation, MTP, both heads) to an independent count.
 */
class StepCostModelFlopsTest {
  /** Counts FLOPs as seconds at 1 PFLOP/s; backward attention at twice forward, the workload convention. */
  private static final class FlopCounter implements ComputeCosts {
    @Override
    public double gemmSeconds(long m, long n, long k, boolean fp8) {
      return 2.0 * m * n * k / 1e15;
    }

    @Override
    public double groupedGemmSeconds(long[] rows, long n, long k, boolean fp8) {
      double seconds = 0;
      for (long r : rows) {
        seconds += gemmSeconds(r, n, k, fp8);
      }
      return seconds;
    }

    @Override
    public double weightGradSeconds(long m, long n, long k, boolean fp8) {
      return gemmSeconds(m, n, k, fp8);
    }

    @Override
    public double groupedWeightGradSeconds(long m, long n, long[] tokens, boolean fp8) {
      double seconds = 0;
      for (long k : tokens) {
        seconds += gemmSeconds(m, n, k, fp8);
      }
      return seconds;
    }

    @Override
    public double attentionSeconds(int heads, int qk, int v, long tokens, double meanContext, boolean backward) {
      return 2.0 * heads * (qk + v) * tokens * meanContext * (backward ? 2 : 1) / 1e15;
    }

    @Override
    public double memoryBoundSeconds(org.hourglass.fp8.MemoryBoundKernel kernel, double bytes) {
      return 0;
    }
  }

  @Test
  void oneMicroBatchThroughEveryStageCostsTheWorkloadsFlopsPerToken() {
    Architecture v3 = ModelCatalog.model("deepseek-v3");
    int tokens = 4096;
    ExpertTraffic traffic = new ExpertTraffic(MoeRouting.DEEPSEEK_V3, Fabric.H800_DEEPSEEK_V3, 64, tokens, 4, 20, 0, 1, 7);
    StepCostModel model = new StepCostModel(v3, new FlopCounter(), traffic, true, tokens, tokens / 2.0, 64, 64);
    int[][] stagesOfRank = new int[16][];
    for (int r = 0; r < 16; r++) {
      stagesOfRank[r] = new int[] {r};
    }
    model.stages(stagesOfRank, 16, 0);
    double seconds = 0;
    for (double s : model.computeMixSeconds()) {
      seconds += s;
    }
    double flopsPerToken = seconds * 1e15 / tokens;
    double expected = TrainingFlops.of(v3, tokens, Recomputation.DEEPSEEK_V3).total();
    // routed experts see rows padded to 128 per expert (about 0.8% more rows at 8192 per expert)
    assertEquals(expected, flopsPerToken, 0.015 * expected,
        String.format("cost model %.1f GFLOPs/token vs workload %.1f", flopsPerToken / 1e9, expected / 1e9));
  }

  @Test
  void aTensorParallelGroupSharesADenseModelsFlopsEvenlyUnderEveryRecomputation() {
    Architecture llama = ModelCatalog.model("llama-3.1-405b");
    int tokens = 8192;
    for (Recomputation recompute : new Recomputation[] {Recomputation.NONE, Recomputation.FULL}) {
      for (int tp : new int[] {1, 8}) {
        TensorParallel group = tp == 1 ? TensorParallel.NONE : new TensorParallel(tp, Fabric.H800_DEEPSEEK_V3.nvlink());
        StepCostModel model = new StepCostModel(llama, new FlopCounter(), null, false, tokens, tokens / 2.0, 64, 1, group,
            ContextParallel.NONE, recompute);
        model.stages(new int[][] {{0}, {1}, {2}, {3}}, 4, 0);
        double[] mix = model.computeMixSeconds();
        double seconds = 0;
        for (ComputeKind kind : ComputeKind.values()) {
          seconds += kind == ComputeKind.TENSOR_PARALLEL ? 0 : mix[kind.ordinal()];
        }
        double groupFlopsPerToken = tp * seconds * 1e15 / tokens;
        double expected = TrainingFlops.of(llama, tokens, recompute).total();
        assertEquals(expected, groupFlopsPerToken, 0.01 * expected, String.format("tp %d, %s: %.1f vs %.1f GFLOPs/token", tp,
            recompute.spelling(), groupFlopsPerToken / 1e9, expected / 1e9));
        assertEquals(tp > 1, mix[ComputeKind.TENSOR_PARALLEL.ordinal()] > 0, "TP collectives only under tensor parallelism");
        assertEquals(tokens * llama.hiddenSize() * 2.0 / tp, model.handoffBytes(), 1e-6);
      }
    }
  }

  @Test
  void tensorParallelismOfAnMoeModelIsRefused() {
    Architecture v3 = ModelCatalog.model("deepseek-v3");
    TensorParallel tp2 = new TensorParallel(2, Fabric.H800_DEEPSEEK_V3.nvlink());
    assertThrows(IllegalArgumentException.class, () -> new StepCostModel(v3, new FlopCounter(), null, true, 4096, 2048, 64, 64,
        tp2, ContextParallel.NONE, Recomputation.DEEPSEEK_V3));
  }
}
