package org.hourglass.validation.reference;

import java.util.List;
import org.hourglass.workload.ModelCatalog;
import org.hourglass.workload.Recomputation;
import org.hourglass.workload.TrainingFlops;

/**
 * Training FLOPs per token at sequence length 4096 ("Insights into DeepSeek-V3", ISCA 2025, table 2).
 * DeepSeek-V3 is counted GEMM by GEMM; the dense models with Kaplan et al.'s 6(12 L d^2 + V d), the
 * approximation that table uses for them (see {@link TrainingFlops#kaplanDenseEstimate}).
 */
public final class FlopsPerTokenCase implements ReferenceCase {
  @Override
  public String table() {
    return "Training FLOPs per token";
  }

  @Override
  public String source() {
    return "Insights into DeepSeek-V3 (ISCA 2025), training compute per token table";
  }

  @Override
  public List<Comparison> compare() {
    double v3 = TrainingFlops.of(ModelCatalog.model("deepseek-v3"), 4096, Recomputation.NONE).mainModelTotal();
    return List.of(
        Comparison.of("DeepSeek-V3 training FLOPs per token (GEMM count, seq 4096)", table(), v3 / 1e9, 250, "GFLOPs", source()),
        Comparison.of("Qwen-2.5 72B training FLOPs per token (Kaplan convention)", table(),
            TrainingFlops.kaplanDenseEstimate(ModelCatalog.model("qwen-2.5-72b")) / 1e9, 394, "GFLOPs", source()),
        Comparison.of("LLaMA-3.1 405B training FLOPs per token (Kaplan convention)", table(),
            TrainingFlops.kaplanDenseEstimate(ModelCatalog.model("llama-3.1-405b")) / 1e9, 2448, "GFLOPs", source()));
  }
}
