package org.hourglass.fp8;

import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The model against DeepGEMM's tables, honestly: each row predicted by a calibration that never saw it
 * (leave-one-out), beside the in-sample prediction of the fit on all rows; the grouped rows predicted
 * from the dense rows alone; the weight-gradient table the same way with its own kernel's fit.
 */
public final class DeepGemmCheck {
  private DeepGemmCheck() {}

  /** One row: published TFLOP/s, the in-sample prediction and the held-out one. */
  public record RowCheck(MeasuredGemm row, double inSampleTflops, double heldOutTflops) {
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
    return leaveOneOut(DeepGemmTable.rows(), DeepGemmCalibration.h800(), DeepGemmCalibration::fit);
  }

  /** Every row of the weight-gradient table, held out in turn from the wgrad kernel's fit. */
  public static List<RowCheck> weightGradientLeaveOneOut() {
    return leaveOneOut(DeepGemmTable.weightGradientRows(), DeepGemmCalibration.wgradH800(),
        DeepGemmCalibration::fitWeightGradient);
  }

  private static <R extends MeasuredGemm> List<RowCheck> leaveOneOut(List<R> rows, KernelEfficiency onAll,
      Function<List<R>, KernelEfficiency> fit) {
    GemmModel all = new GemmModel(ComputeDevice.H800, GemmDtype.FP8, onAll);
    return IntStream.range(0, rows.size()).mapToObj(i -> {
      List<R> others = IntStream.range(0, rows.size()).filter(j -> j != i).mapToObj(rows::get).toList();
      GemmModel heldOut = new GemmModel(ComputeDevice.H800, GemmDtype.FP8, fit.apply(others));
      return new RowCheck(rows.get(i), rows.get(i).predictedTflops(all), rows.get(i).predictedTflops(heldOut));
    }).toList();
  }

  /**
   * The weight-gradient rows priced by the forward kernel's calibration (BF16 output, forward tiles):
   * what the planner did before the wgrad kernel had a model of its own.
   */
  public static List<RowCheck> weightGradientFromForwardFit() {
    GemmModel forward = new GemmModel(ComputeDevice.H800, GemmDtype.FP8, DeepGemmCalibration.h800());
    GemmModel wgrad = new GemmModel(ComputeDevice.H800, GemmDtype.FP8, DeepGemmCalibration.wgradH800());
    return DeepGemmTable.weightGradientRows().stream().map(r -> new RowCheck(r, r.predictedTflops(wgrad),
        r.flops() / forwardSeconds(forward, r) / 1e12)).toList();
  }

  private static double forwardSeconds(GemmModel forward, DeepGemmWgradRow r) {
    return r.groups() * forward.dense(r.m(), r.n(), r.k(), ComputeDevice.H800.sms()).seconds();
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
