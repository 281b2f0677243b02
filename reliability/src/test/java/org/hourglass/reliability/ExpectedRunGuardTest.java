package org.hourglass.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The closed-form expected wall time the replay is guarded by, against the replay itself, and the guard. */
class ExpectedRunGuardTest {
  private static final double DAY = 86_400;
  private static final RunShape V3_LIKE = new RunShape(46 * DAY, 2048, 8, 5.4e12, 2e12, 2e12);

  private static ReliabilitySpec spec(double perThousandNodeDays, double intervalSeconds) {
    ReliabilitySpec b = ReliabilitySpec.builtIn();
    return new ReliabilitySpec(List.of(new ComponentFailures("GPU", perThousandNodeDays, true, "test")), 1, 1, b.detectSeconds(),
        b.restartSeconds(), true, b.replaceSeconds(), intervalSeconds, false, b.hostCopyBytesPerSecondPerGpu(), "test");
  }

  @Test
  void theClosedFormIsTheMeanOfTheReplays() {
    // 20x Meta's rate: a failure about every 43 min against hourly checkpoints, about twice the failure-free time
    ReliabilitySpec often = spec(130, 3600);
    double predicted = ExpectedRun.expectedWallSeconds(V3_LIKE, often, 3600);
    assertTrue(predicted > 1.5 * V3_LIKE.idealSeconds() && predicted < 3 * V3_LIKE.idealSeconds(), "slowdown "
        + predicted / V3_LIKE.idealSeconds());
    RunSimulation sim = new RunSimulation(V3_LIKE, often);
    double mean = 0;
    int runs = 100;
    for (int seed = 0; seed < runs; seed++) {
      mean += sim.run(seed).wallSeconds() / runs;
    }
    // the closed form rounds the last partial interval up to a whole one: within a percent over 46 days
    assertEquals(predicted, mean, 0.01 * predicted, "replayed " + mean / DAY + " days, predicted " + predicted / DAY);
  }

  @Test
  void aRunThatCannotFinishAnIntervalBetweenFailuresIsNotReplayed() {
    ReliabilitySpec hopeless = spec(6.5 * 300, 3600); // a failure about every 3 min, an hour between checkpoints
    assertFalse(ExpectedRun.replayable(V3_LIKE, hopeless));
    assertTrue(ExpectedRun.expectedWallSeconds(V3_LIKE, hopeless, 3600) > 1e6 * V3_LIKE.idealSeconds());
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> ExpectedRun.of(V3_LIKE, hopeless, 10, 0, 1));
    assertTrue(refused.getMessage().contains("not replayed"), refused.getMessage());
  }

  @Test
  void anIntervalLongerThanTheRunMakesTheWholeRunOneStretch() {
    RunShape day = new RunShape(DAY, 2048, 8, 5.4e12, 2e12, 2e12);
    ReliabilitySpec never = spec(6.5, 10 * DAY);
    double m = 1 / never.perSecond(day.nodes());
    double down = ExpectedRun.meanDownSeconds(day, never);
    assertEquals((m + down) * Math.expm1(DAY / m), ExpectedRun.expectedWallSeconds(day, never, 10 * DAY), 1e-6);
    assertEquals(ExpectedRun.expectedWallSeconds(day, never, DAY), ExpectedRun.expectedWallSeconds(day, never, 10 * DAY));
  }

  @Test
  void withNothingFailingEveryRunIsReplayedAndTheFormIsTheStallsAlone() {
    ReliabilitySpec never = spec(0, 600);
    assertTrue(ExpectedRun.replayable(V3_LIKE, never));
    double stall = V3_LIKE.stallSeconds(never);
    assertEquals(V3_LIKE.idealSeconds() * (600 + stall) / 600, ExpectedRun.expectedWallSeconds(V3_LIKE, never, 600), 1e-6);
  }

  @Test
  void theSweepLeavesOutIntervalsPastTheGuard() {
    // a failure about every 6 min and a 108 s checkpoint write: 10 min is within the guard (about 15x), four times
    // Young's 4.5 min is not (about 39x)
    RunShape slowStorage = new RunShape(5 * DAY, 2048, 8, 5.4e12, 5e10, 5e10);
    ReliabilitySpec frequent = spec(6.5 * 150, 600);
    assertTrue(ExpectedRun.replayable(slowStorage, frequent));
    ExpectedRun.Summary s = ExpectedRun.of(slowStorage, frequent, 4, 2, 1);
    for (ExpectedRun.IntervalPoint p : s.sweep()) {
      assertTrue(ExpectedRun.expectedWallSeconds(slowStorage, frequent, p.intervalSeconds())
          <= ExpectedRun.MAX_SLOWDOWN * slowStorage.idealSeconds(), "swept " + p.intervalSeconds() + " s");
    }
    assertTrue(s.sweep().size() < 10, "some of the ten intervals were left out: " + s.sweep().size());
  }
}
