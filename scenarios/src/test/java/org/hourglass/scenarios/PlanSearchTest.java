package org.hourglass.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hourglass.dualpipe.ScheduleKind;
import org.hourglass.parallelism.PlanSpec;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.junit.jupiter.api.Test;

/** The search's Pareto front and its compute bound, which prunes without simulating. */
class PlanSearchTest {
  private static final PlanSpec PLAN = new PlanSpec(16, 64, 128, 1, ScheduleKind.DUALPIPE, 1, 4, 20, 1);

  private static PlanSearch.Candidate feasible(int gpus, double days, double cost) {
    return new PlanSearch.Candidate(PLAN, gpus, 15360, null, days * 24 * gpus, days, cost, null);
  }

  @Test
  void theFrontKeepsOnlyPlansNoOtherBeatsOnDaysAndDollars() {
    PlanSearch.Candidate fastDear = feasible(4096, 25, 5.0e6);
    PlanSearch.Candidate slowCheap = feasible(2048, 45, 4.4e6);
    PlanSearch.Candidate dominated = feasible(2048, 50, 4.6e6);
    PlanSearch.Candidate refused = new PlanSearch.Candidate(PLAN, 1024, 15360, null, 0, 0, 0, "does not fit in memory");
    assertEquals(List.of(fastDear, slowCheap), PlanSearch.paretoFront(List.of(slowCheap, dominated, refused, fastDear)));
  }

  @Test
  void aSpaceSurvivesItsArgumentFormForASparkJobAndABadOneIsRefused() {
    PlanSearch.Space space = new PlanSearch.Space(List.of(1024, 2048), List.of(), List.of(8, 16), List.of(64),
        List.of(ScheduleKind.DUALPIPE, ScheduleKind.INTERLEAVED_1F1B), List.of(1, 2), List.of(0, 4), List.of(2, 4), List.of());
    assertEquals(space, PlanSearch.Space.fromArgs(space.toArgs()));
    assertEquals("--space", org.junit.jupiter.api.Assertions.assertThrows(org.hourglass.sim.InvalidInputException.class,
        () -> PlanSearch.Space.fromArgs(List.of("gpus=1024"))).field());
    assertEquals("--space", org.junit.jupiter.api.Assertions.assertThrows(org.hourglass.sim.InvalidInputException.class,
        () -> PlanSearch.Space.fromArgs(space.toArgs().stream().map(a -> a.startsWith("pp=") ? "pp=eight" : a).toList())).field());
  }

  @Test
  void candidatesSharingRoutingDrawsArePricedAsIfEachHadItsOwn() {
    // the search shares one simulator per cluster size, so DualPipe and 1F1B here reuse one routing draw
    PlanSearch.Space space = new PlanSearch.Space(List.of(2048), List.of(), List.of(16), List.of(64),
        List.of(ScheduleKind.DUALPIPE, ScheduleKind.ONE_F_ONE_B), List.of(1), List.of(4), List.of(2), List.of(4096));
    List<PlanSearch.Candidate> shared = PlanSearch.run(ScenarioLoader.DEFAULT, 90, space, Fp8ComputeCosts::new, 2, done -> { });
    for (PlanSearch.Point point : PlanSearch.points(ScenarioLoader.DEFAULT, space)) {
      PlanSearch.Candidate alone = PlanSearch.evaluate(ScenarioLoader.DEFAULT, point, 90, Fp8ComputeCosts::new);
      PlanSearch.Candidate same = shared.stream().filter(c -> c.plan().equals(point.plan())).findFirst().orElseThrow();
      assertEquals(alone.gpuHours(), same.gpuHours(), 0, point.plan().label());
      assertEquals(alone.step().events(), same.step().events(), point.plan().label());
    }
  }

  @Test
  void theRankingPutsTheCheapestFirstAndRefusalsLastKeepingTheOrderOfTies() {
    PlanSearch.Candidate a = feasible(2048, 45, 4.4e6);
    PlanSearch.Candidate b = feasible(4096, 25, 4.4e6);
    PlanSearch.Candidate dear = feasible(2048, 40, 5.0e6);
    PlanSearch.Candidate refused = new PlanSearch.Candidate(PLAN, 1024, 15360, null, 0, 0, 0, "does not fit in memory");
    assertEquals(List.of(a, b, dear, refused), PlanSearch.rank(List.of(refused, dear, a, b)));
  }

  @Test
  void theComputeBoundIsBelowTheSimulatedRunAndPrunesAnImpossibleDeadlineWithoutSimulating() {
    Scenario v3 = ScenarioLoader.load(ScenarioLoader.DEFAULT);
    double tokens = v3.recipe().tokens() + v3.recipe().contextExtensionTokens();
    double bound = PlanSearch.computeBoundDays(v3, tokens);
    assertTrue(bound > 5 && bound < 46, "FP8-peak bound " + bound + " days lies below the ~46 simulated");
    List<PlanSearch.Candidate> ranked = PlanSearch.run(ScenarioLoader.DEFAULT, bound / 2,
        new PlanSearch.Space(2048, List.of(16), List.of(64), List.of(ScheduleKind.DUALPIPE, ScheduleKind.ONE_F_ONE_B), List.of(1),
            List.of(4), List.of(2)), Fp8ComputeCosts::new, 1, done -> { });
    assertEquals(2, PlanSearch.pruned(ranked));
    assertTrue(ranked.stream().allMatch(c -> c.step() == null && c.refusal().startsWith(PlanSearch.PRUNED)));
  }
}
