package org.hourglass.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hourglass.hardware.GpuSpec;
import org.hourglass.hardware.HardwareCatalog;
import org.hourglass.sim.InvalidInputException;
import org.junit.jupiter.api.Test;

class TrainingMemoryTest {
  private final Architecture v3 = ModelCatalog.model("deepseek-v3");
  private final Precision precision = ModelCatalog.recipe("deepseek-v3").precision();
  private final GpuSpec h800 = HardwareCatalog.builtIn().gpu("h800");

  private TrainingLayout layout(PipelineSchedule s, int microBatch) {
    return new TrainingLayout(16, 64, 128, 1, s, microBatch, 4096);
  }

  private MemoryBreakdown rank(PipelineSchedule s, int rank) {
    TrainingLayout l = layout(s, 1);
    return TrainingMemory.ofRank(v3, new StagePlan(v3, 16), l, precision, Recomputation.DEEPSEEK_V3, h800, rank);
  }

  @Test
  void stagesCoverEveryBlockOnce() {
    StagePlan plan = new StagePlan(v3, 16);
    int blocks = 0;
    for (int s = 0; s < 16; s++) {
      blocks += plan.blocks(s);
    }
    assertEquals(61, blocks);
    assertEquals(4, plan.blocks(0));
    assertEquals(3, plan.blocks(15));
  }

  @Test
  void stagesHoldAllParametersOnce() {
    StagePlan plan = new StagePlan(v3, 16);
    long sum = 0;
    for (int s = 0; s < 16; s++) {
      sum += plan.nonExpertParameters(s) + plan.routedExpertParameters(s);
    }
    ParameterCounts c = ParameterCounts.of(v3);
    assertEquals(c.total() + c.mtpModules(), sum);
  }

  @Test
  void dualPipeRankHoldsTheParametersOfTwoOneFOneBRanks() {
    long dual = rank(PipelineSchedule.DUALPIPE, 0).parameters();
    long sum = rank(PipelineSchedule.ONE_F_ONE_B, 0).parameters() + rank(PipelineSchedule.ONE_F_ONE_B, 15).parameters();
    assertEquals(sum, dual, 1);
    assertEquals(17, rank(PipelineSchedule.DUALPIPE, 3).microBatchesInFlight());
    assertEquals(16, rank(PipelineSchedule.ONE_F_ONE_B, 0).microBatchesInFlight());
  }

  @Test
  void deepSeekLayoutFitsAnH800OnlyWithItsRecomputation() {
    MemoryBreakdown ds = TrainingMemory.peak(v3, layout(PipelineSchedule.DUALPIPE, 1), precision, Recomputation.DEEPSEEK_V3, h800);
    assertTrue(ds.fits(), "total " + ds.totalBytes());
    MemoryBreakdown none = TrainingMemory.peak(v3, layout(PipelineSchedule.DUALPIPE, 1), precision, Recomputation.NONE, h800);
    assertFalse(none.fits());
  }

  @Test
  void zeroOneShardsOptimizerStatesButNotGradients() {
    Architecture llama = ModelCatalog.model("llama-3.1-70b");
    TrainingLayout dp8 = new TrainingLayout(8, 1, 8, 1, PipelineSchedule.ONE_F_ONE_B, 1, 4096);
    TrainingLayout dp16 = new TrainingLayout(8, 1, 16, 1, PipelineSchedule.ONE_F_ONE_B, 1, 4096);
    MemoryBreakdown a = TrainingMemory.peak(llama, dp8, Precision.BF16_MIXED, Recomputation.NONE, h800);
    MemoryBreakdown b = TrainingMemory.peak(llama, dp16, Precision.BF16_MIXED, Recomputation.NONE, h800);
    assertEquals(a.masterWeightBytes() / 2, b.masterWeightBytes(), 1);
    assertEquals(a.gradientBytes(), b.gradientBytes(), 1);
    assertEquals(4.0 * a.parameters(), a.gradientBytes(), 8);
  }

  @Test
  void layoutsThatCannotWorkNameTheirField() {
    assertEquals("--ep", assertThrows(InvalidInputException.class, () -> new TrainingLayout(16, 48, 128, 1, PipelineSchedule.DUALPIPE, 1, 4096)).field());
    assertEquals("--pp", assertThrows(InvalidInputException.class, () -> new TrainingLayout(15, 64, 128, 1, PipelineSchedule.DUALPIPE, 1, 4096)).field());
    assertEquals("--micro-batch", assertThrows(InvalidInputException.class, () -> new TrainingLayout(16, 64, 128, 1, PipelineSchedule.DUALPIPE, 0, 4096)).field());
    assertEquals("--gpus", assertThrows(InvalidInputException.class, () -> layout(PipelineSchedule.DUALPIPE, 1).checkGpus(2000)).field());
    TrainingLayout ep3 = new TrainingLayout(16, 3, 129, 1, PipelineSchedule.ONE_F_ONE_B, 1, 4096);
    assertEquals("--ep", assertThrows(InvalidInputException.class, () -> ep3.checkAgainst(v3)).field());
  }

