package org.hourglass.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.hourglass.parallelism.StepReport;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.junit.jupiter.api.Test;

/** A plan's step simulations run on several threads give the same bits as on one, phase by phase and step by step. */
class TrainingRunPlannerThreadsTest {
  @Test
  void twoThreadsPlanWhatOneThreadPlans() {
    Scenario s = ScenarioLoader.load("llama-3.1-70b-1024-h100");
    PlanResult one = new TrainingRunPlanner(s, Fp8ComputeCosts::new).threads(1).plan();
    PlanResult two = new TrainingRunPlanner(s, Fp8ComputeCosts::new).threads(2).plan();
    assertEquals(one.totalGpuHours(), two.totalGpuHours());
    assertEquals(one.phases().size(), two.phases().size());
    for (int p = 0; p < one.phases().size(); p++) {
      List<StepReport> a = one.phases().get(p).representativeSteps();
      List<StepReport> b = two.phases().get(p).representativeSteps();
      assertEquals(a.size(), b.size());
      for (int i = 0; i < a.size(); i++) {
        assertEquals(a.get(i).microBatches(), b.get(i).microBatches(), "the steps come back in the order asked");
        assertEquals(a.get(i).stepSeconds(), b.get(i).stepSeconds());
        assertEquals(a.get(i).events(), b.get(i).events());
      }
    }
  }
}
