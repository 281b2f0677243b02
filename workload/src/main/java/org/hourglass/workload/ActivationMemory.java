package org.hourglass.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * The tensors one block keeps per token from its forward pass for its backward pass, after the chosen
 * recomputation, in the spirit of Korthikanti et al. 2022 ("Reducing Activation Recomputation in Large
 * Transformer Models", section 4) and with DeepSeek-V3's caching rules (report, 3.3.2-3.3.3).
 *
 * <p>Assumptions, each explicit:
 * <ul>
 *   <li>Every GEMM keeps its input for the weight gradient, in the GEMM format; FP8 adds one FP32 scale
 *       per 1x128 tile (4/128 bytes per value, report 3.3.1). Residual-stream inputs stay BF16.</li>
 *   <li>Recomputed norms keep only their input; recomputed MLA up-projections keep only the latents;
 *       a recomputed SwiGLU keeps its two inputs, in the GEMM format (DeepSeek caches them in FP8).</li>
 *   <li>The attention core is fused (FlashAttention): it keeps Q, K, V, its output and one FP32
 *       log-sum-exp per head, never the s x s scores.</li>
 *   <li>A routed expert sees k copies of each token on average (balanced routing), so a GPU keeps
 *       k x tokens of expert inputs whatever the EP degree.</li>
 *   <li>Dropout is absent (none of these models uses it). Tensor parallelism with sequence
 *       parallelism divides everything by tp.</li>
 * </ul>
 */
public final class ActivationMemory {
  /** One kept tensor: what it is and its bytes per token. */
  public record SavedTensor(String name, double bytesPerToken) {}

  private static final double FP32_SCALE_PER_128 = 4.0 / 128;

  private ActivationMemory() {}

  /** Bytes per token one block of kind {@code moeBlock} keeps, summed. */
  public static double bytesPerToken(Architecture a, boolean moeBlock, Precision p, Recomputation r) {
    return savedTensors(a, moeBlock, p, r).stream().mapToDouble(SavedTensor::bytesPerToken).sum();
  }

  /** The tensors one block keeps per token, itemized. Under full recomputation only its input. */
  public static List<SavedTensor> savedTensors(Architecture a, boolean moeBlock, Precision p, Recomputation r) {
    List<SavedTensor> out = new ArrayList<>();
    out.add(new SavedTensor("block input (residual, bf16)", 2.0 * a.hiddenSize()));
    if (r.fullBlocks()) {
      return out;
    }
    addAttention(out, a, p, r);
    addFfn(out, a, moeBlock, p, r);
    return out;
  }

  private static void addAttention(List<SavedTensor> out, Architecture a, Precision p, Recomputation r) {
    Attention at = a.attention();
    double gemm = gemmBytes(p);
    double attn = p.attention().bytes();
    normOutput(out, "attention norm output", a.hiddenSize(), gemm, r);
    if (at.kind() == AttentionKind.MLA) {
      out.add(new SavedTensor("MLA latents before their norms (bf16)", 2.0 * (at.qLoraRank() + at.kvLoraRank() + at.qkRopeHeadDim())));
      normOutput(out, "MLA normed latents", at.qLoraRank() + at.kvLoraRank(), gemm, r);
      if (!r.mlaUpProjections()) {
        out.add(new SavedTensor("Q, K, V from the up-projections", attn * at.heads() * (2.0 * at.qkHeadDim() + at.valueHeadDim())));
      }
    } else {
      out.add(new SavedTensor("Q, K, V", attn * at.headDim() * (at.heads() + 2.0 * at.kvHeads())));
    }
    out.add(new SavedTensor("attention output and log-sum-exp", attn * at.heads() * at.valueHeadDim() + 4.0 * at.heads()));
    if (gemm != attn) {
      // in FP8 the output projection keeps its own quantized copy; in BF16 it is the same tensor
      out.add(new SavedTensor("output projection input (FP8 copy)", gemm * at.heads() * at.valueHeadDim()));
    }
  }

  private static void addFfn(List<SavedTensor> out, Architecture a, boolean moeBlock, Precision p, Recomputation r) {
    double gemm = gemmBytes(p);
    out.add(new SavedTensor("block middle (residual, bf16)", 2.0 * a.hiddenSize()));
    normOutput(out, "FFN norm output", a.hiddenSize(), gemm, r);
    if (!moeBlock) {
      out.add(new SavedTensor("dense SwiGLU", swiGluBytes(a.denseIntermediateSize(), p, r)));
      return;
    }
    MoeSpec m = a.moe().orElseThrow();
    out.add(new SavedTensor("router probabilities (fp32)", 4.0 * m.routedExperts()));
    double routedPerCopy = gemm * a.hiddenSize() + swiGluBytes(m.expertIntermediateSize(), p, r);
    out.add(new SavedTensor("routed experts (k copies of the token)", m.expertsPerToken() * routedPerCopy));
    out.add(new SavedTensor("shared experts", m.sharedExperts() * swiGluBytes(m.expertIntermediateSize(), p, r)));
  }

  private static void normOutput(List<SavedTensor> out, String name, double width, double gemm, Recomputation r) {
    if (!r.norms()) {
      out.add(new SavedTensor(name + " (GEMM input)", gemm * width));
    }
  }

  /** A SwiGLU of width i keeps its gate and up outputs and, unless recomputed, its output (the down GEMM's input). */
  private static double swiGluBytes(int width, Precision p, Recomputation r) {
    double gemm = gemmBytes(p);
    double inputs = (r.swiGlu() ? gemm : 2.0) * 2 * width;
    return inputs + (r.swiGlu() ? 0 : gemm * width);
  }

  /** Bytes per value of a cached GEMM input: FP8 plus its 1x128 FP32 scale, or the format's size. */
  static double gemmBytes(Precision p) {
    return p.gemm() == DType.FP8 ? 1 + FP32_SCALE_PER_128 : p.gemm().bytes();
  }
}
