package org.hourglass.dualpipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The bubble and memory table of the DeepSeek-V3 report (Table 2) and the DualPipe README, measured
 * by running each schedule on the engine with zero point-to-point latency (the table's assumption).
 * PP is the number of stages: N for 1F1B, ZB1P and DualPipe, 2N for DualPipeV on N ranks.
 */
class BubbleTableTest {
  private static final double EXACT = 1e-9;

  @ParameterizedTest(name = "1F1B PP={0} C={1}")
  @CsvSource({"2,2", "2,10", "4,4", "4,20", "8,8", "8,40", "16,16", "16,80"})
  void oneFOneBBubbleIsPpMinusOneTimesFPlusB(int pp, int microBatches) {
    double f = 1.3;
    double b = 2.6;
    Execution run = run(ScheduleKind.ONE_F_ONE_B, pp, microBatches, f, b, 0, Double.NaN);
    for (int r = 0; r < pp; r++) {
      assertEquals((pp - 1) * (f + b), units(run.bubblePs(r)), EXACT, "rank " + r);
    }
    assertEquals(pp, run.maxPeakActivations());
    assertEquals(1, run.stagesPerRank());
  }

  @ParameterizedTest(name = "ZB1P PP={0} C={1} W={2}")
  @CsvSource({"2,4,1", "4,8,1", "4,20,1", "8,16,1", "8,40,1", "16,32,1", "4,8,0.5", "8,40,0.5", "16,32,0.25"})
  void zb1pBubbleIsPpMinusOneTimesFPlusBMinusTwoW(int pp, int microBatches, double w) {
    Execution run = run(ScheduleKind.ZB1P, pp, microBatches, 1, 2, w, Double.NaN);
    for (int r = 0; r < pp; r++) {
      assertEquals((pp - 1) * (1 + 2 - 2 * w), units(run.bubblePs(r)), EXACT, "rank " + r);
    }
    assertEquals(pp, run.maxPeakActivations());
    assertEquals(1, run.stagesPerRank());
  }

  /**
   * With W longer than F the formula is approximate: the last rank's N-1 deferred W chunks no longer
   * fit in the F-long holes they fill while gradients drain upstream, so they overrun and the step
   * grows. PP=4, F=1, B=3, W=1.5: formula 3 x (1+3-3) = 3; the simulation's worst rank idles 4.5.
   */
  @Test
  void zb1pWithWLongerThanFIdlesMoreThanTheFormula() {
    Execution run = run(ScheduleKind.ZB1P, 4, 16, 1, 3, 1.5, Double.NaN);
    assertEquals(4.5, units(run.maxBubblePs()), EXACT);
    assertNotEquals(3.0, units(run.maxBubblePs()), EXACT);
  }

  @ParameterizedTest(name = "DualPipe PP={0} C={1} F&B={2}")
  @CsvSource({"2,4,3", "4,8,3", "4,18,2.2", "6,12,2.2", "8,20,3", "8,34,2.2", "16,32,2.2", "16,66,3"})
  void dualPipeBubbleIsHalfPpMinusOneTimesFbPlusBMinusThreeW(int pp, int microBatches, double fb) {
    Execution run = run(ScheduleKind.DUALPIPE, pp, microBatches, 1, 2, 1, fb);
    assertEquals((pp / 2 - 1) * (fb + 2 - 3), units(run.maxBubblePs()), EXACT);
    assertEquals(pp + 1, run.maxPeakActivations());
    assertEquals(2, run.stagesPerRank());
    assertEquals(2, run.parameterCopies());
  }

  @ParameterizedTest(name = "DualPipeV ranks={0} C={1} F&B={2}")
  @CsvSource({"1,2,3", "2,4,2.2", "3,13,2.2", "4,10,3", "4,17,2.2", "8,16,2.2", "8,33,3"})
  void dualPipeVBubbleIsTheSameFormulaOnTwiceTheStages(int ranks, int microBatches, double fb) {
    int pp = 2 * ranks;
    Execution run = run(ScheduleKind.DUALPIPE_V, ranks, microBatches, 1, 2, 1, fb);
    assertEquals((pp / 2 - 1) * (fb + 2 - 3), units(run.maxBubblePs()), EXACT);
    assertEquals(pp + 1, run.maxPeakActivations());
    assertEquals(2, run.stagesPerRank());
    assertEquals(1, run.parameterCopies());
  }

  /**
   * The reference simulations (16 cases, four duration sets) reproduced to the file's 2 decimals.
   * Where W differs from F the table's (PP/2-1)(F&amp;B+B-3W) is only approximate (e.g. PP=8, W=0.5:
   * simulated 8.0, formula 9.0): it assumes each W chunk exactly fills a hole one F long in the
   * staggered warm-up and cool-down; shorter W chunks leave the holes partly unfilled while the
   * overlapped steady state shortens the critical path by a different amount.
   */
  @Test
  void reproducesEveryReferenceMakespanAndWorstIdle() {
    int checked = 0;
    for (TestVectors.Timing t : TestVectors.load().timings()) {
      Execution run = run(ScheduleKind.DUALPIPE, t.ranks(), t.microBatches(), t.f(), t.b(), t.w(), t.fb());
      assertEquals(t.makespan(), units(run.makespanPs()), 0.005, t.toString());
      assertEquals(t.maxIdle(), units(run.maxBubblePs()), 0.005, t.toString());
      double formula = (t.ranks() / 2 - 1) * (t.fb() + t.b() - 3 * t.w());
      assertEquals(t.formula(), formula, 0.005, t.toString());
      if (t.w() == t.f()) {
        assertEquals(formula, units(run.maxBubblePs()), EXACT, t.toString());
      }
      checked++;
    }
    assertEquals(16, checked);
  }

  @Test
  void dualPipeBubbleDoesNotGrowWithMicroBatchesWhile1F1BShareShrinksOnlyByDilution() {
    long bubbleAt32 = run(ScheduleKind.DUALPIPE, 16, 32, 1, 2, 1, 2.2).maxBubblePs();
    double previousShare = 1;
    for (int c = 32; c <= 160; c += 32) {
      Execution run = run(ScheduleKind.DUALPIPE, 16, c, 1, 2, 1, 2.2);
      assertEquals(bubbleAt32, run.maxBubblePs(), "C=" + c);
      assertTrue(run.bubbleShare() < previousShare, "share falls as C grows");
      previousShare = run.bubbleShare();
    }
    Execution oneFOneB = run(ScheduleKind.ONE_F_ONE_B, 16, 160, 1, 2, 0, Double.NaN);
    assertTrue(units(oneFOneB.maxBubblePs()) > 5 * units(bubbleAt32));
  }

  @Test
  void interleavingWithTwoChunksHalvesThe1F1BBubble() {
    Schedule schedule = InterleavedSchedule.generate(8, 32, 2);
    Execution run = ScheduleExecutor.run(schedule, Durations.ofUnits(1, 2, 0, Double.NaN, 0).perStage(8, schedule.stages()));
    assertEquals(7 * 3 / 2.0, units(run.maxBubblePs()), EXACT);
  }

  @Test
  void pointToPointLatencyLengthensTheStep() {
    Schedule schedule = DualPipeSchedule.generate(8, 20);
    long without = ScheduleExecutor.run(schedule, Durations.ofUnits(1, 2, 1, 3, 0)).makespanPs();
    long with = ScheduleExecutor.run(schedule, Durations.ofUnits(1, 2, 1, 3, 0.1)).makespanPs();
    assertTrue(with > without, with + " > " + without);
  }

  private static Execution run(ScheduleKind kind, int ranks, int microBatches, double f, double b, double w, double fb) {
    return ScheduleExecutor.run(Schedules.generate(kind, ranks, microBatches), Durations.ofUnits(f, b, w, fb, 0));
  }

  private static double units(long ps) {
    return Durations.toUnits(ps);
  }
}
