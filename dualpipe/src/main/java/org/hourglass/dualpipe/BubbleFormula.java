package org.hourglass.dualpipe;

import java.util.OptionalLong;

/**
 * The closed-form bubbles of the DeepSeek-V3 report's Table 2 (and the DualPipe README), for
 * comparison with measured runs only; never an input to one. PP is the number of stages. Exact
 * with zero latency when W = F; with W &ne; F the DualPipe form is an approximation.
 */
public final class BubbleFormula {
  private BubbleFormula() {}

  /** The table's bubble for {@code schedule} with per-chunk {@code d}, or empty where the table has none. */
  public static OptionalLong bubblePs(Schedule schedule, Durations d) {
    long pp = schedule.stages();
    return switch (schedule.kind()) {
      case ONE_F_ONE_B -> OptionalLong.of((pp - 1) * (d.forwardPs() + d.backwardPs()));
      case ZB1P -> OptionalLong.of((pp - 1) * (d.forwardPs() + d.backwardPs() - 2 * d.weightPs()));
      case DUALPIPE, DUALPIPE_V -> OptionalLong.of((pp / 2 - 1) * (d.overlappedPs() + d.backwardPs() - 3 * d.weightPs()));
      default -> OptionalLong.empty();
    };
  }
}
