package org.hourglass.dualpipe;

import org.hourglass.sim.InvalidInputException;

/**
 * How long each kind of op takes, in picoseconds: a forward chunk (F), a full backward chunk (B),
 * its weight-gradient part (W, so a B* takes B - W), a mutually overlapped forward and backward
 * pair (F&amp;B), and the latency of a point-to-point hand-off between ranks.
 */
public record Durations(long forwardPs, long backwardPs, long weightPs, long overlappedPs, long p2pLatencyPs) {
  /**
   * Picoseconds per user unit: durations given as plain numbers (1, 2.5, 0.48) are stored exactly
   * to 10^-6 of a unit and added without rounding error; results convert back with the same scale.
   */
  public static final long UNIT_PS = 1_000_000L;

  public Durations {
    if (weightPs > backwardPs) {
      throw new InvalidInputException("w", "the weight-gradient part W cannot exceed the full backward B");
    }
    if (overlappedPs < weightPs) {
      throw new InvalidInputException("fb", "the overlapped pair F&B cannot be shorter than W");
    }
  }

  /**
   * Durations from numbers in user units; {@code overlapped} may be NaN for "not given", which
   * means F + B (the pair runs back to back and overlapping hides nothing).
   */
  public static Durations ofUnits(double forward, double backward, double weight, double overlapped, double p2pLatency) {
    long f = toPs("f", forward);
    long b = toPs("b", backward);
    long fb = Double.isNaN(overlapped) ? f + b : toPs("fb", overlapped);
    return new Durations(f, b, toPs("w", weight), fb, toPs("p2p-latency", p2pLatency));
  }

  /** A user-unit number as picoseconds; refuses negative or non-finite values. */
  public static long toPs(String field, double units) {
    if (!(units >= 0) || Double.isInfinite(units) || units * UNIT_PS >= Long.MAX_VALUE) {
      throw new InvalidInputException(field, "must be a finite duration of at least 0, got " + units);
    }
    return Math.round(units * UNIT_PS);
  }

  /** Picoseconds as user units. */
  public static double toUnits(long ps) {
    return ps / (double) UNIT_PS;
  }

  /**
   * The compute durations of one chunk when a model cut into {@code ranks} pieces (the unit these
   * durations are given in) is cut into {@code stages} instead: each chunk does ranks/stages of
   * the work. Interleaved 1F1B and DualPipeV cut finer than one stage per rank.
   */
  public Durations perStage(int ranks, int stages) {
    return new Durations(share(forwardPs, ranks, stages), share(backwardPs, ranks, stages),
        share(weightPs, ranks, stages), share(overlappedPs, ranks, stages), p2pLatencyPs);
  }

  private static long share(long ps, int ranks, int stages) {
    return Math.round(ps * (double) ranks / stages);
  }

  /** How long {@code op} occupies its rank. */
  long of(Op op) {
    if (op.isOverlapped()) {
      return op.second().pass() == Pass.BACKWARD_INPUT ? overlappedPs - weightPs : overlappedPs;
    }
    return switch (op.first().pass()) {
      case FORWARD -> forwardPs;
      case BACKWARD -> backwardPs;
      case BACKWARD_INPUT -> backwardPs - weightPs;
      case WEIGHT -> weightPs;
    };
  }
}
