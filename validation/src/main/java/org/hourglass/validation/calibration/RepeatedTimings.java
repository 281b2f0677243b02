package org.hourglass.validation.calibration;

import java.util.Arrays;

/**
 * Statistics of repeated timings of one kernel: the median (robust to the odd slow repetition from a
 * clock change or a neighbour) and the spread, (p90 - p10) / median, the width of the middle 80%.
 */
public record RepeatedTimings(double[] seconds) {
  public RepeatedTimings {
    if (seconds.length == 0) {
      throw new IllegalArgumentException("no repetitions timed");
    }
    seconds = seconds.clone();
    Arrays.sort(seconds);
  }

  /** Median of the repetitions, seconds. */
  public double medianSeconds() {
    return quantile(0.5);
  }

  /** (p90 - p10) / median. */
  public double spread() {
    return (quantile(0.9) - quantile(0.1)) / medianSeconds();
  }

  /** How many repetitions were timed. */
  public int repetitions() {
    return seconds.length;
  }

  /** Linear-interpolated quantile of the sorted repetitions. */
  public double quantile(double q) {
    double pos = q * (seconds.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, seconds.length - 1);
    return seconds[lo] + (pos - lo) * (seconds[hi] - seconds[lo]);
  }

  @Override
  public double[] seconds() {
    return seconds.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RepeatedTimings t && Arrays.equals(t.seconds, seconds);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(seconds);
  }
}
