package org.hourglass.workload;

import java.util.EnumMap;
import java.util.Map;

/**
 * Training FLOPs per token, by part, forward and backward separately.
 *
 * <p>Counting convention (the one that reproduces DeepSeek's per-token figures for its MoE models,
 * "Insights into DeepSeek-V3", ISCA 2025, table 2: about 250 GFLOPs for V3 and 155 for V2, at sequence
 * length 4096):
 * <ul>
 *   <li>Only matrix products count, 2 FLOPs per multiply-add. Norms, activations, softmax, RoPE and
 *       residual adds are left out (they are O(d) per token, under 0.1% here).</li>
 *   <li>Every GEMM a token passes through counts at 2 x its weights forward: attention projections
 *       (MLA's down- and up-projections included), the dense SwiGLU, the shared experts and the k routed
 *       experts a token is sent to, the router, and the output head. The input embedding is a lookup
 *       and costs nothing.</li>
 *   <li>The attention core counts QK^T and PV under the causal mask: a token at position i meets i+1
 *       keys, so h (d_qk + d_v) (s + 1) FLOPs forward (see {@link Attention#coreForwardFlopsPerToken}).</li>
 *   <li>Backward is 2 x forward for every part: a GEMM's data gradient and weight gradient each cost
 *       one forward GEMM; the attention core's backward is four products (dV, dP, dQ, dK) against two.</li>
 *   <li>Recomputation adds the forward FLOPs of what is rerun to the backward pass; DeepSeek's figures
 *       are model FLOPs, so they compare against {@link Recomputation#NONE}.</li>
 *   <li>MTP modules are reported as their own part and left out of {@link #mainModelTotal()}.</li>
 * </ul>
 * For dense models DeepSeek's table instead follows Kaplan et al. (2020, "Scaling Laws for Neural
 * Language Models", section 2.1): {@code 6 (12 L d^2 + V d)}, see {@link #kaplanDenseEstimate}. That
 * approximation ignores gated FFN widths, GQA and the attention core; it reproduces the 394 (Qwen-2.5
 * 72B) and 2448 (Llama-3.1 405B) figures, while the exact count above gives 2473 for Llama (1.0% above)
 * and about 445 for Qwen-2.5 72B, whose real FFN is 3.6 d wide and SwiGLU (13% above).
 */
public final class TrainingFlops {
  private final Map<FlopPart, Double> forward;
  private final Map<FlopPart, Double> backward;
  private final int sequenceLength;
  private final Recomputation recomputation;

  private TrainingFlops(Map<FlopPart, Double> forward, Map<FlopPart, Double> backward, int seqLen, Recomputation r) {
    this.forward = forward;
    this.backward = backward;
    this.sequenceLength = seqLen;
    this.recomputation = r;
  }

  /** The FLOPs per token of training {@code a} on sequences of {@code seqLen} with recomputation {@code r}. */
  public static TrainingFlops of(Architecture a, int seqLen, Recomputation r) {
    Map<FlopPart, Double> fwd = mainModelForward(a, seqLen);
    double mtpBlockFwd = blockForwardTotal(a, seqLen);
    double d = a.hiddenSize();
    fwd.put(FlopPart.MTP, a.mtpDepth() * (2 * 2 * d * d + mtpBlockFwd + fwd.get(FlopPart.OUTPUT_HEAD)));
    Map<FlopPart, Double> bwd = new EnumMap<>(FlopPart.class);
    fwd.forEach((part, f) -> bwd.put(part, 2 * f));
    addRecomputation(a, seqLen, r, fwd, bwd);
    return new TrainingFlops(fwd, bwd, seqLen, r);
  }

  private static Map<FlopPart, Double> mainModelForward(Architecture a, int seqLen) {
    double d = a.hiddenSize();
    int moeLayers = a.moeLayers();
    Map<FlopPart, Double> f = new EnumMap<>(FlopPart.class);
    f.put(FlopPart.ATTENTION_PROJECTIONS, 2.0 * a.attention().projectionWeights(a.hiddenSize()) * a.layers());
    f.put(FlopPart.ATTENTION_CORE, a.attention().coreForwardFlopsPerToken(seqLen) * a.layers());
    f.put(FlopPart.DENSE_FFN, 2 * 3 * d * a.denseIntermediateSize() * a.denseLayers());
    f.put(FlopPart.ROUTED_EXPERTS, a.moe().map(m -> 2.0 * m.expertsPerToken() * m.weightsPerExpert(a.hiddenSize()) * moeLayers).orElse(0.0));
    f.put(FlopPart.SHARED_EXPERTS, a.moe().map(m -> 2.0 * m.sharedExperts() * m.weightsPerExpert(a.hiddenSize()) * moeLayers).orElse(0.0));
    f.put(FlopPart.ROUTER, a.moe().map(m -> 2.0 * m.routerWeights(a.hiddenSize()) * moeLayers).orElse(0.0));
    f.put(FlopPart.OUTPUT_HEAD, 2 * d * a.vocabSize());
    return f;
  }

