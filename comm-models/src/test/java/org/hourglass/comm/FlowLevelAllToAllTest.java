package org.hourglass.comm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hourglass.sim.RandomStreams;
import org.junit.jupiter.api.Test;

/** The two fidelities: on uniform traffic within 5%; on skewed traffic never faster than the closed form. */
class FlowLevelAllToAllTest {
  private static final Fabric FABRIC = Fabric.H800_DEEPSEEK_V3;
  private static final AchievableBandwidth FITTED = new DeepEpCalibration(FABRIC).fit();

  @Test
  void uniformTrafficAgreesWithTheClosedFormWithinFivePercent() {
    DeepEpBenchmark ep64 = new DeepEpBenchmark(DeepEpTable.row(64), FABRIC, 1);
    AllToAllModel model = new AllToAllModel(FABRIC, ep64.routing(), FITTED, 20);
    long closedPs = model.time(ep64.traffic(), AllToAllModel.Phase.DISPATCH).timePs();
    long flowPs = new FlowLevelAllToAll(FABRIC, model, 16).dispatchPs(ep64.traffic());
    assertEquals(1.0, flowPs / (double) closedPs, 0.05, "flow " + flowPs + " ps, closed form " + closedPs + " ps");
  }

  @Test
  void skewedTrafficIsNeverFasterThanItsBusiestPort() {
    MoeRouting routing = MoeRouting.DEEPSEEK_V3;
    RandomStreams streams = new RandomStreams(3);
    AffinityModel skewed = new AffinityModel(256, 8, 1.0, streams.stream("order"));
    RoutingSample sample = RoutingSample.draw(new Router(routing, Router.GroupScore.SUM_OF_TOP_TWO), skewed,
        new double[256], 64, 1024, streams, "skewed");
    AllToAllTraffic traffic = AllToAllTraffic.of(sample, ExpertPlacement.contiguous(256, 64, 8));
    AllToAllModel model = new AllToAllModel(FABRIC, routing, FITTED, 20);
    long closedPs = model.time(traffic, AllToAllModel.Phase.DISPATCH).timePs();
    long flowPs = new FlowLevelAllToAll(FABRIC, model, 16).dispatchPs(traffic);
    assertTrue(flowPs >= closedPs - 1, "flow " + flowPs + " ps beats the busiest port " + closedPs + " ps");
    System.out.printf("skewed (zipf 1.0) dispatch: flow-level %.1f us, closed form %.1f us, ratio %.3f%n",
        flowPs / 1e6, closedPs / 1e6, flowPs / (double) closedPs);
  }
}
