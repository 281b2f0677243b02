package org.hourglass.comm;

import java.util.ArrayList;
import java.util.List;
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
    return drawForEach(List.of(router), affinity, bias, gpus, tokensPerGpu, streams, label).get(0);
  }

  /**
   * Routes the same tokens (the same affinity scores) through each router, one sample per router:
   * common random numbers, so routers differ only by their rule, never by the draw.
   */
  public static List<RoutingSample> drawForEach(List<Router> routers, AffinityModel affinity, double[] bias,
      int gpus, int tokensPerGpu, RandomStreams streams, String label) {
    if (gpus < 1 || tokensPerGpu < 1) {
      throw new IllegalArgumentException("need at least one GPU and one token, got " + gpus + " x " + tokensPerGpu);
    }
    int[][][] experts = new int[routers.size()][gpus][];
    double[] scores = new double[affinity.experts()];
    // uniform popularity and no bias: route from the draws, scoring only the candidates (same experts)
    boolean byDraws = affinity.uniform() && java.util.Arrays.stream(bias).allMatch(b -> b == 0);
    for (int gpu = 0; gpu < gpus; gpu++) {
      SplittableRandom random = streams.stream("routing/" + label + "/gpu-" + gpu);
      for (int r = 0; r < routers.size(); r++) {
        experts[r][gpu] = new int[tokensPerGpu * routers.get(r).routing().expertsPerToken()];
      }
      for (int t = 0; t < tokensPerGpu; t++) {
        if (byDraws) {
          affinity.uniformsOfToken(random, scores);
          routeTokenByDraws(routers, scores, affinity, experts, gpu, t);
        } else {
          affinity.scoresOfToken(random, scores);
          routeToken(routers, scores, bias, experts, gpu, t);
        }
      }
    }
    List<RoutingSample> samples = new ArrayList<>();
    for (int r = 0; r < routers.size(); r++) {
      samples.add(new RoutingSample(routers.get(r).routing(), tokensPerGpu, experts[r]));
    }
    return samples;
  }

  private static void routeToken(List<Router> routers, double[] scores, double[] bias, int[][][] experts,
      int gpu, int token) {
    for (int r = 0; r < routers.size(); r++) {
      int k = routers.get(r).routing().expertsPerToken();
      int[] chosen = new int[k];
      routers.get(r).route(scores, bias, chosen);
      System.arraycopy(chosen, 0, experts[r][gpu], token * k, k);
    }
  }

  private static void routeTokenByDraws(List<Router> routers, double[] uniforms, AffinityModel affinity,
      int[][][] experts, int gpu, int token) {
    for (int r = 0; r < routers.size(); r++) {
      int k = routers.get(r).routing().expertsPerToken();
      int[] chosen = new int[k];
      routers.get(r).routeUniformAffinity(uniforms, affinity, chosen);
      System.arraycopy(chosen, 0, experts[r][gpu], token * k, k);
    }
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
