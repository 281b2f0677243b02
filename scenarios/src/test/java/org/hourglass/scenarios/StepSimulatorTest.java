package org.hourglass.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hourglass.scenarios.step.IdleReason;
import org.hourglass.sim.SpanRecorder;
import org.junit.jupiter.api.Test;

class StepSimulatorTest {
  @Test
  void debugRanks() {
    Scenario scenario = ScenarioLoader.load(ScenarioLoader.DEFAULT);
    var plan = scenario.plan();
    var schedule = org.hourglass.dualpipe.Schedules.generate(plan.schedule(), plan.pp(), 120);
    var ranks = new org.hourglass.parallelism.RankMap(plan.pp(), plan.dp(), plan.ep(), 8);
    var compute = new RooflineCosts(scenario.cluster().gpu(), 112, 0.6);
    var traffic = new org.hourglass.scenarios.costs.ExpertTraffic(org.hourglass.comm.MoeRouting.DEEPSEEK_V3,
        org.hourglass.comm.Fabric.H800_DEEPSEEK_V3, 64, 4096, 4, 20, 0, 1, 1);
    var work = new org.hourglass.scenarios.costs.StepCostModel(scenario.model(), compute, traffic, true, 4096, 2048, 128, 64);
    int[][] sor = new int[16][];
    for (int r = 0; r < 16; r++) sor[r] = new int[] {r, 15 - r};
    var stages = work.stages(sor, 16, 2_000_000_000L);
    for (int s = 0; s < 16; s++) System.out.print(work.split().firstBlock(s) + " ");
    System.out.println();
    long[] z = new long[16];
    var result = new org.hourglass.scenarios.step.StepSimulation(schedule, ranks, stages, z, z, SpanRecorder.OFF).run();
    for (int r = 0; r < 16; r++) {
      int g = ranks.gpu(r, 0);
      System.out.printf("rank %d busy %.3f bubble %.3f a2a %.3f tail %.3f%n", r, result.computeBusyPs(g) / 1e12,
          result.idlePs(g, IdleReason.PIPELINE_BUBBLE) / 1e12, result.idlePs(g, IdleReason.EXPOSED_ALL_TO_ALL) / 1e12,
          result.idlePs(g, IdleReason.STEP_TAIL) / 1e12);
    }
  }

  @Test
  void aFullDeepSeekStepOnEveryGpuAddsUp() {
    Scenario scenario = ScenarioLoader.load(ScenarioLoader.DEFAULT);
    StepSimulator simulator = new StepSimulator(scenario, (gpu, sms) -> new RooflineCosts(gpu, sms, 0.6));
    StepReport step = simulator.simulate("pre-training", scenario.plan(), 4096, 120, SpanRecorder.OFF);
    System.out.printf("step %.3f s, compute %.3f s, idle %s, events %d, wall %.2f s, mfu bf16 %.3f%n", step.stepSeconds(),
        step.computeSeconds(), step.idleSeconds(), step.events(), step.wallSeconds(), step.mfuBf16());
    double idle = step.idleSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
    assertEquals(step.stepSeconds(), step.computeSeconds() + idle, 1e-6 * step.stepSeconds());
    assertEquals(15360.0 * 4096, step.tokensPerStep());
    assertTrue(step.idleSeconds().get(IdleReason.PIPELINE_BUBBLE) > 0, "DualPipe still has a bubble");
  }
}
