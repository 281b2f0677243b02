package org.hourglass.parallelism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hourglass.parallelism.step.IdleReason;
import org.hourglass.sim.SpanRecorder;
import org.junit.jupiter.api.Test;

class StepSimulatorTest {
  @Test
  void aFullDeepSeekStepOnEveryGpuAddsUp() {
    StepSimulator simulator = new StepSimulator(Jobs.deepSeekV3(), org.hourglass.parallelism.costs.Fp8ComputeCosts::new);
    StepReport step = simulator.simulate("pre-training", Jobs.deepSeekV3Plan(), 4096, 120, SpanRecorder.OFF);
    System.out.printf("step %.3f s, compute %.3f s, idle %s, events %d, wall %.2f s, mfu bf16 %.3f%n", step.stepSeconds(),
        step.computeSeconds(), step.idleSeconds(), step.events(), step.wallSeconds(), step.mfuBf16());
    double idle = step.idleSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
    assertEquals(step.stepSeconds(), step.computeSeconds() + idle, 1e-6 * step.stepSeconds());
    assertEquals(15360.0 * 4096, step.tokensPerStep());
    assertTrue(step.idleSeconds().get(IdleReason.PIPELINE_BUBBLE) > 0, "DualPipe still has a bubble");
  }

  @Test
  void aTensorParallelStepCountsEveryGpuAndChargesItsCollectives() {
    StepSimulator simulator = new StepSimulator(Jobs.llama405b(), org.hourglass.parallelism.costs.Fp8ComputeCosts::new);
    StepReport step = simulator.simulate("pre-training", Jobs.llama405bPlan(), 8192, 32, SpanRecorder.OFF);
    double idle = step.idleSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
    assertEquals(step.stepSeconds(), step.computeSeconds() + idle, 1e-6 * step.stepSeconds());
    assertEquals(2048.0 * 8192, step.tokensPerStep(), "32 micro-batches x 64 replicas x one 8K sequence");
    double tpShare = step.computeMixShare()[org.hourglass.parallelism.costs.ComputeKind.TENSOR_PARALLEL.ordinal()];
    assertTrue(tpShare > 0 && tpShare < 0.5, "TP collectives share " + tpShare);
    // MFU counts all 8192 GPUs: it is a fraction, and TP's GPUs are not left out (that would multiply it by 8)
    assertTrue(step.mfuBf16() > 0.1 && step.mfuBf16() < 0.8, "MFU " + step.mfuBf16());
    assertTrue(simulator.memory(Jobs.llama405bPlan(), 8192).orElseThrow().fits(), "the memory model knows interleaved 1F1B");
  }

  @Test
  void tensorParallelismIsRefusedWhereItIsNotModelled() {
    PlanSpec tp2 = new PlanSpec(16, 64, 64, 1, org.hourglass.dualpipe.ScheduleKind.DUALPIPE, 1, 4, 20, 2);
    StepSimulator simulator = new StepSimulator(Jobs.deepSeekV3(), org.hourglass.parallelism.costs.Fp8ComputeCosts::new);
    var e = org.junit.jupiter.api.Assertions.assertThrows(org.hourglass.sim.InvalidInputException.class,
        () -> simulator.simulate("pre-training", tp2, 4096, 120, SpanRecorder.OFF));
    assertEquals("plan.tp", e.field());
    assertTrue(e.getMessage().contains("MoE"), e.getMessage());
  }

  @Test
  void aLayoutTheMemoryModelRefusesIsNamedByItsPlanField() {
    PlanSpec tooDeep = new PlanSpec(128, 16, 16, 1, org.hourglass.dualpipe.ScheduleKind.ONE_F_ONE_B, 1, 4, 20, 1);
    StepSimulator simulator = new StepSimulator(Jobs.deepSeekV3(), org.hourglass.parallelism.costs.Fp8ComputeCosts::new);
    var e = org.junit.jupiter.api.Assertions.assertThrows(org.hourglass.sim.InvalidInputException.class,
        () -> simulator.memory(tooDeep, 4096));
    assertEquals("plan.pp", e.field(), "not the memory command's --pp");
    assertTrue(e.reason().contains("61 layers"), e.reason());
  }

  @Test
  void theMemoryModelAndTheScheduleGeneratorAgreeOnInterleavedChunks() {
    assertEquals(org.hourglass.dualpipe.Schedules.DEFAULT_VIRTUAL_STAGES,
        org.hourglass.workload.PipelineSchedule.INTERLEAVED_CHUNKS);
    assertEquals(24, org.hourglass.workload.PipelineSchedule.INTERLEAVED_1F1B.microBatchesInFlight(16, 0),
        "rank 0 of 16 keeps 2 x 15 + 16 + 1 = 47 half-stage chunks");
    assertEquals(9, org.hourglass.workload.PipelineSchedule.INTERLEAVED_1F1B.microBatchesInFlight(16, 15));
  }
}
