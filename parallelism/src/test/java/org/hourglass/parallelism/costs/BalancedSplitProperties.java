package org.hourglass.parallelism.costs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The stage split against brute force on small chains. */
class BalancedSplitProperties {
  @Property(tries = 300)
  void heaviestStageIsTheSmallestPossible(@ForAll @Size(min = 1, max = 9) List<@DoubleRange(min = 0.1, max = 5) Double> blocks,
      @ForAll @IntRange(min = 1, max = 4) int stages, @ForAll @DoubleRange(min = 0, max = 6) double lastExtra) {
    double[] seconds = blocks.stream().mapToDouble(Double::doubleValue).toArray();
    int[] first = BalancedSplit.boundaries(seconds, stages, 0.3, lastExtra);
    assertEquals(bruteForce(seconds, stages, 0.3, lastExtra, new int[stages + 1], 1), maxStage(seconds, first, 0.3, lastExtra), 1e-9);
  }

  @Property(tries = 200)
  void rankBalancingKeepsTheHeaviestStageAndValidBoundaries(
      @ForAll @Size(min = 8, max = 16) List<@DoubleRange(min = 0.1, max = 5) Double> blocks,
      @ForAll @DoubleRange(min = 0, max = 6) double lastExtra) {
    double[] seconds = blocks.stream().mapToDouble(Double::doubleValue).toArray();
    int stages = 4;
    int[][] pairs = {{0, 3}, {1, 2}, {1, 2}, {0, 3}};
    int[] chain = BalancedSplit.boundaries(seconds, stages, 0.3, lastExtra);
    int[] paired = BalancedSplit.boundaries(seconds, pairs, stages, 0.3, lastExtra);
    assertTrue(maxStage(seconds, paired, 0.3, lastExtra) <= maxStage(seconds, chain, 0.3, lastExtra) + 1e-9);
    assertEquals(0, paired[0]);
    assertEquals(seconds.length, paired[stages]);
    for (int s = 0; s < stages; s++) {
      assertTrue(paired[s + 1] > paired[s], "every stage keeps a block");
    }
  }

  private static double maxStage(double[] seconds, int[] first, double firstExtra, double lastExtra) {
    double max = 0;
    int stages = first.length - 1;
    for (int s = 0; s < stages; s++) {
      double load = (s == 0 ? firstExtra : 0) + (s == stages - 1 ? lastExtra : 0);
      for (int b = first[s]; b < first[s + 1]; b++) {
        load += seconds[b];
      }
      max = Math.max(max, load);
    }
    return max;
  }

  /** The best heaviest stage over every contiguous split (each stage a block when there are enough). */
  private static double bruteForce(double[] seconds, int stages, double firstExtra, double lastExtra, int[] first, int s) {
    int n = seconds.length;
    int minimum = n >= stages ? 1 : 0;
    if (s == stages) {
      first[stages] = n;
      return n - first[stages - 1] >= minimum ? maxStage(seconds, first, firstExtra, lastExtra) : Double.POSITIVE_INFINITY;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int cut = first[s - 1] + minimum; cut <= n; cut++) {
      first[s] = cut;
      best = Math.min(best, bruteForce(seconds, stages, firstExtra, lastExtra, first, s + 1));
    }
    return best;
  }
}
