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
}
