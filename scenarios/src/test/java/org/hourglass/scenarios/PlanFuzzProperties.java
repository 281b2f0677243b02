package org.hourglass.scenarios;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.hourglass.sim.InvalidInputException;

/**
 * A fuzzer of whole plans: the smaller built-in training scenarios with one to three changes of
 * plan, cluster size, recipe and routing that a user could mean, each planned end to end (ramp, context
 * phases, post-training, on the engine). Every case must give finite, positive GPU-hours and days,
 * or be refused with one line that names a field. Few cases, since each plan simulates several steps;
 * {@link ScenarioFuzzProperties} covers loading at 10,000.
 */
class PlanFuzzProperties {
  /** Each mutation sets one or two fields that belong together (an interleaved schedule and its chunks). */
  private static final List<Map<String, String>> MUTATIONS = List.of(
      Map.of("plan.pp", "2"), Map.of("plan.pp", "4"), Map.of("plan.pp", "8"),
      Map.of("plan.tp", "4"), Map.of("plan.tp", "8"), Map.of("plan.ep", "8"), Map.of("plan.ep", "16"),
      Map.of("plan.schedule", "1f1b"), Map.of("plan.schedule", "zb1p"), Map.of("plan.schedule", "gpipe"),
      Map.of("plan.schedule", "dualpipe"), Map.of("plan.schedule", "dualpipev"),
      Map.of("plan.schedule", "interleaved", "plan.virtualStages", "2"),
      Map.of("plan.schedule", "interleaved", "plan.virtualStages", "4"),
      Map.of("plan.microBatchSequences", "2"), Map.of("plan.nodeLimit", "1"), Map.of("plan.nodeLimit", "0"),
      Map.of("recipe.stageSplit", "even"), Map.of("recipe.stageSplit", "ends-one-fewer"),
      Map.of("recipe.recomputation", "none"), Map.of("recipe.recomputation", "full"),
      Map.of("routing.skew", "0.5"), Map.of("routing.skew", "1"), Map.of("cluster.gpus", "HALF"),
      Map.of("cluster.gpus", "DOUBLE"));
  private static final Map<String, Integer> GPUS = Map.of("llama-3.1-70b-1024-h100", 1024, "mixtral-8x22b-1152-gb200", 1152,
      "qwen-2.5-72b-1024-h100", 1024);
  private static final AtomicInteger CASES = new AtomicInteger();
  private static final AtomicInteger PLANNED = new AtomicInteger();

  @Provide
  Arbitrary<Map<String, String>> overrides() {
    return Arbitraries.of(MUTATIONS).list().ofMinSize(1).ofMaxSize(3).map(chosen -> {
      Map<String, String> m = new LinkedHashMap<>();
      chosen.forEach(m::putAll);
      return m;
    });
  }

  @Provide
  Arbitrary<String> scenarios() {
    return Arbitraries.of(List.copyOf(new java.util.TreeSet<>(GPUS.keySet())));
  }

  @Property(tries = 12, seed = "20261201") // seeded: CI reproducible; each planned case runs several engine steps
  void everyMutatedPlanRunsToAFiniteAnswerOrIsRefusedNamingAField(@ForAll("scenarios") String name,
      @ForAll("overrides") Map<String, String> mutation) {
    CASES.incrementAndGet();
    Map<String, String> overrides = new LinkedHashMap<>(mutation);
    overrides.computeIfPresent("cluster.gpus", (k, v) -> Integer.toString(v.equals("HALF") ? GPUS.get(name) / 2 : GPUS.get(name) * 2));
    try {
      PlanResult plan = new TrainingRunPlanner(ScenarioLoader.load(name, overrides), Fp8ComputeCosts::new).plan();
      assertTrue(Double.isFinite(plan.totalGpuHours()) && plan.totalGpuHours() > 0, name + " " + overrides + ": " + plan);
      assertTrue(Double.isFinite(plan.days()) && plan.days() > 0, name + " " + overrides);
      assertTrue(plan.mfuBf16() > 0 && plan.mfuBf16() < 1, name + " " + overrides + ": MFU " + plan.mfuBf16());
      PLANNED.incrementAndGet();
    } catch (InvalidInputException refused) {
      assertFalse(refused.field() == null || refused.field().isBlank(), refused.getMessage());
      assertTrue(refused.getMessage().startsWith(refused.field() + ": "), refused.getMessage());
      assertFalse(refused.getMessage().contains("\n"), "one line: " + refused.getMessage());
      assertFalse(refused.getMessage().matches("(?s).*(^|[\\s(])--[a-z].*"),
          "a plan names the fields the user wrote, not a flag of another command: " + refused.getMessage());
    }
  }

  @AfterProperty
  void count() {
    System.out.println("plan fuzzer: " + CASES.get() + " cases, " + PLANNED.get()
        + " planned end to end with finite GPU-hours, the rest refused naming a field; no other outcome");
  }
}
