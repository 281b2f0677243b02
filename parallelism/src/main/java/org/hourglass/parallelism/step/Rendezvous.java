package org.hourglass.parallelism.step;

import java.util.Arrays;

/**
 * Arrivals at the collectives of fixed groups: the r-th collective of a group completes its
 * rendezvous when all members have issued their r-th collective. Members issue collectives in the
 * same order, so the round number alone identifies the collective.
 */
final class Rendezvous {
  private final int members;
  private final int[][] arrivals; // [group][round]
  private final long[][] lastArrivalPs;

  Rendezvous(int groups, int members) {
    this.members = members;
    arrivals = new int[groups][16];
    lastArrivalPs = new long[groups][16];
  }

  /** Records an arrival; returns true when it is the last member's. */
  boolean arrive(int group, int round, long nowPs) {
    if (round >= arrivals[group].length) {
      int length = Math.max(round + 1, 2 * arrivals[group].length);
      arrivals[group] = Arrays.copyOf(arrivals[group], length);
      lastArrivalPs[group] = Arrays.copyOf(lastArrivalPs[group], length);
    }
    lastArrivalPs[group][round] = nowPs;
    return ++arrivals[group][round] == members;
  }

  /** When the last member arrived at round {@code round} of {@code group}. */
  long lastArrivalPs(int group, int round) {
    return lastArrivalPs[group][round];
  }

  static long key(int group, int round) {
    return ((long) group << 32) | round;
  }

  static int group(long key) {
    return (int) (key >>> 32);
  }

  static int round(long key) {
    return (int) key;
  }
}
