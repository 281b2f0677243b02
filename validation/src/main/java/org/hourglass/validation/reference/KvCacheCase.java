package org.hourglass.validation.reference;

import java.util.List;
import org.hourglass.workload.DType;
import org.hourglass.workload.KvCache;
import org.hourglass.workload.ModelCatalog;

/** KV cache per token in BF16, DeepSeek's comparison of MLA with GQA models ("Insights into DeepSeek-V3", ISCA 2025, table 1). */
public final class KvCacheCase implements ReferenceCase {
  @Override
  public String table() {
    return "KV cache per token";
  }

  @Override
  public String source() {
    return "Insights into DeepSeek-V3 (ISCA 2025), KV cache per token table (KB = 1000 bytes)";
  }

  @Override
  public List<Comparison> compare() {
    return List.of(row("DeepSeek-V3 (MLA)", "deepseek-v3", 70_272), row("Qwen-2.5 72B (GQA)", "qwen-2.5-72b", 327_680),
        row("LLaMA-3.1 405B (GQA)", "llama-3.1-405b", 516_096));
  }

  private Comparison row(String label, String model, double publishedBytes) {
    double predicted = KvCache.bytesPerToken(ModelCatalog.model(model), DType.BF16);
    return Comparison.of(label + " KV cache per token, BF16", table(), predicted, publishedBytes, "bytes", source());
  }
}
