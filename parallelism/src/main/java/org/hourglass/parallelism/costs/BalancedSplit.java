package org.hourglass.parallelism.costs;

import java.util.Arrays;

/**
 * Splits a chain of blocks into contiguous pipeline stages. The first and last stages carry extra
 * fixed work (embedding; output head and MTP). First the heaviest stage is made as light as it can
 * be: the linear partition problem, solved exactly by dynamic programming in O(stages x blocks^2),
 * since a pipeline flows at the pace of its slowest stage. Then, where a rank runs several stages
 * (DualPipe: S_r and S_{N-1-r}), single boundaries move while that lowers the heaviest rank without
 * raising the heaviest stage, or keeps both and lowers the sum of squared rank loads.
 *
 * <p>Balancing ranks alone (an exact outside-in programme over DualPipe's pairs) was tried and
 * simulated slower: it gives stages of 1 to 8 blocks, and DualPipe's static schedule, built for
 * equal chunks, then stalls. Stage evenness comes first.
 */
final class BalancedSplit {
  private BalancedSplit() {}

  /** Boundaries for ranks running the stages in {@code stagesOfRank}. */
  static int[] boundaries(double[] blockSeconds, int[][] stagesOfRank, int stages, double firstExtra, double lastExtra) {
    int[] first = boundaries(blockSeconds, stages, firstExtra, lastExtra);
    int minimum = blockSeconds.length >= stages ? 1 : 0;
    Loads loads = new Loads(blockSeconds, stagesOfRank, firstExtra, lastExtra);
    double[] score = loads.score(first);
    boolean improved = true;
    while (improved) {
      improved = false;
      for (int i = 1; i < stages; i++) {
        for (int step = -1; step <= 1; step += 2) {
          int moved = first[i] + step;
          if (moved - first[i - 1] < minimum || first[i + 1] - moved < minimum) {
            continue;
          }
          first[i] = moved;
          double[] candidate = loads.score(first);
          if (better(candidate, score)) {
            score = candidate;
            improved = true;
          } else {
            first[i] = moved - step;
          }
        }
      }
    }
    return first;
  }

  /** Boundaries {@code b[0] = 0 <= ... <= b[stages] = blocks} minimising the heaviest stage. */
  static int[] boundaries(double[] blockSeconds, int stages, double firstExtra, double lastExtra) {
    int n = blockSeconds.length;
    double[] prefix = prefix(blockSeconds);
    int minimum = n >= stages ? 1 : 0;
    double[][] best = new double[stages + 1][n + 1];
    int[][] cut = new int[stages + 1][n + 1];
    for (double[] row : best) {
      Arrays.fill(row, Double.POSITIVE_INFINITY);
    }
    best[0][0] = 0;
    for (int s = 1; s <= stages; s++) {
      for (int end = 0; end <= n; end++) {
        for (int start = 0; start <= end - minimum; start++) {
          double load = prefix[end] - prefix[start] + (s == 1 ? firstExtra : 0) + (s == stages ? lastExtra : 0);
          double worst = Math.max(best[s - 1][start], load);
          if (worst < best[s][end]) {
            best[s][end] = worst;
            cut[s][end] = start;
          }
        }
      }
    }
    int[] first = new int[stages + 1];
    first[stages] = n;
    for (int s = stages; s >= 1; s--) {
      first[s - 1] = cut[s][first[s]];
    }
    return first;
  }

  private static boolean better(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      double tolerance = 1e-12 * Math.abs(b[i]);
      if (a[i] < b[i] - tolerance) {
        return true;
      }
      if (a[i] > b[i] + tolerance) {
        return false;
      }
    }
    return false;
  }

  private static double[] prefix(double[] values) {
    double[] prefix = new double[values.length + 1];
    for (int i = 0; i < values.length; i++) {
      prefix[i + 1] = prefix[i] + values[i];
    }
    return prefix;
  }

  /** Stage and rank loads of a split: the score is {heaviest stage, heaviest rank, sum of squared rank loads}. */
  private record Loads(double[] blockSeconds, int[][] stagesOfRank, double firstExtra, double lastExtra) {
    double[] score(int[] first) {
      int stages = first.length - 1;
      double[] prefix = prefix(blockSeconds);
      double[] stage = new double[stages];
      double maxStage = 0;
      for (int s = 0; s < stages; s++) {
        stage[s] = prefix[first[s + 1]] - prefix[first[s]] + (s == 0 ? firstExtra : 0) + (s == stages - 1 ? lastExtra : 0);
        maxStage = Math.max(maxStage, stage[s]);
      }
      double maxRank = 0;
      double squares = 0;
      for (int[] rankStages : stagesOfRank) {
        double load = 0;
        for (int s : rankStages) {
          load += stage[s];
        }
        maxRank = Math.max(maxRank, load);
        squares += load * load;
      }
      return new double[] {maxStage, maxRank, squares};
    }
  }
}
