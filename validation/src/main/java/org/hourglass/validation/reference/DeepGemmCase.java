package org.hourglass.validation.reference;

import java.util.ArrayList;
import java.util.List;
import org.hourglass.fp8.DeepGemmCheck;
import org.hourglass.fp8.DeepGemmTable;

/**
 * DeepGEMM's H800 FP8 TFLOPS table against fp8-costs' GEMM model ({@link DeepGemmCheck}). The model's four
 * efficiency figures are fitted on this very table, so each row appears twice: in-sample (the fit on all
 * rows, marked fitted) and leave-one-out (a refit without the row, marked held-out, the figure to trust).
 * The grouped rows appear a third time, predicted by a fit on the dense rows alone (held-out).
 */
public final class DeepGemmCase implements ReferenceCase {
  private static final String UNIT = "TFLOP/s";

  @Override
  public String table() {
    return "DeepGEMM TFLOPS table";
  }

  @Override
  public String source() {
    return "github deepseek-ai/DeepGEMM README at 55ab91f (2025-03-25), H800 FP8 performance table (profiles/published/deepgemm-h800.csv)";
  }

  @Override
  public List<Comparison> compare() {
    int rows = DeepGemmTable.rows().size();
    List<Comparison> out = new ArrayList<>();
    for (DeepGemmCheck.RowCheck c : DeepGemmCheck.leaveOneOut()) {
      out.add(row(c, "fit on all " + rows + " rows", c.inSampleTflops()).withFit(Comparison.FITTED));
      out.add(row(c, "leave-one-out fit", c.heldOutTflops()).withFit(Comparison.HELD_OUT));
    }
    for (DeepGemmCheck.RowCheck c : DeepGemmCheck.groupedFromDense()) {
      out.add(row(c, "fit on the dense rows only", c.heldOutTflops()).withFit(Comparison.HELD_OUT));
    }
    return out;
  }

  private Comparison row(DeepGemmCheck.RowCheck c, String how, double predictedTflops) {
    return Comparison.of("DeepGEMM " + c.row() + ", " + how, table(), predictedTflops, c.row().tflops(), UNIT, source());
  }
}
