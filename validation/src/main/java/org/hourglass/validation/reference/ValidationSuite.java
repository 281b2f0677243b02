package org.hourglass.validation.reference;

import java.util.List;

/**
 * Every published table Hourglass is checked against. Tables whose models are still being written are
 * pending cases naming their module; each becomes one {@link ReferenceCase} class when it lands.
 *
 * <p>Held-out training runs (other public runs with published GPU-hours or MFU, each with the scenario
 * file describing it) are the extension point for trust beyond DeepSeek-V3: each is one ReferenceCase
 * that plans its scenario and compares GPU-hours; none is recorded yet, and none is invented here.
 */
public final class ValidationSuite {
  private ValidationSuite() {}

  /** The cases, in report order. */
  public static List<ReferenceCase> cases() {
    return List.of(
        new PendingCase("DeepSeek-V3 GPU-hour table", "scenarios",
            "DeepSeek-V3 report (arXiv 2412.19437) table 1: 2,664K pre-training, 119K context extension, 5K post-training H800 GPU-hours"),
        new DualPipeBubbleCase(),
        new PendingCase("DeepEP bandwidth table", "comm-models", "github deepseek-ai/DeepEP docs/legacy.md (profiles/published/deepep-h800.csv)"),
        new PendingCase("DeepGEMM TFLOPS table", "fp8-costs", "github deepseek-ai/DeepGEMM README (profiles/published/deepgemm-h800.csv)"),
        new KvCacheCase(),
        new FlopsPerTokenCase(),
        new ParameterCountCase(),
        new PendingCase("Held-out public training runs", "scenarios (no held-out scenario files recorded yet)",
            "extension point: one ReferenceCase per public run with published GPU-hours or MFU and its scenario file"));
  }

  /** Every comparison of every case. */
  public static List<Comparison> run() {
    return cases().stream().flatMap(c -> c.compare().stream()).toList();
  }
}
