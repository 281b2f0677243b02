package org.hourglass.validation.reference;

import java.util.List;
import org.hourglass.workload.ModelCatalog;
import org.hourglass.workload.ParameterCounts;

/** DeepSeek-V3's published parameter counts: 671B total, 37B activated per token, 685B in the checkpoint with MTP. */
public final class ParameterCountCase implements ReferenceCase {
  @Override
  public String table() {
    return "Parameter counts";
  }

  @Override
  public String source() {
    return "DeepSeek-V3 report (arXiv 2412.19437) abstract and section 4.2; github deepseek-ai/DeepSeek-V3 README";
  }

  @Override
  public List<Comparison> compare() {
    ParameterCounts p = ParameterCounts.of(ModelCatalog.model("deepseek-v3"));
    return List.of(
        Comparison.of("DeepSeek-V3 total parameters", table(), p.total() / 1e9, 671, "B", source()),
        Comparison.of("DeepSeek-V3 activated parameters per token", table(), p.activated() / 1e9, 37, "B", source()),
        Comparison.of("DeepSeek-V3 checkpoint with MTP", table(), p.checkpointWithMtp() / 1e9, 685, "B", source()));
  }
}
