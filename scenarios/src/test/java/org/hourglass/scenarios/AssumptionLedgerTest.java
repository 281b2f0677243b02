package org.hourglass.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.junit.jupiter.api.Test;

class AssumptionLedgerTest {
  @Test
  void everyAssumptionHasASourceAndEveryRangeIsAValueTheScenarioAccepts() {
    for (String name : List.of(ScenarioLoader.DEFAULT, "llama-3.1-405b-8192-h100", "deepseek-v2-h800")) {
      for (AssumptionLedger.Assumption a : AssumptionLedger.of(ScenarioLoader.load(name))) {
        assertFalse(a.source().isBlank(), name + ": " + a.name());
        for (String value : a.range()) {
          // an end the loader refused would make the sensitivity refuse it too
          ScenarioLoader.load(name, Map.of(a.path(), value));
        }
      }
    }
  }

  @Test
  void theLedgerSaysWhatEachPlanDependsOn() {
    List<AssumptionLedger.Assumption> v3 = AssumptionLedger.of(ScenarioLoader.load(ScenarioLoader.DEFAULT));
    assertTrue(v3.stream().anyMatch(a -> a.path().equals("kernels") && a.value().equals("cutlass-2024")), v3.toString());
    assertTrue(v3.stream().anyMatch(a -> a.path().equals("routing.skew") && a.range().size() == 2));
    assertTrue(v3.stream().anyMatch(a -> a.name().equals("stage split")));
    List<AssumptionLedger.Assumption> llama = AssumptionLedger.of(ScenarioLoader.load("llama-3.1-405b-8192-h100"));
    assertTrue(llama.stream().anyMatch(a -> a.path().equals("plan.virtualStages")));
    assertTrue(llama.stream().anyMatch(a -> a.name().equals("tensor-parallel collectives")));
    assertTrue(llama.stream().noneMatch(a -> a.path().startsWith("routing.") || a.path().equals("kernels")),
        "a dense BF16 run has no routing or FP8 kernels to assume");
  }

  @Test
  void moreInterleavedChunksShrinkTheBubbleAndTheSwingSaysSo() {
    List<Sensitivity.Swing> swings = Sensitivity.run("llama-3.1-405b-16384-h100", Map.of(), Fp8ComputeCosts::new, 2, done -> { });
    assertEquals(1, swings.size(), "the dense BF16 run has one ranged assumption: its chunks per rank");
    Sensitivity.Swing chunks = swings.get(0);
    assertEquals("plan.virtualStages", chunks.assumption().path());
    double base = new TrainingRunPlanner(ScenarioLoader.load("llama-3.1-405b-16384-h100"), Fp8ComputeCosts::new).plan()
        .totalGpuHours();
    assertEquals(base, chunks.lowGpuHours(), 1e-9 * base, "the low end is the scenario's own value, 2");
    assertTrue(chunks.highGpuHours() < base, "v = 4 shrinks the bubble: " + chunks.highGpuHours() + " vs " + base);
  }
}
