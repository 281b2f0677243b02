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
}
