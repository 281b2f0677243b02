package org.hourglass.validation.calibration;

import java.util.List;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;
import org.hourglass.sim.InvalidInputException;

/**
 * Least-squares fit (Levenberg-Marquardt, Commons Math) of {@link SaturatingEfficiency} to points of
 * (intensity, efficiency), with the goodness of fit: R^2 on efficiency and the RMS relative error of
 * the fitted efficiency against each point.
 */
public final class EfficiencyFit {
  /** Fewest points a two-parameter fit accepts (one more than its parameters). */
  public static final int MIN_POINTS = 3;

  private EfficiencyFit() {}

  /** One observation: an intensity in FLOPs per byte and the efficiency measured there. */
  public record Point(double flopsPerByte, double efficiency) {}

  /** A fitted curve and how well it fits. */
  public record Outcome(SaturatingEfficiency curve, double rSquared, double rmsRelativeError, int points) {}

  /** Fits the curve to {@code points}; refuses fewer than {@link #MIN_POINTS} or non-positive values. */
  public static Outcome fit(List<Point> points) {
    requireUsable(points);
    double[] x = points.stream().mapToDouble(Point::flopsPerByte).toArray();
    double[] y = points.stream().mapToDouble(Point::efficiency).toArray();
    LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
        .model(model(x))
        .target(y)
        .start(new double[] {max(y), median(x)})
        .parameterValidator(p -> p.map(Math::abs))
        .maxEvaluations(10_000)
        .maxIterations(10_000)
        .build());
    RealVector p = optimum.getPoint();
    SaturatingEfficiency curve = new SaturatingEfficiency(p.getEntry(0), p.getEntry(1));
    return new Outcome(curve, rSquared(curve, x, y), rmsRelativeError(curve, x, y), points.size());
  }

  private static MultivariateJacobianFunction model(double[] x) {
    return params -> {
      double eMax = params.getEntry(0);
      double i0 = params.getEntry(1);
      RealVector value = new ArrayRealVector(x.length);
      Array2DRowRealMatrix jacobian = new Array2DRowRealMatrix(x.length, 2);
      for (int i = 0; i < x.length; i++) {
        double decay = Math.exp(-x[i] / i0);
        value.setEntry(i, eMax * (1 - decay));
        jacobian.setEntry(i, 0, 1 - decay);
        jacobian.setEntry(i, 1, -eMax * decay * x[i] / (i0 * i0));
      }
      return new Pair<>(value, jacobian);
    };
  }

  /** Coefficient of determination of the curve on (x, y). */
  static double rSquared(SaturatingEfficiency curve, double[] x, double[] y) {
    double mean = java.util.Arrays.stream(y).average().orElse(0);
    double residual = 0;
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      residual += sq(y[i] - curve.at(x[i]));
      total += sq(y[i] - mean);
    }
    return total == 0 ? 1 : 1 - residual / total;
  }

  /** Root mean square of (fitted - measured) / measured. */
  static double rmsRelativeError(SaturatingEfficiency curve, double[] x, double[] y) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += sq((curve.at(x[i]) - y[i]) / y[i]);
    }
    return Math.sqrt(sum / x.length);
  }

  private static void requireUsable(List<Point> points) {
    if (points.size() < MIN_POINTS) {
      throw new InvalidInputException("measurements", "a fit needs at least " + MIN_POINTS + " points, got " + points.size());
    }
    for (Point p : points) {
      if (!(p.flopsPerByte() > 0) || !(p.efficiency() > 0) || Double.isInfinite(p.flopsPerByte()) || Double.isInfinite(p.efficiency())) {
        throw new InvalidInputException("measurements", "intensity and efficiency must be positive and finite, got " + p);
      }
    }
    if (points.stream().mapToDouble(Point::flopsPerByte).distinct().count() < 2) {
      throw new InvalidInputException("measurements", "a fit needs at least two distinct intensities");
    }
  }

  private static double max(double[] v) {
    return java.util.Arrays.stream(v).max().orElseThrow();
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double sq(double v) {
    return v * v;
  }
}
