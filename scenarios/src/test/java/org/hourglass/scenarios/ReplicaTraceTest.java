package org.hourglass.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.hourglass.sim.SimTime;
import org.hourglass.sim.SpanLog;
import org.junit.jupiter.api.Test;

class ReplicaTraceTest {
  private static final Scenario DEFAULT = ScenarioLoader.load(ScenarioLoader.DEFAULT);

  @Test
  void replicaZeroIsOneGpuPerPipelineRankSpacedByDp() {
    Predicate<String> keep = ReplicaTrace.resourcesOf(DEFAULT, 0);
    int dp = DEFAULT.plan().dp();
    List<Integer> kept = new ArrayList<>();
    for (int g = 0; g < DEFAULT.cluster().gpus(); g++) {
      if (keep.test("gpu" + g + "/compute")) {
        kept.add(g);
      }
    }
    assertEquals(DEFAULT.plan().pp(), kept.size());
    for (int rank = 0; rank < kept.size(); rank++) {
      assertEquals(rank * dp, kept.get(rank), "rank map is pipeline-major: GPU = rank x dp + replica");
    }
    assertTrue(ReplicaTrace.resourcesOf(DEFAULT, 3).test("gpu" + (dp + 3) + "/comm"));
  }

  @Test
  void namesThatAreNotGpusAndReplicasOutsideThePlanAreRefused() {
    Predicate<String> keep = ReplicaTrace.resourcesOf(DEFAULT, 0);
    assertFalse(keep.test("fabric/ib"));
    assertFalse(keep.test("gpux/compute"));
    assertFalse(keep.test("gpu" + DEFAULT.cluster().gpus() + "/compute"));
    assertThrows(IllegalArgumentException.class, () -> ReplicaTrace.resourcesOf(DEFAULT, DEFAULT.plan().dp()));
  }

  @Test
  void theMainStepOfOneReplicaIsTracedOnItsGpusOnly() {
    TrainingRunPlanner planner = new TrainingRunPlanner(DEFAULT, Fp8ComputeCosts::new);
    long start = System.nanoTime();
    SpanLog log = ReplicaTrace.mainStep(planner, DEFAULT, 0);
    System.out.printf("replica 0: %d resources, %d spans, %.1f s%n", log.resources().size(), log.spans().size(),
        (System.nanoTime() - start) / 1e9);
    assertEquals(2 * DEFAULT.plan().pp(), log.resources().size(), "a compute and a comm stream per pipeline rank");
    assertTrue(log.resources().stream().allMatch(ReplicaTrace.resourcesOf(DEFAULT, 0)));
    assertTrue(log.spans().size() > 1_000 && log.spans().size() < 200_000, "spans: " + log.spans().size());
    long lastEndPs = log.spans().stream().mapToLong(SpanLog.Span::endPs).max().orElseThrow();
    double stepSeconds = planner.mainStep(org.hourglass.sim.SpanRecorder.OFF).stepSeconds();
    assertTrue(SimTime.toSeconds(lastEndPs) <= stepSeconds, "no span outlasts the step");
  }
}
