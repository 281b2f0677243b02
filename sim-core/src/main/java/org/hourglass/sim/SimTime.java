package org.hourglass.sim;

/**
 * Simulated time is a {@code long} count of picoseconds.
 *
 * <p>Why picoseconds: a training step on 2048 GPUs lasts seconds (10^12 ps), while one token's
 * 7 KiB hop over a 160 GB/s NVLink lasts about 45 ns; in nanoseconds a rounding of up to 1 ns per
 * transfer would bias sums of thousands of small transfers by a percent or more, in picoseconds by
 * a thousandth of that. A {@code long} of picoseconds still spans 106 days, far beyond one step.
 */
public final class SimTime {
  /** Picoseconds per nanosecond. */
  public static final long PS_PER_NS = 1_000L;
  /** Picoseconds per microsecond. */
  public static final long PS_PER_US = 1_000_000L;
  /** Picoseconds per millisecond. */
  public static final long PS_PER_MS = 1_000_000_000L;
  /** Picoseconds per second. */
  public static final long PS_PER_S = 1_000_000_000_000L;

  private SimTime() {}

  /** Seconds to picoseconds, rounded to the nearest picosecond; refuses negative or non-finite input. */
  public static long fromSeconds(double seconds) {
    if (!(seconds >= 0) || Double.isInfinite(seconds) || seconds * PS_PER_S >= Long.MAX_VALUE) {
      throw new IllegalArgumentException("not a representable duration: " + seconds + " s");
    }
    return Math.round(seconds * PS_PER_S);
  }

  /** Picoseconds to seconds. */
  public static double toSeconds(long ps) {
    return ps / (double) PS_PER_S;
  }

  /**
   * Time to move {@code bytes} at {@code bytesPerSecond}, rounded up to a whole picosecond so that
   * no transfer finishes before its link could deliver it.
   */
  public static long transferPs(double bytes, double bytesPerSecond) {
    if (!(bytesPerSecond > 0)) {
      throw new IllegalArgumentException("bandwidth must be positive: " + bytesPerSecond);
    }
    return (long) Math.ceil(bytes / bytesPerSecond * PS_PER_S);
  }
}
