package org.hourglass.serving;

import org.hourglass.hardware.GpuSpec;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.MoeSpec;

/**
 * One decode step of a GPU in a decode unit: every sequence of its batch makes one token. Decode is
 * memory-bound, so each part is the larger of its bytes over the bandwidth DeepSeek's kernel reaches
 * and its FLOPs over that kernel's throughput ({@link ServingHardwareFigures}):
 * <ul>
 *   <li>attention: the projection weights (small-M GEMMs) and the batch's KV cache (FlashMLA), FLOPs
 *       2 x context x heads x (576 + 512) per token per layer (FlashMLA's count, absorbed MLA);
 *   <li>MoE: the weights of every expert a token reaches on this GPU, the expert-token pairs' FLOPs
 *       (DeepGEMM masked layout), and DeepEP's low-latency dispatch and combine;
 *   <li>the output head.
 * </ul>
 * Two micro-batches overlap as in DeepSeek's Day 6 overview: the attention of one half runs while
 * the other half's dispatch, experts and combine do, so a MoE layer takes
 * 2 x max(attention(B/2), experts(B/2) + all-to-all(B/2)).
 */
public final class DecodeStep {
  private final Architecture model;
  private final GpuSpec gpu;
  private final DeploymentUnit unit;
  private final double kvBytesPerTokenPerLayer;

  public DecodeStep(Architecture model, GpuSpec gpu, DeploymentUnit unit, double kvBytesPerToken) {
    this.model = model;
    this.gpu = gpu;
    this.unit = unit;
    this.kvBytesPerTokenPerLayer = kvBytesPerToken / model.layers();
  }

  /** Seconds of one step with {@code batch} sequences on this GPU's attention, each holding {@code context} tokens. */
  public double seconds(double batch, double context) {
    // every MoE layer costs the same, and every dense one: price each kind once, add them in layer order
    double half = batch / 2;
    double moeLayer = model.moe().isEmpty() ? 0
        : 2 * Math.max(attention(half, context), experts(half) + ServingHardwareFigures.lowLatencyAllToAllSeconds(unit.ep(), half));
    double denseLayer = attention(batch, context) + denseFfn(batch);
    double total = 0;
    for (int i = 0; i < model.layers(); i++) {
      total += model.isMoeLayer(i) ? moeLayer : denseLayer;
    }
    return total + head(batch);
  }

  private double attention(double batch, double context) {
    long d = model.hiddenSize();
    int t = unit.attentionTp();
    double weights = (double) model.attention().projectionWeights(d) / t;
    double kv = batch * context * kvBytesPerTokenPerLayer;
    var a = model.attention();
    double dk = a.kvLoraRank() > 0 ? a.kvLoraRank() + a.qkRopeHeadDim() : a.qkHeadDim();
    double dv = a.kvLoraRank() > 0 ? a.kvLoraRank() : a.valueHeadDim();
    double flops = 2 * batch * context * ((double) a.heads() / t) * (dk + dv) + 2 * batch * weights;
    double memory = weights / ServingHardwareFigures.smallGemmBytesPerSecond(gpu) + kv / ServingHardwareFigures.attentionBytesPerSecond(gpu);
    return Math.max(memory, flops / ServingHardwareFigures.attentionFlopsPerSecond(gpu));
  }

  /** The GPU's experts for its share of the unit's expert-token pairs (a shared expert held elsewhere counts as routed). */
  private double experts(double batch) {
    MoeSpec m = model.moe().orElseThrow();
    long perExpert = m.weightsPerExpert(model.hiddenSize());
    double picks = m.expertsPerToken() + (unit.sharedExpertsPerGpu() == 0 ? m.sharedExperts() : 0);
    double pairs = batch * unit.attentionDp() * picks / unit.ep();
    double active = Math.min(unit.routedExpertsPerGpu(), pairs) + unit.sharedExpertsPerGpu();
    double flops = 2.0 * perExpert * (pairs + batch * unit.sharedExpertsPerGpu());
    return Math.max(active * perExpert / ServingHardwareFigures.smallGemmBytesPerSecond(gpu),
        flops / ServingHardwareFigures.smallGemmFlopsPerSecond(gpu));
  }

  private double denseFfn(double batch) {
    double weights = 3.0 * model.hiddenSize() * model.denseIntermediateSize() / unit.attentionTp();
    return Math.max(weights / ServingHardwareFigures.smallGemmBytesPerSecond(gpu),
        2 * batch * weights / ServingHardwareFigures.smallGemmFlopsPerSecond(gpu));
  }

  private double head(double batch) {
    double weights = (double) model.vocabSize() * model.hiddenSize() / unit.attentionTp();
    return Math.max(weights / ServingHardwareFigures.smallGemmBytesPerSecond(gpu),
        2 * batch * weights / ServingHardwareFigures.smallGemmFlopsPerSecond(gpu));
  }
}
