package org.hourglass.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hourglass.fp8.KernelGeneration;
import org.hourglass.hardware.ClusterFigures;
import org.hourglass.hardware.GpuSpec;
import org.hourglass.hardware.HardwareCatalog;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.hourglass.sim.InvalidInputException;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.AttentionKind;
import org.hourglass.workload.DType;
import org.hourglass.workload.ModelCatalog;
import org.junit.jupiter.api.Test;

class ServingPlannerTest {
  private static final Architecture V3 = ModelCatalog.model("deepseek-v3");
  private static final ClusterFigures H800 = ClusterFigures.of(HardwareCatalog.builtIn().cluster("deepseek-v3-2048-h800"));
  private static final GpuSpec GPU = H800.gpu();
  private static final DeploymentUnit PREFILL = new DeploymentUnit(32, 1, 32, 9, 1);
  private static final DeploymentUnit DECODE = new DeploymentUnit(144, 1, 144, 2, 1);

  private static ServingJob job(AttentionKind kv, DType dtype, double context) {
    return new ServingJob(V3, H800, dtype, kv, kv == AttentionKind.GQA ? 8 : 0, PREFILL, 4096, DECODE,
        new ServingJob.Traffic(608e9, 168e9, 4989, context, 0.563, "test"), new ServingJob.ServiceLevels(20, 5, "test"), 2, "test");
  }

  private static ServingPlanner planner() {
    return new ServingPlanner(new Fp8ComputeCosts(GPU, 132, KernelGeneration.DEEPGEMM_2025));
  }

  @Test
  void theKvCacheIsWhatTheWeightsAndTheReserveLeaveAndSetsTheSequencesThatFit() {
    ServingMemory m = ServingMemory.of(V3, GPU, DECODE, 70_272);
    assertEquals(80.0 * (1L << 30), m.hbmBytes());
    assertEquals(0.1 * m.hbmBytes(), m.reservedBytes(), 1);
    assertEquals(m.hbmBytes() - m.reservedBytes() - m.weightBytes(), m.kvBytes(), 1);
    // hand count: 3 experts x 58 MoE layers x 3 x 7168 x 2048 FP8 bytes, the bulk of a decode GPU's weights
    double experts = 3.0 * 58 * 3 * 7168 * 2048;
    assertTrue(m.weightBytes() > experts && m.weightBytes() < experts + 16e9, "weights " + m.weightBytes());
    assertEquals((long) Math.floor(m.kvBytes() / (4096.0 * 70_272)), m.sequencesThatFit(4096));
  }

  @Test
  void weightsThatDoNotFitAreRefusedNamingTheField() {
    ServingJob all = new ServingJob(V3, H800, DType.BF16, AttentionKind.MLA, 0, PREFILL, 4096,
        new DeploymentUnit(8, 1, 8, 32, 1), job(AttentionKind.MLA, DType.BF16, 4989).traffic(),
        new ServingJob.ServiceLevels(20, 5, "test"), 2, "test");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> planner().plan(all));
    assertEquals("decode.routedExpertsPerGpu", e.field());
  }

  @Test
  void theBatchIsTheLargestWhoseStepKeepsTheServiceLevel() {
    DecodeStep step = new DecodeStep(V3, GPU, DECODE, 70_272);
    double budget = 1 / 20.0;
    long b = ServingPlanner.largestMeeting(step, 4989, budget, 100_000);
    assertTrue(step.seconds(b, 4989) <= budget && step.seconds(b + 1, 4989) > budget, "batch " + b);
    for (long x = 1; x < 400; x += 37) {
      assertTrue(step.seconds(x + 1, 4989) >= step.seconds(x, 4989), "a larger batch never steps faster");
    }
  }

  @Test
  void moreKvPerTokenNeverGivesMoreThroughput() {
    double previous = Double.POSITIVE_INFINITY;
    for (AttentionKind kind : new AttentionKind[] {AttentionKind.MQA, AttentionKind.MLA, AttentionKind.GQA, AttentionKind.MHA}) {
      ServingPlanner.Decode d = planner().decode(job(kind, DType.BF16, 4989), kind.name());
      assertTrue(d.tokensPerSecondPerGpu() <= previous + 1e-9, kind + ": " + d.tokensPerSecondPerGpu() + " after " + previous);
      previous = d.tokensPerSecondPerGpu();
    }
    ServingPlanner.Decode mha = planner().decode(job(AttentionKind.MHA, DType.BF16, 4989), "mha");
    assertEquals("KV cache", mha.limitedBy(), "MHA's 5 MB per token is what bounds its batch");
  }

  @Test
  void deepEpLowLatencyTimesComeFromItsTable() {
    assertEquals((163 + 318) * 1e-6, ServingHardwareFigures.lowLatencyAllToAllSeconds(8, 128), 1e-12);
    assertEquals((192 + 369) * 1e-6, ServingHardwareFigures.lowLatencyAllToAllSeconds(128, 128), 1e-12);
    assertEquals((192 + 369) * 1e-6 / 2, ServingHardwareFigures.lowLatencyAllToAllSeconds(128, 64), 1e-12, "bandwidth-bound: half the tokens");
    assertEquals(2 * ServingHardwareFigures.LOW_LATENCY_FLOOR_SECONDS, ServingHardwareFigures.lowLatencyAllToAllSeconds(128, 0.01));
  }

  @Test
  void thePlanCarriesTheDaysTrafficOnWholeUnitsAndPricesIt() {
    ServingPlanner.Plan p = planner().plan(job(AttentionKind.MLA, DType.BF16, 4989));
    double outPerSecond = 168e9 / 86_400;
    assertTrue(p.decode().units() * DECODE.gpus() * p.decode().tokensPerSecondPerGpu() >= outPerSecond);
    assertTrue((p.decode().units() - 1) * DECODE.gpus() * p.decode().tokensPerSecondPerGpu() < outPerSecond, "the fewest units");
    assertEquals(p.nodes() * 8 * 24.0, p.gpuHoursPerDay());
    assertEquals(p.gpuHoursPerDay() * 2, p.usdPerDay(), 1e-6);
    assertEquals(5, p.whatIfs().size());
    assertEquals(p, planner().plan(job(AttentionKind.MLA, DType.BF16, 4989)), "deterministic");
  }
}
