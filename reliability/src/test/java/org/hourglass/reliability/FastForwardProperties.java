package org.hourglass.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** A replay that applies the checkpoint cycles between failures in one go ends exactly as one that steps through each. */
class FastForwardProperties {
  private static final double DAY = 86_400;

  @Property(tries = 300)
  void skippingCyclesChangesNoBitOfTheOutcome(@ForAll long seed,
      @ForAll @DoubleRange(min = 0.2, max = 40) double perThousandNodeDays,
      @ForAll @DoubleRange(min = 30, max = 30_000) double intervalSeconds, @ForAll boolean asynchronous,
      @ForAll @IntRange(min = 0, max = 2) int shapeKind, @ForAll @IntRange(min = 3, max = 14) int log2Gpus,
      @ForAll @DoubleRange(min = 1e10, max = 2e13) double checkpointBytes, @ForAll boolean hotSpares,
      @ForAll @DoubleRange(min = 1, max = 60) double days) {
    double weibull = new double[] {0.7, 1, 1.6}[shapeKind];
    ReliabilitySpec spec = spec(perThousandNodeDays, weibull, hotSpares, intervalSeconds, asynchronous, 4e9);
    RunShape shape = new RunShape(days * DAY, 1 << log2Gpus, 8, checkpointBytes, 2e11, 3e11);
    Assume.that(ExpectedRun.replayable(shape, spec)); // past it a replay may never end, stepped or not
    assertSame(new RunSimulation(shape, spec, false).run(seed), new RunSimulation(shape, spec, true).run(seed));
  }

  @Test
  void aWriteEndingWithItsStallAndFailuresOnCycleBoundariesKeepTheirOrder() {
    // asynchronous, with the host copy as slow as the write: every write ends at the tick its stall does
    RunShape shape = new RunShape(30 * DAY, 2048, 8, 5.4e12, 2e12, 2e12);
    ReliabilitySpec tied = spec(20, 1, true, 600, true, 2e12 / 2048);
    assertEquals(shape.writeSeconds(tied), shape.stallSeconds(tied), 0);
    int runsWithFailures = 0;
    for (long seed = 0; seed < 40; seed++) {
      RunOutcome stepped = new RunSimulation(shape, tied, false).run(seed);
      assertSame(stepped, new RunSimulation(shape, tied, true).run(seed));
      runsWithFailures += stepped.totalInterruptions() > 0 ? 1 : 0;
    }
    assertTrue(runsWithFailures > 30, "runs with failures " + runsWithFailures);
  }

  private static ReliabilitySpec spec(double perThousandNodeDays, double weibull, boolean hotSpares, double interval,
      boolean asynchronous, double hostCopyBytesPerSecondPerGpu) {
    ReliabilitySpec b = ReliabilitySpec.builtIn();
    return new ReliabilitySpec(List.of(new ComponentFailures("GPU", perThousandNodeDays * 0.7, true, "test"),
        new ComponentFailures("software", perThousandNodeDays * 0.3, false, "test")), 1, weibull, b.detectSeconds(),
        b.restartSeconds(), hotSpares, b.replaceSeconds(), interval, asynchronous, hostCopyBytesPerSecondPerGpu, "test");
  }

  private static void assertSame(RunOutcome stepped, RunOutcome skipped) {
    assertEquals(stepped.wallSeconds(), skipped.wallSeconds(), 0);
    assertArrayEquals(stepped.interruptions(), skipped.interruptions());
    assertArrayEquals(stepped.lostSeconds(), skipped.lostSeconds(), 0);
    assertArrayEquals(stepped.downSeconds(), skipped.downSeconds(), 0);
    assertEquals(stepped.checkpointStallSeconds(), skipped.checkpointStallSeconds(), 0);
    assertEquals(stepped.checkpoints(), skipped.checkpoints());
    assertEquals(stepped.absorbed(), skipped.absorbed());
  }
}
