package org.hourglass.serving;

import org.hourglass.hardware.ClusterFigures;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.AttentionKind;
import org.hourglass.workload.DType;
import org.hourglass.workload.KvCache;

/**
 * Everything a serving plan needs: the model and cluster, the KV cache's dtype and the attention
 * whose cache size it has (as built, or an MHA-, GQA- or MQA-sized what-if), the two deployment
 * units, the traffic and the service levels, and the price of a GPU-hour.
 *
 * @param kvAttention the attention whose KV size the cache has; MLA keeps the model as built
 * @param kvGroups key/value heads for a GQA-sized cache
 * @param prefillTokensPerGpu tokens one prefill GPU takes per step (DeepEP's normal benchmark: 4096)
 */
public record ServingJob(Architecture model, ClusterFigures cluster, DType kvDtype, AttentionKind kvAttention, int kvGroups,
    DeploymentUnit prefill, int prefillTokensPerGpu, DeploymentUnit decode, Traffic traffic, ServiceLevels serviceLevels,
    double usdPerGpuHour, String priceSource) {

  /**
   * The traffic to serve, averaged over a day.
   *
   * @param promptTokens mean prompt length (sets prefill attention's context)
   * @param meanDecodeContext mean KV length behind each output token (Day 6: 4,989)
   * @param cacheHitRate share of input tokens whose KV comes from the prefix cache, not prefill
   */
  public record Traffic(double inputTokensPerDay, double outputTokensPerDay, double promptTokens, double meanDecodeContext,
      double cacheHitRate, String source) {}

  /** What a user must get: output speed per user, and the longest wait for a first token (one prompt's prefill). */
  public record ServiceLevels(double tokensPerSecondPerUser, double ttftSeconds, String source) {}

  /** KV bytes per token of the cache as configured. */
  public double kvBytesPerToken() {
    return kvAttention == AttentionKind.MLA ? KvCache.bytesPerToken(model, kvDtype)
        : KvCache.equivalentBytesPerToken(model, kvAttention, kvGroups, kvDtype);
  }

  /** The same job with another KV cache, for the side-by-side what-ifs. */
  public ServingJob withKv(AttentionKind kind, int groups, DType dtype) {
    return new ServingJob(model, cluster, dtype, kind, groups, prefill, prefillTokensPerGpu, decode, traffic, serviceLevels,
        usdPerGpuHour, priceSource);
  }
}
