package org.hourglass.workload;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.hourglass.sim.InvalidInputException;

/**
 * How a run's blocks are cut into contiguous pipeline stages. {@code balanced} is what a planner
 * does when the split is not published: the cut that makes the heaviest rank lightest, by cost.
 * {@code even} gives every stage layers / stages blocks, the first (layers mod stages) one more.
 * {@code ends-one-fewer} is the Llama 3 rule (arXiv 2407.21783, 3.3.2: "we reduce one Transformer
 * layer each from the first and the last stages"): equal stages, the first and last one block fewer,
 * which needs stages to divide layers + 2.
 */
public enum StageSplit {
  BALANCED("balanced"),
  EVEN("even"),
  ENDS_ONE_FEWER("ends-one-fewer");

  private final String spelling;

  StageSplit(String spelling) {
    this.spelling = spelling;
  }

  /** The name in recipes and on the command line. */
  public String spelling() {
    return spelling;
  }

  /** Parses a spelling, or reports bad input naming {@code field} and the known spellings. */
  public static StageSplit parse(String text, String field) {
    for (StageSplit s : values()) {
      if (s.spelling.equals(text)) {
        return s;
      }
    }
    throw new InvalidInputException(field, "unknown stage split '" + text + "' (known: "
        + Arrays.stream(values()).map(StageSplit::spelling).collect(Collectors.joining(", ")) + ")");
  }

  /**
   * The boundaries of a fixed rule over {@code stages} stages: {@code b[s]} is stage s's first block,
   * {@code b[stages]} the layer count. Refuses {@link #BALANCED} (it needs costs) and an
   * {@link #ENDS_ONE_FEWER} split that does not come out whole, naming {@code field}.
   */
  public int[] boundaries(int layers, int stages, String field) {
    int[] first = new int[stages + 1];
    switch (this) {
      case EVEN -> {
        for (int s = 0; s <= stages; s++) {
          first[s] = s * (layers / stages) + Math.min(s, layers % stages);
        }
      }
      case ENDS_ONE_FEWER -> {
        if (stages < 2 || (layers + 2) % stages != 0 || (layers + 2) / stages < 1) {
          throw new InvalidInputException(field, "ends-one-fewer needs the " + stages + " pipeline stages to divide "
              + layers + " layers + 2; use balanced or even");
        }
        int perStage = (layers + 2) / stages;
        for (int s = 1; s <= stages; s++) {
          first[s] = Math.min(layers, s * perStage - 1);
        }
      }
      case BALANCED -> throw new IllegalStateException("a balanced split is cut by cost, not by rule");
    }
    return first;
  }
}
