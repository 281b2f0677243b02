package org.hourglass.dualpipe;

import org.hourglass.sim.InvalidInputException;

/** Checks of the shape a generator is asked for, failing with the rule that was broken. */
final class Inputs {
  static final String RANKS = "ranks";
  static final String MICRO_BATCHES = "micro-batches";

  private Inputs() {}

  static void atLeast(String field, int value, int minimum, String why) {
    if (value < minimum) {
      throw new InvalidInputException(field, why + "; got " + value);
    }
  }

  static void even(String field, int value, String why) {
    if (value % 2 != 0) {
      throw new InvalidInputException(field, why + "; got " + value);
    }
  }

  static void divisible(String field, int value, int divisor, String why) {
    if (value % divisor != 0) {
      throw new InvalidInputException(field, why + "; got " + value);
    }
  }
}
