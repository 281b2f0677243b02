package org.hourglass.fp8;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The model against DeepGEMM's table, honestly: each row predicted by a calibration that never saw it
 * (leave-one-out), beside the in-sample prediction of the fit on all rows; and the grouped rows predicted
 * from the dense rows alone.
 */
public final class DeepGemmCheck {
  private DeepGemmCheck() {}

  /** One row: published TFLOP/s, the in-sample prediction and the held-out one. */
  public record RowCheck(DeepGemmRow row, double inSampleTflops, double heldOutTflops) {
    /** Relative error of the held-out prediction: predicted / published - 1. */
    public double heldOutError() {
      return heldOutTflops / row.tflops() - 1;
    }

    /** Relative error of the in-sample prediction. */
    public double inSampleError() {
      return inSampleTflops / row.tflops() - 1;
    }
  }

  /** Every row, held out in turn. */
  public static List<RowCheck> leaveOneOut() {
    List<DeepGemmRow> rows = DeepGemmTable.rows();
    GemmModel all = new GemmModel(ComputeDevice.H800, GemmDtype.FP8, DeepGemmCalibration.h800());
    return IntStream.range(0, rows.size()).mapToObj(i -> {
      List<DeepGemmRow> others = IntStream.range(0, rows.size()).filter(j -> j != i).mapToObj(rows::get).toList();
      GemmModel heldOut = new GemmModel(ComputeDevice.H800, GemmDtype.FP8, DeepGemmCalibration.fit(others));
      return new RowCheck(rows.get(i), rows.get(i).predictedTflops(all), rows.get(i).predictedTflops(heldOut));
    }).toList();
  }

  /** The grouped rows predicted by a calibration on the dense rows only. */
  public static List<RowCheck> groupedFromDense() {
    List<DeepGemmRow> dense = DeepGemmTable.rows().stream().filter(r -> r.layout().equals("dense")).toList();
    GemmModel all = new GemmModel(ComputeDevice.H800, GemmDtype.FP8, DeepGemmCalibration.h800());
    GemmModel fromDense = new GemmModel(ComputeDevice.H800, GemmDtype.FP8, DeepGemmCalibration.fit(dense));
    return DeepGemmTable.rows().stream().filter(r -> !r.layout().equals("dense"))
        .map(r -> new RowCheck(r, r.predictedTflops(all), r.predictedTflops(fromDense))).toList();
  }

  /** Mean absolute held-out error. */
  public static double meanAbsHeldOutError(List<RowCheck> checks) {
    return checks.stream().mapToDouble(c -> Math.abs(c.heldOutError())).average().orElseThrow();
  }

  /** Largest absolute held-out error. */
  public static double maxAbsHeldOutError(List<RowCheck> checks) {
    return checks.stream().mapToDouble(c -> Math.abs(c.heldOutError())).max().orElseThrow();
  }
}
