package org.hourglass.comm;

import org.hourglass.sim.RandomStreams;

/**
 * One row of DeepEP's benchmark rebuilt as a traffic matrix: the benchmark's own routing (uniform
 * random scores, groups = nodes scored by their best expert, top-min(nodes, 4) groups, top-8 of 256;
 * intranode: no groups) on contiguous experts, and DeepEP's bandwidth metric over the model's time.
 */
public final class DeepEpBenchmark {
  private final DeepEpTable.Row row;
  private final Fabric fabric;
  private final MoeRouting routing;
  private final AllToAllTraffic traffic;

  public DeepEpBenchmark(DeepEpTable.Row row, Fabric fabric, long seed) {
    this.row = row;
    this.fabric = fabric;
    int nodes = Math.max(1, row.ep() / fabric.gpusPerNode());
    int groups = row.domain() == DeepEpTable.Domain.NVLINK ? 1 : nodes;
    this.routing = new MoeRouting(DeepEpTable.EXPERTS, 8, groups, Math.min(groups, 4), 7168,
        MoeRouting.FP8_WITH_SCALES, MoeRouting.BF16);
    ExpertPlacement placement = ExpertPlacement.contiguous(DeepEpTable.EXPERTS, row.ep(), fabric.gpusPerNode());
    RandomStreams streams = new RandomStreams(seed);
    AffinityModel uniform = new AffinityModel(DeepEpTable.EXPERTS, 8, 0.0, streams.stream("deepep/order"));
    RoutingSample sample = RoutingSample.draw(new Router(routing, Router.GroupScore.MAX), uniform,
        new double[DeepEpTable.EXPERTS], row.ep(), DeepEpTable.TOKENS_PER_GPU, streams, "deepep-ep" + row.ep());
    this.traffic = AllToAllTraffic.of(sample, placement);
  }

  /** DeepEP's GB/s for this row as the model predicts it with {@code achievable} at 24 SMs. */
  public double predictedGBps(AchievableBandwidth achievable, AllToAllModel.Phase phase) {
    AllToAllModel model = new AllToAllModel(fabric, routing, achievable, DeepEpTable.BENCHMARK_SMS);
    return countedBytesPerGpu(model.bytesPerToken(phase)) / model.time(traffic, phase).seconds() / 1e9;
  }

  /** The closed-form time of a phase. */
  public AllToAllTime time(AchievableBandwidth achievable, AllToAllModel.Phase phase) {
    return new AllToAllModel(fabric, routing, achievable, DeepEpTable.BENCHMARK_SMS).time(traffic, phase);
  }

  public DeepEpTable.Row row() {
    return row;
  }

  public AllToAllTraffic traffic() {
    return traffic;
  }

  public MoeRouting routing() {
    return routing;
  }

  private double countedBytesPerGpu(double bytesPerToken) {
    long pairs = 0;
    for (int gpu = 0; gpu < traffic.gpus(); gpu++) {
      pairs += row.domain() == DeepEpTable.Domain.RDMA ? traffic.nodePairs(gpu) : traffic.gpuPairs(gpu);
    }
    return bytesPerToken * pairs / traffic.gpus();
  }
}