  /** Forward FLOPs of one block of the kind the last layer is (what an MTP module holds). */
  private static double blockForwardTotal(Architecture a, int seqLen) {
    double d = a.hiddenSize();
    double attention = 2.0 * a.attention().projectionWeights(a.hiddenSize()) + a.attention().coreForwardFlopsPerToken(seqLen);
    double ffn = a.moe().map(m -> 2.0 * (m.expertsPerToken() + m.sharedExperts()) * m.weightsPerExpert(a.hiddenSize())
        + 2.0 * m.routerWeights(a.hiddenSize())).orElse(2 * 3 * d * a.denseIntermediateSize());
    return attention + ffn;
  }

  private static void addRecomputation(Architecture a, int s, Recomputation r, Map<FlopPart, Double> fwd, Map<FlopPart, Double> bwd) {
    if (r.fullBlocks()) {
      for (FlopPart p : FlopPart.values()) {
        if (p != FlopPart.OUTPUT_HEAD && p != FlopPart.MTP) {
          bwd.merge(p, fwd.get(p), Double::sum);
        }
      }
      bwd.merge(FlopPart.MTP, a.mtpDepth() * blockForwardTotal(a, s), Double::sum);
      return;
    }
    int blocks = a.layers() + a.mtpDepth();
    if (r.mlaUpProjections()) {
      double perBlock = 2.0 * a.attention().upProjectionWeights();
      bwd.merge(FlopPart.ATTENTION_PROJECTIONS, perBlock * a.layers(), Double::sum);
      bwd.merge(FlopPart.MTP, perBlock * a.mtpDepth(), Double::sum);
    }
    if (r.attentionScores()) {
      double perBlock = a.attention().coreForwardFlopsPerToken(s) * a.attention().qkHeadDim()
          / (a.attention().qkHeadDim() + a.attention().valueHeadDim());
      bwd.merge(FlopPart.ATTENTION_CORE, perBlock * a.layers(), Double::sum);
      bwd.merge(FlopPart.MTP, perBlock * (blocks - a.layers()), Double::sum);
    }
  }

  /**
   * Kaplan et al.'s dense approximation, 6 (12 L d^2 + V d) FLOPs per token: 12 L d^2 is the
   * non-embedding count of a block with d_attn = d and a non-gated 4d FFN (Kaplan 2020, table 1), and
   * V d the output head. DeepSeek's ISCA 2025 table 2 uses it for its dense comparison models.
   */
  public static double kaplanDenseEstimate(Architecture a) {
    double d = a.hiddenSize();
    return 6 * (12 * a.layers() * d * d + (double) a.vocabSize() * d);
  }

  /** Forward FLOPs per token of one part. */
  public double forward(FlopPart part) {
    return forward.get(part);
  }

  /** Backward FLOPs per token of one part, recomputation included. */
  public double backward(FlopPart part) {
    return backward.get(part);
  }

  /** Forward FLOPs per token, MTP included. */
  public double forwardTotal() {
    return forward.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** Backward FLOPs per token, recomputation and MTP included. */
  public double backwardTotal() {
    return backward.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** Forward plus backward per token, MTP included: what the GPUs execute. */
  public double total() {
    return forwardTotal() + backwardTotal();
  }

  /** Forward plus backward per token of the main model alone, without MTP (DeepSeek's convention). */
  public double mainModelTotal() {
    return total() - forward(FlopPart.MTP) - backward(FlopPart.MTP);
  }

  /** The sequence length the attention core was counted at. */
  public int sequenceLength() {
    return sequenceLength;
  }

  /** The recomputation counted in the backward pass. */
  public Recomputation recomputation() {
    return recomputation;
  }
}
