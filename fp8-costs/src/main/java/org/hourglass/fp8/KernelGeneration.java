package org.hourglass.fp8;

import java.util.Locale;
import org.hourglass.sim.InvalidInputException;

/**
 * Which generation of FP8 GEMM kernels a run used. The GEMM calibrations are DeepGEMM's 2025 H800
 * tables. DeepSeek-V3 was trained in 2024, before DeepGEMM was published (February 2025), with the
 * internal CUTLASS 3.6-based kernels DeepGEMM measures itself against; their time is DeepGEMM's
 * times DeepGEMM's own published speedup over them, per kernel class:
 * <ul>
 *   <li>dense forward/dgrad GEMMs at training's M = 4096: 1.083, the mean of the six M = 4096 rows'
 *       speedups (1.1, 1.0, 1.0, 1.2, 1.1, 1.1) in DeepGEMM's README of February 2025;</li>
 *   <li>grouped GEMMs, contiguous layout: 1.175, the mean of that README's four rows (1.2, 1.2, 1.2,
 *       1.1);</li>
 *   <li>weight gradients: 1.2, pull request #95's "~20% speedup compared to the internal CUTLASS
 *       implementation".</li>
 * </ul>
 * The speedup is applied to the main loop (the tensor fraction): the rows it comes from are
 * compute-bound. That the internal inference kernels DeepGEMM compares with are the ones V3 trained
 * with is an assumption; the report names no kernel.
 */
public enum KernelGeneration {
  DEEPGEMM_2025("deepgemm-2025", 1.0, 1.0, 1.0),
  CUTLASS_2024("cutlass-2024", 6.5 / 6, 4.7 / 4, 1.2);

  private static final String SOURCE = "DeepGEMM README (Feb 2025) speedup column, M = 4096 and contiguous grouped rows;"
      + " DeepGEMM PR #95 (wgrad ~20%)";

  private final String cliName;
  private final double denseSpeedup;
  private final double groupedSpeedup;
  private final double weightGradientSpeedup;

  KernelGeneration(String cliName, double dense, double grouped, double weightGradient) {
    this.cliName = cliName;
    this.denseSpeedup = dense;
    this.groupedSpeedup = grouped;
    this.weightGradientSpeedup = weightGradient;
  }

  public String cliName() {
    return cliName;
  }

  /** The dense forward/dgrad kernel's efficiency in this generation. */
  public KernelEfficiency dense(KernelEfficiency deepGemm) {
    return slower(deepGemm, denseSpeedup, "dense");
  }

  /** The grouped (contiguous) kernel's efficiency in this generation. */
  public KernelEfficiency grouped(KernelEfficiency deepGemm) {
    return slower(deepGemm, groupedSpeedup, "grouped");
  }

  /** The weight-gradient kernel's efficiency in this generation. */
  public KernelEfficiency weightGradient(KernelEfficiency deepGemm) {
    return slower(deepGemm, weightGradientSpeedup, "wgrad");
  }

  private KernelEfficiency slower(KernelEfficiency e, double speedup, String kernel) {
    if (speedup == 1.0) {
      return e;
    }
    return new KernelEfficiency(e.tensorFraction() / speedup, e.hbmFraction(), e.tileOverheadSeconds(), e.launchSeconds(),
        e.source() + String.format(Locale.ROOT, "; %s: main loop %.3fx slower (%s %s)", cliName, speedup, kernel, SOURCE));
  }

  /** Parses a generation's name, or reports bad input naming {@code field}. */
  public static KernelGeneration parse(String field, String name) {
    for (KernelGeneration g : values()) {
      if (g.cliName.equals(name)) {
        return g;
      }
    }
    throw new InvalidInputException(field, "unknown kernel generation '" + name + "', use deepgemm-2025 or cutlass-2024");
  }
}
