package org.hourglass.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The replayed run against hand arithmetic and the closed forms it must agree with. */
class RunSimulationTest {
  private static final double DAY = 86_400;
  private static final RunShape V3_LIKE = new RunShape(46 * DAY, 2048, 8, 5.4e12, 2e12, 2e12);

  private static ReliabilitySpec only(double perThousandNodeDays, double intervalSeconds, boolean async) {
    ReliabilitySpec b = ReliabilitySpec.builtIn();
    return new ReliabilitySpec(List.of(new ComponentFailures("GPU", perThousandNodeDays, true, "test")), 1, 1, b.detectSeconds(),
        b.restartSeconds(), true, b.replaceSeconds(), intervalSeconds, async, b.hostCopyBytesPerSecondPerGpu(), "test");
  }

  @Test
  void withNoFailuresAndNothingToWriteTheRunIsTheIdealOne() {
    RunOutcome o = new RunSimulation(new RunShape(46 * DAY, 2048, 8, 0, 2e12, 2e12), only(0, 3600, false)).run(1);
    assertEquals(46 * DAY, o.wallSeconds(), 1e-6);
    assertEquals(0, o.totalInterruptions());
    assertEquals(1.0, o.goodput(), 1e-12);
  }

  @Test
  void withNoFailuresTheRunIsTheIdealOnePlusItsCheckpointStalls() {
    RunOutcome o = new RunSimulation(V3_LIKE, only(0, 3600, false)).run(1);
    int checkpoints = (int) Math.ceil(46 * DAY / 3600) - 1;
    assertEquals(checkpoints, o.checkpoints());
    assertEquals(46 * DAY + checkpoints * V3_LIKE.stallSeconds(only(0, 3600, false)), o.wallSeconds(), 1e-3);
  }

  @Test
  void exponentialFailuresLoseHalfAnIntervalEachOnAverage() {
    double tau = 3600;
    ReliabilitySpec spec = only(6.5, tau, true); // asynchronous: a stall of a fraction of a second
    RunSimulation sim = new RunSimulation(V3_LIKE, spec);
    double lost = 0;
    int failures = 0;
    for (int seed = 0; seed < 40; seed++) {
      RunOutcome o = sim.run(seed);
      lost += o.lostSeconds()[0];
      failures += o.interruptions()[0];
    }
    double perFailure = lost / failures;
    // the work since the last checkpoint is uniform on (0, tau) plus the background write's delta; its sd is tau / sqrt(12)
    double expected = tau / 2 + V3_LIKE.writeSeconds(spec);
    double halfWidth = 3 * tau / Math.sqrt(12 * failures);
    assertTrue(failures > 2000, "failures " + failures);
    assertEquals(expected, perFailure, halfWidth, "lost per failure " + perFailure + " s over " + failures + " failures");
  }

  @Test
  void theSimulatedBestIntervalSitsByYoungsAndDalysClosedForms() {
    RunShape big = new RunShape(20 * DAY, 16_384, 8, 5.4e12, 2e12, 2e12);
    ReliabilitySpec spec = only(6.5, 3600, false);
    ExpectedRun.Summary s = ExpectedRun.of(big, spec, 10, 20, 3);
    assertTrue(s.bestIntervalSeconds() > 0.49 * s.youngSeconds() && s.bestIntervalSeconds() < 2.01 * s.youngSeconds(),
        "best " + s.bestIntervalSeconds() + " s, Young " + s.youngSeconds() + " s");
    double atYoung = s.sweep().stream().filter(p -> p.intervalSeconds() == s.youngSeconds()).findFirst().orElseThrow().meanWallSeconds();
    double atBest = s.sweep().stream().mapToDouble(ExpectedRun.IntervalPoint::meanWallSeconds).min().orElseThrow();
    assertTrue(atYoung <= atBest * 1.01, "Young's interval within 1% of the simulated best: " + atYoung + " against " + atBest);
    assertEquals(s.youngSeconds(), s.dalySeconds(), 0.1 * s.youngSeconds(), "Daly's correction is small when delta << M");
  }

  @Test
  void moreGpusNeverRaiseGoodput() {
    ReliabilitySpec spec = ReliabilitySpec.builtIn();
    double previous = 1;
    for (int gpus : new int[] {1024, 2048, 4096, 8192, 16_384}) {
      double goodput = ExpectedRun.of(new RunShape(30 * DAY, gpus, 8, 5.4e12, 2e12, 2e12), spec, 20, 0, 7).meanGoodput();
      assertTrue(goodput < previous, gpus + " GPUs: goodput " + goodput + " against " + previous + " on half as many");
      previous = goodput;
    }
  }

  @Test
  void theSameSeedGivesTheSameRun() {
    RunSimulation sim = new RunSimulation(V3_LIKE, ReliabilitySpec.builtIn());
    RunOutcome a = sim.run(11);
    RunOutcome b = sim.run(11);
    assertEquals(a.wallSeconds(), b.wallSeconds());
    assertArrayEquals(a.interruptions(), b.interruptions());
    assertArrayEquals(a.lostSeconds(), b.lostSeconds());
  }

  @Test
  void withoutHotSparesAHardwareFailureWaitsForTheSwapAndASoftwareOneDoesNot() {
    ReliabilitySpec spares = ReliabilitySpec.builtIn();
    ReliabilitySpec none = new ReliabilitySpec(spares.components(), 1, 1, spares.detectSeconds(), spares.restartSeconds(), false,
        spares.replaceSeconds(), spares.checkpointIntervalSeconds(), false, spares.hostCopyBytesPerSecondPerGpu(), "test");
    RunOutcome with = new RunSimulation(V3_LIKE, spares).run(5);
    RunOutcome without = new RunSimulation(V3_LIKE, none).run(5);
    assertTrue(without.wallSeconds() > with.wallSeconds());
    int other = 3;
    assertEquals(with.downSeconds()[other] / Math.max(1, with.interruptions()[other]),
        without.downSeconds()[other] / Math.max(1, without.interruptions()[other]), 1e-6, "a software restart swaps nothing");
  }

  @Test
  void weibullGapsKeepTheirMean() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    double sum = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      sum += RunSimulation.weibull(r, 0.7, 100);
    }
    assertEquals(100, sum / n, 1.5);
  }
}
