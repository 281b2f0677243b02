package org.hourglass.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hourglass.scenarios.step.IdleReason;
import org.hourglass.sim.SpanRecorder;
import org.junit.jupiter.api.Test;

class StepSimulatorTest {
  @Test
  void aFullDeepSeekStepOnEveryGpuAddsUp() {
    Scenario scenario = ScenarioLoader.load(ScenarioLoader.DEFAULT);
    StepSimulator simulator = new StepSimulator(scenario, org.hourglass.scenarios.costs.Fp8ComputeCosts::new);
    StepReport step = simulator.simulate("pre-training", scenario.plan(), 4096, 120, SpanRecorder.OFF);
    System.out.printf("step %.3f s, compute %.3f s, idle %s, events %d, wall %.2f s, mfu bf16 %.3f%n", step.stepSeconds(),
        step.computeSeconds(), step.idleSeconds(), step.events(), step.wallSeconds(), step.mfuBf16());
    double idle = step.idleSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
    assertEquals(step.stepSeconds(), step.computeSeconds() + idle, 1e-6 * step.stepSeconds());
    assertEquals(15360.0 * 4096, step.tokensPerStep());
    assertTrue(step.idleSeconds().get(IdleReason.PIPELINE_BUBBLE) > 0, "DualPipe still has a bubble");
  }

  @Test
  void aTensorParallelStepCountsEveryGpuAndChargesItsCollectives() {
    Scenario llama = ScenarioLoader.load("llama-3.1-405b-8192-h100");
    StepSimulator simulator = new StepSimulator(llama, org.hourglass.scenarios.costs.Fp8ComputeCosts::new);
    StepReport step = simulator.simulate("pre-training", llama.plan(), 8192, 32, SpanRecorder.OFF);
    double idle = step.idleSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
    assertEquals(step.stepSeconds(), step.computeSeconds() + idle, 1e-6 * step.stepSeconds());
    assertEquals(2048.0 * 8192, step.tokensPerStep(), "32 micro-batches x 64 replicas x one 8K sequence");
    double tpShare = step.computeMixShare()[org.hourglass.scenarios.costs.ComputeKind.TENSOR_PARALLEL.ordinal()];
    assertTrue(tpShare > 0 && tpShare < 0.5, "TP collectives share " + tpShare);
    // MFU counts all 8192 GPUs: it is a fraction, and TP's GPUs are not left out (that would multiply it by 8)
    assertTrue(step.mfuBf16() > 0.1 && step.mfuBf16() < 0.8, "MFU " + step.mfuBf16());
    assertTrue(simulator.memory(llama.plan(), 8192).orElseThrow().fits(), "the memory model knows interleaved 1F1B");
  }

  @Test
  void tensorParallelismIsRefusedWhereItIsNotModelled() {
    Scenario moe = ScenarioLoader.load(ScenarioLoader.DEFAULT, java.util.Map.of("plan.tp", "2"));
    StepSimulator simulator = new StepSimulator(moe, org.hourglass.scenarios.costs.Fp8ComputeCosts::new);
    var e = org.junit.jupiter.api.Assertions.assertThrows(org.hourglass.sim.InvalidInputException.class,
        () -> simulator.simulate("pre-training", moe.plan(), 4096, 120, SpanRecorder.OFF));
    assertEquals("plan.tp", e.field());
    assertTrue(e.getMessage().contains("MoE"), e.getMessage());
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
