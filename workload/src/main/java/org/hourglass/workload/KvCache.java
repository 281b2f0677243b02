package org.hourglass.workload;

/**
 * The key/value cache one token leaves behind at inference: values per layer (2 x kv heads x head dim
 * for MHA/GQA/MQA; MLA's latent d_c plus the shared RoPE key, DeepSeek-V2 report 2.1.4) times layers
 * times the cache dtype's bytes. Quantization scales of an FP8 cache are not counted.
 */
public final class KvCache {
  private KvCache() {}

  /** Bytes per token of the model as built (DeepSeek-V3 in BF16: (512 + 64) x 61 x 2 = 70,272). */
  public static long bytesPerToken(Architecture a, DType cache) {
    return a.attention().kvCacheValuesPerLayer() * a.layers() * cache.bytes();
  }

  /**
   * Bytes per token if the model's attention were {@code kind} with the same query heads and head
   * dimensions: MHA keeps a key and a value per head, GQA {@code groups} of them, MQA one.
   */
  public static long equivalentBytesPerToken(Architecture a, AttentionKind kind, int groups, DType cache) {
    Attention at = a.attention();
    long perHead = at.qkHeadDim() + (long) at.valueHeadDim();
    long kvHeads = switch (kind) {
      case MHA -> at.heads();
      case GQA -> groups;
      case MQA -> 1;
      case MLA -> -1;
    };
    if (kind == AttentionKind.MLA) {
      return bytesPerToken(a, cache);
    }
    return kvHeads * perHead * a.layers() * cache.bytes();
  }

  /** Bytes one sequence of {@code contextTokens} holds. */
  public static long bytesPerSequence(Architecture a, DType cache, long contextTokens) {
    return bytesPerToken(a, cache) * contextTokens;
  }

  /**
   * Sequences of {@code contextTokens} whose cache fits in {@code freeBytes}: the HBM left after the
   * weights. An upper bound: no room is kept for activations, the CUDA context or fragmentation.
   */
  public static long sequencesThatFit(Architecture a, DType cache, long contextTokens, double freeBytes) {
    if (freeBytes <= 0) {
      return 0;
    }
    return (long) Math.floor(freeBytes / bytesPerSequence(a, cache, contextTokens));
  }
}
