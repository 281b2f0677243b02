package org.hourglass.dualpipe;

/**
 * One pass of a micro-batch through one stage: forward, full backward, backward for inputs only
 * (B*, whose weight-gradient half is deferred), or the deferred backward for weights (W).
 */
public enum Pass {
  FORWARD("F"),
  BACKWARD("B"),
  BACKWARD_INPUT("B"),
  WEIGHT("W");

  private final String letter;

  Pass(String letter) {
    this.letter = letter;
  }

  /** The letter used in schedule notation (F, B, W). */
  public String letter() {
    return letter;
  }

  /** Whether this pass computes the input gradient that the upstream stage waits for. */
  public boolean isBackward() {
    return this == BACKWARD || this == BACKWARD_INPUT;
  }
}
