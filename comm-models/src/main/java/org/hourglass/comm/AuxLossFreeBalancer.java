package org.hourglass.comm;

import org.hourglass.sim.RandomStreams;

/**
 * DeepSeek's auxiliary-loss-free load balancing (Wang et al. 2024; DeepSeek-V3 report s2.1.2): each
 * expert has a bias added to its affinity for selection only; after each step the bias of every
 * overloaded expert falls by gamma and that of every underloaded one rises by gamma (V3: gamma = 0.001).
 * Each step routes a fresh batch, so the curve shows the imbalance falling and then settling at the
 * level set by the batch's own sampling noise and the +-gamma dither.
 */
public final class AuxLossFreeBalancer {
  /** DeepSeek-V3's bias update speed for the first 14.3T tokens (report s4.2). */
  public static final double DEEPSEEK_V3_GAMMA = 0.001;

  private final Router router;
  private final AffinityModel affinity;
  private final ExpertPlacement placement;
  private final double gamma;
  private final int tokensPerGpu;
  private final RandomStreams streams;

  public AuxLossFreeBalancer(Router router, AffinityModel affinity, ExpertPlacement placement, double gamma,
      int tokensPerGpu, RandomStreams streams) {
    if (!(gamma >= 0) || Double.isInfinite(gamma)) {
      throw new IllegalArgumentException("gamma must be finite and at least 0, got " + gamma);
    }
    this.router = router;
    this.affinity = affinity;
    this.placement = placement;
    this.gamma = gamma;
    this.tokensPerGpu = tokensPerGpu;
    this.streams = streams;
  }

  /** Runs {@code steps} steps from a zero bias; returns the imbalance and per-GPU loads of each step. */
  public BalancingCurve run(int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be at least 1, got " + steps);
    }
    double[] bias = new double[affinity.experts()];
    double[][] gpuLoads = new double[steps][];
    for (int step = 0; step < steps; step++) {
      RoutingSample sample = RoutingSample.draw(router, affinity, bias, placement.gpus(), tokensPerGpu, streams,
          "balance-step-" + step);
      long[] expertLoads = sample.expertLoads();
      gpuLoads[step] = placement.gpuLoads(expertLoads);
      nudge(bias, expertLoads);
    }
    return new BalancingCurve(gamma, gpuLoads, bias);
  }

  private void nudge(double[] bias, long[] expertLoads) {
    double mean = 0;
    for (long load : expertLoads) {
      mean += load;
    }
    mean /= expertLoads.length;
    for (int e = 0; e < bias.length; e++) {
      bias[e] += expertLoads[e] < mean ? gamma : expertLoads[e] > mean ? -gamma : 0;
    }
  }
}
