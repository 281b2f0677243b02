package org.hourglass.serving;

import org.hourglass.hardware.ClusterFigures;
import org.hourglass.parallelism.costs.ComputeCosts;
import org.hourglass.parallelism.costs.ExpertTraffic;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.MoeSpec;

/**
 * Prefill on one GPU of a prefill unit: compute-bound, as in training's forward. Linear layers run
 * at the efficiency the DeepGEMM-calibrated GEMM model gives the unit's expert GEMM shape
 * ({@code tokens} x hidden x expert width); the attention core is priced by the training model's
 * FlashAttention-3 utilisation at the prompt's causal mean context (half the prompt). The expert
 * all-to-all uses DeepEP's normal kernels at the RDMA fraction fitted on its table, each token to
 * the unit's other nodes it reaches (node-limited routing, at most 4), FP8 out and BF16 back; two
 * micro-batches overlap it with compute (DeepSeek-V3 report s3.4.1), so a step takes the larger.
 */
public final class PrefillStep {
  private final Architecture model;
  private final ClusterFigures cluster;
  private final DeploymentUnit unit;
  private final ComputeCosts compute;
  private final java.util.Map<Long, Double> efficiencyByRows = new java.util.concurrent.ConcurrentHashMap<>();
  private final double linearFlopsPerToken;
  private final double peakFlopsPerSecond;

  public PrefillStep(Architecture model, ClusterFigures cluster, DeploymentUnit unit, ComputeCosts compute) {
    this.model = model;
    this.cluster = cluster;
    this.unit = unit;
    this.compute = compute;
    this.linearFlopsPerToken = linearFlopsPerToken(model);
    this.peakFlopsPerSecond = cluster.gpu().hasFp8() ? cluster.gpu().fp8FlopsPerSecond().value() : cluster.gpu().bf16FlopsPerSecond().value();
  }

  /** FLOPs of every linear layer one token runs through: projections, the experts it picks and the shared ones, the head. */
  private static double linearFlopsPerToken(Architecture model) {
    long d = model.hiddenSize();
    MoeSpec m = model.moe().orElseThrow();
    double flops = 0;
    for (int i = 0; i < model.layers(); i++) {
      flops += 2.0 * model.attention().projectionWeights(d);
      flops += model.isMoeLayer(i)
          ? 2.0 * (m.expertsPerToken() + m.sharedExperts()) * m.weightsPerExpert(d) : 6.0 * d * model.denseIntermediateSize();
    }
    return flops + 2.0 * model.vocabSize() * d;
  }

  /** Seconds for this GPU to prefill {@code tokens} tokens of prompts {@code promptTokens} long. */
  public double seconds(long tokens, double promptTokens) {
    return Math.max(computeSeconds(tokens, promptTokens), allToAllSeconds(tokens));
  }

  /** Input tokens per second this GPU prefills. */
  public double tokensPerSecond(long tokens, double promptTokens) {
    return tokens / seconds(tokens, promptTokens);
  }

  double computeSeconds(long tokens, double promptTokens) {
    double linear = tokens * linearFlopsPerToken / (peakFlopsPerSecond * gemmEfficiency(tokens));
    var a = model.attention();
    double attention = model.layers()
        * compute.attentionSeconds(a.heads(), a.qkHeadDim(), a.valueHeadDim(), tokens, promptTokens / 2, false);
    return linear + attention;
  }

  /** The calibrated GEMM model's efficiency at this unit's expert GEMM: rows per expert x hidden x expert width. */
  double gemmEfficiency(long tokens) {
    MoeSpec m = model.moe().orElseThrow();
    long exact = Math.max(128, tokens * m.expertsPerToken() * unit.attentionDp() / Math.max(1, (long) unit.ep() * unit.routedExpertsPerGpu()));
    long rows = (exact + 127) / 128 * 128; // whole 128-row tiles, as the kernel computes them
    return efficiencyByRows.computeIfAbsent(rows, r -> {
      long n = model.hiddenSize();
      long k = m.expertIntermediateSize();
      double seconds = compute.gemmSeconds(r, n, k, cluster.gpu().hasFp8());
      return 2.0 * r * n * k / (seconds * peakFlopsPerSecond);
    });
  }

  double allToAllSeconds(long tokens) {
    int nodes = Math.max(1, unit.ep() / cluster.gpusPerNvlinkDomain());
    if (nodes == 1) {
      return 0; // the unit's experts sit on one NVLink domain; NVLink traffic hides under compute
    }
    double reached = Math.min(4, nodes);
    double remote = reached * (nodes - 1.0) / nodes;
    double bytesPerToken = remote * model.hiddenSize() * (1 + 2);
    double rdma = cluster.ibBytesPerSecond() * ExpertTraffic.deepEpFractions().rdmaFraction();
    return tokens * bytesPerToken / rdma;
  }
}
