package org.hourglass.workload;

import org.hourglass.hardware.SpecNode;
import org.hourglass.sim.InvalidInputException;

/**
 * The attention of one layer. For MHA/GQA/MQA the head dimension is shared by queries, keys and
 * values; for MLA (DeepSeek-V2 report, section 2.1) queries and keys are the concatenation of a no-RoPE
 * part rebuilt from a latent and a RoPE part, and values have their own head dimension.
 *
 * @param kind MHA, GQA, MQA or MLA
 * @param heads query heads
 * @param kvHeads key/value heads (MHA: = heads; MQA: 1; unused for MLA)
 * @param headDim per-head dimension for MHA/GQA/MQA (unused for MLA)
 * @param qLoraRank MLA query compression rank d_c' (0: queries projected directly)
 * @param kvLoraRank MLA key/value compression rank d_c
 * @param qkNopeHeadDim MLA per-head query/key dimension without RoPE
 * @param qkRopeHeadDim MLA per-head RoPE dimension (the RoPE key is shared by all heads)
 * @param vHeadDim MLA per-head value dimension
 * @param qkvBias whether the q, k and v projections carry a bias (Qwen-2.5)
 */
public record Attention(
    AttentionKind kind,
    int heads,
    int kvHeads,
    int headDim,
    int qLoraRank,
    int kvLoraRank,
    int qkNopeHeadDim,
    int qkRopeHeadDim,
    int vHeadDim,
    boolean qkvBias) {

  /** Reads the {@code attention} mapping of a model file. */
  public static Attention read(SpecNode n) {
    AttentionKind kind = AttentionKind.parse(n.text("kind"), n.fieldPath("kind"));
    int heads = n.positiveInt("heads");
    boolean bias = n.has("qkvBias") && n.bool("qkvBias");
    if (kind == AttentionKind.MLA) {
      return new Attention(kind, heads, heads, 0, n.nonNegativeInt("qLoraRank"), n.positiveInt("kvLoraRank"),
          n.positiveInt("qkNopeHeadDim"), n.positiveInt("qkRopeHeadDim"), n.positiveInt("vHeadDim"), bias);
    }
    int kvHeads = switch (kind) {
      case MHA -> heads;
      case MQA -> 1;
      default -> n.positiveInt("kvHeads");
    };
    if (heads % kvHeads != 0) {
      throw new InvalidInputException(n.fieldPath("kvHeads"), "must divide heads (" + heads + "), got " + kvHeads);
    }
    return new Attention(kind, heads, kvHeads, n.positiveInt("headDim"), 0, 0, 0, 0, 0, bias);
  }

  /** Per-head query/key dimension: no-RoPE plus RoPE for MLA, the head dimension otherwise. */
  public int qkHeadDim() {
    return kind == AttentionKind.MLA ? qkNopeHeadDim + qkRopeHeadDim : headDim;
  }

  /** Per-head value dimension. */
  public int valueHeadDim() {
    return kind == AttentionKind.MLA ? vHeadDim : headDim;
  }

  /** Weights of every projection matrix of the layer (the GEMMs), for hidden size {@code d}. */
  public long projectionWeights(long d) {
    if (kind != AttentionKind.MLA) {
      return d * heads * headDim * 2L + d * kvHeads * headDim * 2L;
    }
    long query = qLoraRank > 0 ? d * qLoraRank : d * heads * (long) qkHeadDim();
    long kvDown = d * (kvLoraRank + (long) qkRopeHeadDim);
    long out = (long) heads * vHeadDim * d;
    return query + kvDown + upProjectionWeights() + out;
  }

  /**
   * MLA's up-projections: the latent-to-query matrix (W^UQ with W^QR) and the latent-to-key/value
   * matrix (W^UK with W^UV). DeepSeek-V3 recomputes these in the backward pass (report, 3.3.3). Zero
   * for the other kinds.
   */
  public long upProjectionWeights() {
    if (kind != AttentionKind.MLA) {
      return 0;
    }
    long queryUp = qLoraRank > 0 ? (long) qLoraRank * heads * qkHeadDim() : 0;
    return queryUp + (long) kvLoraRank * heads * (qkNopeHeadDim + (long) vHeadDim);
  }

  /** Parameters that are not GEMM weights: MLA's latent RMSNorm gains and q/k/v biases. */
  public long otherParameters() {
    long norms = kind == AttentionKind.MLA ? qLoraRank + (long) kvLoraRank : 0;
    long bias = qkvBias ? (long) (heads + 2 * kvHeads) * headDim : 0;
    return norms + bias;
  }

  /** Values one token leaves in the KV cache of one layer: 2 x kv heads x head dim, or MLA's latent plus RoPE key. */
  public long kvCacheValuesPerLayer() {
    return kind == AttentionKind.MLA ? kvLoraRank + (long) qkRopeHeadDim : 2L * kvHeads * headDim;
  }

  /**
   * Forward FLOPs of the attention core for one token under a causal mask over a sequence of
   * {@code seqLen}: position i attends to i+1 keys, (s+1)/2 on average; QK^T costs 2 h d_qk FLOPs per key
   * and PV 2 h d_v, so h (d_qk + d_v) (s + 1).
   */
  public double coreForwardFlopsPerToken(int seqLen) {
    return (double) heads * (qkHeadDim() + valueHeadDim()) * (seqLen + 1.0);
  }
}
