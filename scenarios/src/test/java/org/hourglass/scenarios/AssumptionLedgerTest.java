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
  void fewerInterleavedChunksDoNotFitAndAnEvenSplitCostsMore() {
    List<Sensitivity.Swing> swings = Sensitivity.run("llama-3.1-405b-16384-h100", Map.of(), Fp8ComputeCosts::new, 2, done -> { });
    assertEquals(List.of("attention", "plan.virtualStages", "recipe.stageSplit"),
        swings.stream().map(w -> w.assumption().path()).toList(),
        "the dense BF16 run has three ranged assumptions: its attention kernel, its chunks per rank and its stage split");
    Sensitivity.Swing chunks = swings.get(1);
    double base = new TrainingRunPlanner(ScenarioLoader.load("llama-3.1-405b-16384-h100"), Fp8ComputeCosts::new).plan()
        .totalGpuHours();
    assertTrue(chunks.refusal() != null && chunks.refusal().contains("does not fit in memory"),
        "without recomputation only Llama's 8 chunks per rank fit in 80 GB; 2 and 4 hold more micro-batches: " + chunks);
    Sensitivity.Swing attention = swings.get(0);
    assertTrue(Math.max(attention.lowGpuHours(), attention.highGpuHours()) > base, "FlashAttention-2 is slower: " + attention);
    Sensitivity.Swing split = swings.get(2);
    assertEquals(base, split.highGpuHours(), 1e-9 * base, "balanced by cost cuts Llama's 126 layers as its own rule does");
    assertTrue(split.lowGpuHours() > base, "an even split loads the first stage with a layer and the embedding: " + split);
  }
}
