package org.hourglass.comm;

import java.util.SplittableRandom;
import org.hourglass.sim.RandomStreams;

/**
 * One batch of routing decisions: for each source GPU, the K experts of each of its tokens. Drawn
 * deterministically: GPU g's tokens come from the stream {@code "routing/<label>/gpu-<g>"}.
 */
public final class RoutingSample {
  private final MoeRouting routing;
  private final int tokensPerGpu;
  private final int[][] expertsByGpu;

  private RoutingSample(MoeRouting routing, int tokensPerGpu, int[][] expertsByGpu) {
    this.routing = routing;
    this.tokensPerGpu = tokensPerGpu;
    this.expertsByGpu = expertsByGpu;
  }

  /** Routes {@code tokensPerGpu} fresh tokens on each of {@code gpus} GPUs with the given balancing bias. */
  public static RoutingSample draw(Router router, AffinityModel affinity, double[] bias, int gpus,
      int tokensPerGpu, RandomStreams streams, String label) {
    if (gpus < 1 || tokensPerGpu < 1) {
      throw new IllegalArgumentException("need at least one GPU and one token, got " + gpus + " x " + tokensPerGpu);
    }
    MoeRouting routing = router.routing();
    int k = routing.expertsPerToken();
    int[][] experts = new int[gpus][tokensPerGpu * k];
    double[] scores = new double[routing.routedExperts()];
    int[] chosen = new int[k];
    for (int gpu = 0; gpu < gpus; gpu++) {
      SplittableRandom random = streams.stream("routing/" + label + "/gpu-" + gpu);
      for (int t = 0; t < tokensPerGpu; t++) {
        affinity.scoresOfToken(random, scores);
        router.route(scores, bias, chosen);
        System.arraycopy(chosen, 0, experts[gpu], t * k, k);
      }
    }
    return new RoutingSample(routing, tokensPerGpu, experts);
  }

  /** The {@code slot}-th expert (0..K-1) of token {@code token} of GPU {@code gpu}. */
  public int expert(int gpu, int token, int slot) {
    return expertsByGpu[gpu][token * routing.expertsPerToken() + slot];
  }

  /** Tokens routed to each expert, over all GPUs. */
  public long[] expertLoads() {
    long[] loads = new long[routing.routedExperts()];
    for (int[] experts : expertsByGpu) {
      for (int e : experts) {
        loads[e]++;
      }
    }
    return loads;
  }

  public MoeRouting routing() {
    return routing;
  }

  public int gpus() {
    return expertsByGpu.length;
  }

  public int tokensPerGpu() {
    return tokensPerGpu;
  }
}
