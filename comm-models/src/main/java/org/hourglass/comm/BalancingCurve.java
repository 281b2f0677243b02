package org.hourglass.comm;

/**
 * The outcome of a balancing run: tokens per GPU at each step (for the step simulation) and the
 * imbalance, max over mean tokens per GPU, that they imply; 1 is perfect balance.
 */
public record BalancingCurve(double gamma, double[][] gpuLoadsByStep, double[] finalBias) {

  public int steps() {
    return gpuLoadsByStep.length;
  }

  /** Tokens each GPU receives at {@code step}. */
  public double[] gpuLoads(int step) {
    return gpuLoadsByStep[step].clone();
  }

  /** Max over mean tokens per GPU at {@code step}. */
  public double imbalance(int step) {
    double max = 0;
    double sum = 0;
    for (double load : gpuLoadsByStep[step]) {
      max = Math.max(max, load);
      sum += load;
    }
    return max / (sum / gpuLoadsByStep[step].length);
  }

  /** Mean imbalance over steps {@code from} (inclusive) to {@code to} (exclusive). */
  public double meanImbalance(int from, int to) {
    double sum = 0;
    for (int step = from; step < to; step++) {
      sum += imbalance(step);
    }
    return sum / (to - from);
  }

  /** Mean imbalance over the last tenth of the run (at least one step): the settled level. */
  public double settledImbalance() {
    int tail = Math.max(1, steps() / 10);
    return meanImbalance(steps() - tail, steps());
  }
}
