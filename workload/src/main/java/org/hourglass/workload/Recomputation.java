package org.hourglass.workload;

import java.util.Locale;
import org.hourglass.sim.InvalidInputException;

/**
 * What the backward pass recomputes instead of keeping from the forward pass. DeepSeek-V3 recomputes
 * every RMSNorm and the MLA up-projections, and caches the MoE SwiGLU inputs to recompute its output
 * (report, section 3.3.3 and 3.3.2); FlashAttention recomputes the attention scores QK^T (Dao et al.
 * 2022); full recomputation reruns every block's forward from its input.
 *
 * @param norms RMSNorm outputs rebuilt from their inputs (no GEMM FLOPs)
 * @param mlaUpProjections MLA's latent-to-q/k/v GEMMs rerun (their forward FLOPs once more)
 * @param swiGlu SwiGLU outputs rebuilt from the cached gate and up outputs (no GEMM FLOPs)
 * @param attentionScores QK^T rerun in the attention backward (half the core's forward FLOPs)
 * @param fullBlocks every block rerun from its input
 */
public record Recomputation(boolean norms, boolean mlaUpProjections, boolean swiGlu, boolean attentionScores, boolean fullBlocks) {
  /** Keep everything. */
  public static final Recomputation NONE = new Recomputation(false, false, false, false, false);
  /** DeepSeek-V3's choices as the report states them. */
  public static final Recomputation DEEPSEEK_V3 = new Recomputation(true, true, true, false, false);
  /** Rerun every block. */
  public static final Recomputation FULL = new Recomputation(true, true, true, true, true);

  /** Parses {@code none}, {@code deepseek-v3} or {@code full}. */
  public static Recomputation parse(String text, String field) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "none" -> NONE;
      case "deepseek-v3", "selective" -> DEEPSEEK_V3;
      case "full" -> FULL;
      default -> throw new InvalidInputException(field, "unknown recomputation '" + text + "' (none, deepseek-v3, full)");
    };
  }

  /** The spelling {@link #parse} accepts, or a description for a custom mix. */
  public String spelling() {
    if (equals(NONE)) {
      return "none";
    }
    if (equals(DEEPSEEK_V3)) {
      return "deepseek-v3";
    }
    return equals(FULL) ? "full" : toString();
  }
}