  @Test
  void fullRecomputationKeepsOnlyBlockInputs() {
    assertEquals(2.0 * 7168, ActivationMemory.bytesPerToken(v3, true, precision, Recomputation.FULL));
    assertTrue(ActivationMemory.bytesPerToken(v3, true, precision, Recomputation.NONE)
        > ActivationMemory.bytesPerToken(v3, true, precision, Recomputation.DEEPSEEK_V3));
  }

  @Property(tries = 20)
  void activationsGrowLinearlyWithTheMicroBatch(@ForAll @IntRange(min = 1, max = 8) int mb) {
    StagePlan plan = new StagePlan(v3, 16);
    double one = TrainingMemory.ofRank(v3, plan, layout(PipelineSchedule.DUALPIPE, 1), precision, Recomputation.DEEPSEEK_V3, h800, 2).activationBytes();
    double many = TrainingMemory.ofRank(v3, plan, layout(PipelineSchedule.DUALPIPE, mb), precision, Recomputation.DEEPSEEK_V3, h800, 2).activationBytes();
    assertEquals(mb * one, many, 1e-9 * many);
  }

  @Test
  void zeroTwoShardsTheGradientsOverTheDataParallelReplicasAndNothingElse() {
    Architecture llama = ModelCatalog.model("llama-3.1-405b");
    TrainingLayout l = new TrainingLayout(16, 1, 64, 8, PipelineSchedule.INTERLEAVED_1F1B, 1, 8192);
    GpuSpec h100 = HardwareCatalog.builtIn().gpu("h100");
    MemoryBreakdown one = TrainingMemory.peak(llama, l, Precision.BF16_MIXED, Recomputation.DEEPSEEK_V3, DataParallelSharding.ZERO1, h100);
    MemoryBreakdown two = TrainingMemory.peak(llama, l, Precision.BF16_MIXED, Recomputation.DEEPSEEK_V3, DataParallelSharding.ZERO2, h100);
    assertEquals(one.gradientBytes() / 64, two.gradientBytes(), 1e-6 * one.gradientBytes(), "FP32 gradients over dp = 64");
    assertEquals(one.weightBytes(), two.weightBytes());
    assertEquals(one.activationBytes(), two.activationBytes());
    assertEquals(one.masterWeightBytes() + one.optimizerMomentBytes(), two.masterWeightBytes() + two.optimizerMomentBytes());
  }

  @Test
  void theAttentionOutputIsKeptOnceInBf16AndTwiceWhenTheProjectionCachesAnFp8Copy() {
    Architecture llama = ModelCatalog.model("llama-3.1-405b");
    var bf16 = ActivationMemory.savedTensors(llama, false, Precision.BF16_MIXED, Recomputation.NONE);
    assertTrue(bf16.stream().noneMatch(t -> t.name().startsWith("output projection input")), bf16.toString());
    var fp8 = ActivationMemory.savedTensors(v3, true, precision, Recomputation.DEEPSEEK_V3);
    double copy = fp8.stream().filter(t -> t.name().startsWith("output projection input")).findFirst().orElseThrow()
        .bytesPerToken();
    assertEquals(128 * 128 * (1 + 4.0 / 128), copy, 1e-9, "128 heads x 128 value dims in FP8 with scales");
  }

  @Test
  void everyRecipeSaysHowItsDataParallelismShards() {
    assertEquals(DataParallelSharding.ZERO1, ModelCatalog.recipe("deepseek-v3").dataParallelSharding());
    assertEquals(DataParallelSharding.ZERO2, ModelCatalog.recipe("llama-3.1-405b").dataParallelSharding());
    assertEquals("dataParallelSharding", assertThrows(InvalidInputException.class,
        () -> DataParallelSharding.parse("zero9", "dataParallelSharding")).field());
  }

  @Test
  void moreInterleavedChunksKeepMoreOfThemInFlightInSmallerPieces() {
    // Megatron's warm-up: 2(PP - r - 1) + (v - 1) PP + 1 chunks of 1/v stage each, in whole stages rounded up
    assertEquals(24, PipelineSchedule.INTERLEAVED_1F1B.microBatchesInFlight(16, 0, 2), "(30 + 16 + 1) / 2");
    assertEquals(20, PipelineSchedule.INTERLEAVED_1F1B.microBatchesInFlight(16, 0, 4), "(30 + 48 + 1) / 4");
    assertEquals(PipelineSchedule.INTERLEAVED_1F1B.microBatchesInFlight(16, 3),
        PipelineSchedule.INTERLEAVED_1F1B.microBatchesInFlight(16, 3, PipelineSchedule.INTERLEAVED_CHUNKS));
  }
}
