package org.hourglass.comm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.hourglass.sim.RandomStreams;
import org.junit.jupiter.api.Test;

/** Node-limited routing: the limit holds for every token, draws are deterministic, skew skews. */
class RoutingTest {
  @Property(tries = 40)
  void everyTokenRespectsTheNodeLimit(@ForAll @IntRange(min = 1, max = 8) int nodeLimit,
      @ForAll @DoubleRange(min = 0, max = 1.5) double skew, @ForAll @LongRange(min = 0, max = 1000) long seed,
      @ForAll boolean sumOfTopTwo) {
    MoeRouting routing = MoeRouting.DEEPSEEK_V3.withGroups(8, nodeLimit);
    ExpertPlacement placement = ExpertPlacement.contiguous(256, 64, 8);
    RoutingSample sample = sample(routing, sumOfTopTwo ? Router.GroupScore.SUM_OF_TOP_TWO : Router.GroupScore.MAX,
        skew, seed, 64, 16);
    for (int gpu = 0; gpu < 64; gpu++) {
      for (int token = 0; token < 16; token++) {
        Set<Integer> nodes = new HashSet<>();
        Set<Integer> experts = new HashSet<>();
        for (int slot = 0; slot < 8; slot++) {
          int expert = sample.expert(gpu, token, slot);
          experts.add(expert);
          nodes.add(placement.nodeOf(placement.gpuOf(expert, 0)));
        }
        assertEquals(8, experts.size(), "8 distinct experts");
        assertTrue(nodes.size() <= nodeLimit, nodes + " exceeds " + nodeLimit);
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameRouting() {
    long[] a = sample(MoeRouting.DEEPSEEK_V3, Router.GroupScore.SUM_OF_TOP_TWO, 0.5, 7, 16, 64).expertLoads();
    long[] b = sample(MoeRouting.DEEPSEEK_V3, Router.GroupScore.SUM_OF_TOP_TWO, 0.5, 7, 16, 64).expertLoads();
    long[] c = sample(MoeRouting.DEEPSEEK_V3, Router.GroupScore.SUM_OF_TOP_TWO, 0.5, 8, 16, 64).expertLoads();
    assertArrayEquals(a, b);
    assertTrue(!java.util.Arrays.equals(a, c));
  }

  @Test
  void uniformRoutingWithoutLimitSpreadsTokensEvenlyAndSkewConcentratesThem() {
    MoeRouting free = MoeRouting.DEEPSEEK_V3.withGroups(1, 1);
    double uniform = maxOverMean(sample(free, Router.GroupScore.MAX, 0.0, 3, 64, 256).expertLoads());
    double skewed = maxOverMean(sample(free, Router.GroupScore.MAX, 1.0, 3, 64, 256).expertLoads());
    // 16384 tokens x 8 = 512 per expert; Poisson spread over 256 experts keeps the max within ~ +4 sigma.
    assertTrue(uniform < 1 + 4 / Math.sqrt(512), "uniform " + uniform);
    assertTrue(skewed > 5, "zipf(1) " + skewed);
  }

  @Test
  void zipfPopularityIsNormalizedAndUniformAtZero() {
    double[] p = AffinityModel.zipfPopularity(256, 1.0, new RandomStreams(1).stream("o"));
    assertEquals(1.0, java.util.Arrays.stream(p).sum(), 1e-12);
    double[] flat = AffinityModel.zipfPopularity(256, 0.0, new RandomStreams(1).stream("o"));
    for (double v : flat) {
      assertEquals(1.0 / 256, v, 1e-15);
    }
  }

  @Test
  void redundantExpertsLowerTheBusiestGpuAndStayInTheirNode() {
    MoeRouting free = MoeRouting.DEEPSEEK_V3.withGroups(1, 1);
    long[] loads = sample(free, Router.GroupScore.MAX, 0.6, 5, 32, 128).expertLoads();
    ExpertPlacement base = ExpertPlacement.contiguous(256, 32, 8);
    ExpertPlacement redundant = base.withRedundantExperts(loads, 32);
    assertTrue(maxOverMean(redundant.gpuLoads(loads)) < maxOverMean(base.gpuLoads(loads)));
    assertEquals(java.util.Arrays.stream(base.gpuLoads(loads)).sum(),
        java.util.Arrays.stream(redundant.gpuLoads(loads)).sum(), 1e-6);
    int copies = 0;
    for (int e = 0; e < 256; e++) {
      copies += redundant.copiesOf(e);
      for (int t = 0; t < redundant.copiesOf(e); t++) {
        assertEquals(base.nodeOf(base.gpuOf(e, 0)), redundant.nodeOf(redundant.gpuOf(e, t)));
      }
    }
    assertEquals(256 + 32, copies);
  }

  static RoutingSample sample(MoeRouting routing, Router.GroupScore rule, double skew, long seed, int gpus,
      int tokens) {
    RandomStreams streams = new RandomStreams(seed);
    AffinityModel affinity = new AffinityModel(routing.routedExperts(), routing.expertsPerToken(), skew,
        streams.stream("order"));
    return RoutingSample.draw(new Router(routing, rule), affinity, new double[routing.routedExperts()], gpus, tokens,
        streams, "test");
  }

  static double maxOverMean(long[] loads) {
    return maxOverMean(java.util.Arrays.stream(loads).asDoubleStream().toArray());
  }

  static double maxOverMean(double[] loads) {
    double max = java.util.Arrays.stream(loads).max().orElseThrow();
    return max / java.util.Arrays.stream(loads).average().orElseThrow();
  }
}
