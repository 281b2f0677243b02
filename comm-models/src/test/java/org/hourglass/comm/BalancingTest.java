package org.hourglass.comm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hourglass.sim.RandomStreams;
import org.junit.jupiter.api.Test;

/** Auxiliary-loss-free balancing drives the imbalance from the skew's level down to the sampling-noise floor. */
class BalancingTest {
  private static final int TOKENS_PER_GPU = 32;

  @Test
  void biasUpdatesDriveImbalanceDownToTheNoiseFloorAndWithoutThemItStays() {
    BalancingCurve balanced = run(0.01, 100);
    BalancingCurve unbalanced = run(0.0, 20);
    double perGpu = TOKENS_PER_GPU * 8.0;
    double noiseFloor = 1 + 4 / Math.sqrt(perGpu);
    assertTrue(balanced.imbalance(0) > 2, "skew 0.5 starts unbalanced: " + balanced.imbalance(0));
    assertTrue(balanced.settledImbalance() < noiseFloor, "settled " + balanced.settledImbalance());
    assertTrue(balanced.meanImbalance(0, 10) > balanced.meanImbalance(40, 50));
    assertTrue(unbalanced.settledImbalance() > 2, "no bias, no balance: " + unbalanced.settledImbalance());
  }

  @Test
  void perGpuLoadsAddUpToEveryTokenTimesK() {
    BalancingCurve curve = run(0.01, 3);
    double total = java.util.Arrays.stream(curve.gpuLoads(2)).sum();
    assertEquals(64.0 * TOKENS_PER_GPU * 8, total, 1e-9);
    assertEquals(64, curve.gpuLoads(0).length);
  }

  private static BalancingCurve run(double gamma, int steps) {
    RandomStreams streams = new RandomStreams(11);
    MoeRouting routing = MoeRouting.DEEPSEEK_V3;
    AffinityModel affinity = new AffinityModel(256, 8, 0.5, streams.stream("order"));
    Router router = new Router(routing, Router.GroupScore.SUM_OF_TOP_TWO);
    return new AuxLossFreeBalancer(router, affinity, ExpertPlacement.contiguous(256, 64, 8), gamma, TOKENS_PER_GPU,
        streams).run(steps);
  }
}
