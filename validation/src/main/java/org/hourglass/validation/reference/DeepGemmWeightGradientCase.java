package org.hourglass.validation.reference;

import java.util.ArrayList;
import java.util.List;
import org.hourglass.fp8.DeepGemmCheck;

/**
 * DeepGEMM's H800 FP8 weight-gradient table against the wgrad kernel's model: each row in-sample
 * (fitted) and held out by leave-one-out (the figure to trust), and, for contrast, predicted by the
 * forward kernel's calibration, which overrates this kernel.
 */
public final class DeepGemmWeightGradientCase implements ReferenceCase {
  private static final String UNIT = "TFLOP/s";

  @Override
  public String table() {
    return "DeepGEMM weight-gradient table";
  }

  @Override
  public String source() {
    return "github deepseek-ai/DeepGEMM pull request #95 (merged 2025-05-14 as 04278f6), H800 FP8 wgrad rows"
        + " (shared/reference/deepgemm-wgrad-h800.csv; k-grouped rows as quoted in issue #107)";
  }

  @Override
  public List<Comparison> compare() {
    List<Comparison> out = new ArrayList<>();
    for (DeepGemmCheck.RowCheck c : DeepGemmCheck.weightGradientLeaveOneOut()) {
      out.add(row(c, "fit on all rows", c.inSampleTflops()).withFit(Comparison.FITTED));
      out.add(row(c, "leave-one-out fit", c.heldOutTflops()).withFit(Comparison.HELD_OUT));
    }
    for (DeepGemmCheck.RowCheck c : DeepGemmCheck.weightGradientFromForwardFit()) {
      out.add(row(c, "forward kernel's fit (not used)", c.heldOutTflops()).withFit(Comparison.HELD_OUT));
    }
    return out;
  }

  private Comparison row(DeepGemmCheck.RowCheck c, String how, double predictedTflops) {
    return Comparison.of("DeepGEMM " + c.row() + ", " + how, table(), predictedTflops, c.row().tflops(), UNIT, source());
  }
}
