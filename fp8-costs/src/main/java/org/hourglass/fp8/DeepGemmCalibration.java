package org.hourglass.fp8;

import java.util.List;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Fits the four figures of {@link KernelEfficiency} (main-loop tensor fraction, HBM fraction, per-tile and
 * per-launch cost) to DeepGEMM's H800 FP8 rows by Levenberg-Marquardt on log(predicted / measured time).
 * Four physical figures against 28 forward rows, and separately against the 14 weight-gradient rows (a
 * different kernel: FP32 output accumulated in place, K = tokens); held-out checks refit without the rows
 * they predict.
 */
public final class DeepGemmCalibration {
  private static final double[] START = {0.7, 0.9, 1.0, 1.5};
  private static final double MICROS = 1e-6;
  private static final double STEP = 1e-5;

  private DeepGemmCalibration() {}

  /** The efficiency fitted on every row of the table (computed once). */
  public static KernelEfficiency h800() {
    return AllRows.FITTED;
  }

  /** The weight-gradient kernel's efficiency, fitted on every row of its table (computed once). */
  public static KernelEfficiency wgradH800() {
    return WgradRows.FITTED;
  }

  /** The efficiency fitted on the given forward rows only. */
  public static KernelEfficiency fit(List<DeepGemmRow> rows) {
    return fit(rows, "DeepGEMM's H800 FP8 table (README 55ab91f, 2025-03-25)");
  }

  /** The weight-gradient efficiency fitted on the given rows only. */
  public static KernelEfficiency fitWeightGradient(List<DeepGemmWgradRow> rows) {
    return fit(rows, "DeepGEMM's H800 FP8 weight-gradient table (PR #95, 04278f6, 2025-05-14)");
  }

  private static KernelEfficiency fit(List<? extends MeasuredGemm> rows, String table) {
    LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
        .start(START)
        .model(point -> valueAndJacobian(rows, point))
        .parameterValidator(DeepGemmCalibration::clamp)
        .target(new double[rows.size()])
        .maxEvaluations(20_000)
        .maxIterations(2_000)
        .build());
    return efficiency(optimum.getPoint().toArray(), rows.size(), table);
  }

  private static Pair<RealVector, org.apache.commons.math3.linear.RealMatrix> valueAndJacobian(
      List<? extends MeasuredGemm> rows, RealVector point) {
    double[] p = point.toArray();
    double[] value = residuals(rows, p);
    double[][] jacobian = new double[rows.size()][p.length];
    for (int j = 0; j < p.length; j++) {
      double[] shifted = p.clone();
      shifted[j] += STEP;
      double[] moved = residuals(rows, shifted);
      for (int i = 0; i < rows.size(); i++) {
        jacobian[i][j] = (moved[i] - value[i]) / STEP;
      }
    }
    return new Pair<>(new ArrayRealVector(value), new Array2DRowRealMatrix(jacobian, false));
  }

  private static double[] residuals(List<? extends MeasuredGemm> rows, double[] p) {
    GemmModel model = new GemmModel(ComputeDevice.H800, GemmDtype.FP8, efficiency(p, rows.size(), ""));
    return rows.stream().mapToDouble(r -> Math.log(r.predictedSeconds(model) / r.measuredSeconds())).toArray();
  }

  private static RealVector clamp(RealVector point) {
    double[] p = point.toArray();
    p[0] = Math.min(1, Math.max(0.05, p[0]));
    p[1] = Math.min(1, Math.max(0.05, p[1]));
    p[2] = Math.max(0, p[2]);
    p[3] = Math.max(0, p[3]);
    return new ArrayRealVector(p);
  }

  private static KernelEfficiency efficiency(double[] p, int rows, String table) {
    double[] c = clamp(new ArrayRealVector(p)).toArray();
    return new KernelEfficiency(c[0], c[1], c[2] * MICROS, c[3] * MICROS, "fitted on " + rows + " rows of " + table);
  }

  private static final class AllRows {
    static final KernelEfficiency FITTED = fit(DeepGemmTable.rows());
  }

  private static final class WgradRows {
    static final KernelEfficiency FITTED = fitWeightGradient(DeepGemmTable.weightGradientRows());
  }
}
