package org.hourglass.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hourglass.parallelism.PlanSpec;
import org.hourglass.parallelism.StepSimulator;
import org.hourglass.sim.InvalidInputException;
import org.junit.jupiter.api.Test;

/** cp: auto takes the fewest GPUs per sequence whose memory fits, and says so when none does. */
class ContextSplitTest {
  @Test
  void deepSeekV3SplitsEachLongSequenceOverTheFewestGpusThatFitTheirMemory() {
    Scenario h800 = ScenarioLoader.load(ScenarioLoader.DEFAULT);
    assertEquals(List.of(8, 64), h800.contextPlans().stream().map(PlanSpec::cp).toList());
    assertEquals(List.of(true, true), h800.contextSplitsChosen());
    int[] lengths = {32768, 131072};
    for (int i = 0; i < 2; i++) {
      PlanSpec chosen = h800.contextPlans().get(i);
      assertTrue(StepSimulator.memory(h800.job(), chosen, lengths[i]).orElseThrow().fits());
      PlanSpec fewer = ContextSplit.withCp(chosen, chosen.cp() / 2);
      assertTrue(!StepSimulator.memory(h800.job(), fewer, lengths[i]).orElseThrow().fits(), "half the split must not fit: " + fewer.cp());
    }
    // the H200's 141 GB holds twice the tokens a GPU
    Scenario h200 = ScenarioLoader.load("dsv3-2048-h200");
    assertEquals(List.of(4, 16), h200.contextPlans().stream().map(PlanSpec::cp).toList());
  }

  @Test
  void aSplitNothingFitsIsRefusedNamingTheFieldAndTheLastTry() {
    InvalidInputException refused = assertThrows(InvalidInputException.class,
        () -> ScenarioLoader.load(ScenarioLoader.DEFAULT, Map.of("plan.microBatchSequences", "8")));
    assertEquals("contextExtensionPlans[1].cp", refused.field(), refused.reason());
    assertTrue(refused.reason().startsWith("auto: no split of the 131072-token sequence fits in memory (cp "), refused.reason());
  }

  @Test
  void aGivenSplitIsKeptAsWritten() {
    Scenario llama = ScenarioLoader.load("llama-3.1-405b-131072-16384-h100");
    assertEquals(16, llama.plan().cp());
    assertEquals(List.of(), llama.contextSplitsChosen());
  }
}
