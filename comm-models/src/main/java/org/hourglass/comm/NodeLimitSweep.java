package org.hourglass.comm;

import java.util.ArrayList;
import java.util.List;
import org.hourglass.sim.RandomStreams;

/**
 * The design argument of the DeepSeek-V3 report (s3.2.2) as a computed result: with NVLink
 * {@code r = 160/50 = 3.2} times faster than IB, a token that crosses IB once per node can be
 * forwarded to about r GPUs inside that node before NVLink, not IB, bounds the dispatch. The sweep
 * routes the same tokens with node limits M = 1..nodes (one expert group per node, top-M groups by the
 * sum of their two best scores) and prices dispatch and combine of each with the closed-form model.
 */
public final class NodeLimitSweep {
  private final Fabric fabric;
  private final MoeRouting layer;
  private final AchievableBandwidth achievable;
  private final int communicationSms;

  public NodeLimitSweep(Fabric fabric, MoeRouting layer, AchievableBandwidth achievable, int communicationSms) {
    this.fabric = fabric;
    this.layer = layer;
    this.achievable = achievable;
    this.communicationSms = communicationSms;
  }

  /** One point per node limit, on the same {@code tokensPerGpu} tokens per GPU. */
  public List<Point> run(int ep, List<Integer> nodeLimits, int tokensPerGpu, double skew, long seed) {
    int nodes = Math.max(1, ep / fabric.gpusPerNode());
    List<Router> routers = new ArrayList<>();
    for (int limit : nodeLimits) {
      routers.add(new Router(layer.withGroups(nodes, limit), Router.GroupScore.SUM_OF_TOP_TWO));
    }
    RandomStreams streams = new RandomStreams(seed);
    AffinityModel affinity = new AffinityModel(layer.routedExperts(), layer.expertsPerToken(), skew,
        streams.stream("sweep/order"));
    List<RoutingSample> samples = RoutingSample.drawForEach(routers, affinity, new double[layer.routedExperts()],
        ep, tokensPerGpu, streams, "node-limit-sweep");
    ExpertPlacement placement = ExpertPlacement.contiguous(layer.routedExperts(), ep, fabric.gpusPerNode());
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < nodeLimits.size(); i++) {
      points.add(point(nodeLimits.get(i), routers.get(i).routing(), AllToAllTraffic.of(samples.get(i), placement)));
    }
    return points;
  }

  private Point point(int nodeLimit, MoeRouting routing, AllToAllTraffic traffic) {
    AllToAllModel model = new AllToAllModel(fabric, routing, achievable, communicationSms);
    double nodesPerToken = traffic.meanNodesPerToken();
    return new Point(nodeLimit, nodesPerToken, routing.expertsPerToken() / nodesPerToken,
        traffic.meanGpusPerToken() / nodesPerToken, model.time(traffic, AllToAllModel.Phase.DISPATCH),
        model.time(traffic, AllToAllModel.Phase.COMBINE));
  }

  /**
   * One node limit: nodes a token reaches, experts and GPUs per reached node, and the two phases.
   * IB stops bounding the dispatch once GPUs per node exceed roughly the NVLink/IB ratio.
   */
  public record Point(int nodeLimit, double meanNodesPerToken, double meanExpertsPerNode,
      double meanGpusPerNode, AllToAllTime dispatch, AllToAllTime combine) {}
}
