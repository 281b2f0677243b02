package org.hourglass.cli.bench;

import java.util.SplittableRandom;
import org.hourglass.sim.RandomStreams;

/**
 * The classic hold model of event-list benchmarking (Vaucher and Duval 1975; Jones 1986): N events
 * pending; each step pops the earliest and schedules one at its time plus an exponential increment.
 * Every contestant replays the same pre-drawn increments, so they do the same pops and pushes and
 * random-number cost stays out of the measurement.
 */
final class HoldModel {
  /** Mean increment: one microsecond, in picoseconds. */
  static final long MEAN_INCREMENT_PS = 1_000_000L;
  private static final int INCREMENTS = 1 << 20;

  private final long[] incrementsPs;

  HoldModel(long seed) {
    SplittableRandom random = new RandomStreams(seed).stream("bench/hold-increments");
    incrementsPs = new long[INCREMENTS];
    for (int i = 0; i < INCREMENTS; i++) {
      incrementsPs[i] = Math.round(RandomStreams.exponential(random, MEAN_INCREMENT_PS));
    }
  }

  /** The i-th increment in picoseconds, cycling through the drawn ones. */
  long incrementPs(long i) {
    return incrementsPs[(int) (i & (INCREMENTS - 1))];
  }

  /** One contestant: an event list filled with N events, then driven through hold steps. */
  interface Contestant {
    /** Name shown in the report. */
    String name();

    /** Schedules {@code pending} events at the first increments. */
    void fill(int pending);

    /** Runs {@code steps} hold steps; returns a checksum of the popped times so none is optimised away. */
    long hold(long steps);

    /** Drops the list so its memory can be reclaimed. */
    void clear();
  }
}
