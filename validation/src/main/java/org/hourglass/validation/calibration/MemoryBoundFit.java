package org.hourglass.validation.calibration;

import java.util.List;
import org.hourglass.sim.InvalidInputException;

/**
 * A memory-bound kernel class's curve fitted to its measurements over a sweep of sizes:
 * t = floorSeconds + bytes / bytesPerSecond, the floor being the per-launch cost and the slope the
 * sustained bandwidth ({@link org.hourglass.fp8.MemoryBoundCurve}). Fitted by least squares on the
 * relative error, so that small launches, which decide the floor, weigh as much as large ones; a
 * negative floor (noise on a pure stream) is refitted as zero.
 *
 * @param kernel the class's profile name ({@link org.hourglass.fp8.MemoryBoundKernel#profileName})
 * @param dtype the element type measured
 * @param floorSeconds the fitted per-launch floor
 * @param bytesPerSecond the fitted sustained bandwidth
 * @param efficiencyAgainst the HBM datasheet figure of the measured device
 * @param fractionOfDatasheet bytesPerSecond over it: what a plan on another GPU scales its datasheet by
 * @param rmsRelativeError root mean square of (fitted - measured) / measured over the points
 * @param points the measurements fitted
 */
public record MemoryBoundFit(String kernel, String dtype, double floorSeconds, double bytesPerSecond, Peak efficiencyAgainst,
    double fractionOfDatasheet, double rmsRelativeError, int points) {

  /** Fits {@code measurements} (one class, at least two distinct sizes) against the device's HBM datasheet {@code hbm}. */
  public static MemoryBoundFit fit(String kernel, String dtype, List<Measurement> measurements, Peak hbm) {
    if (measurements.stream().mapToDouble(Measurement::bytes).distinct().count() < 2) {
      throw new InvalidInputException("measurements", kernel + " " + dtype + " needs at least two sizes to fit a floor and a bandwidth");
    }
    if (hbm == null) {
      throw new InvalidInputException("datasheetPeaks", "no hbm peak to take " + kernel + "'s bandwidth against");
    }
    // minimise sum ((a + b x - t) / t)^2: regress 1 on (1/t, x/t) without an intercept
    double suu = 0;
    double suv = 0;
    double svv = 0;
    double su = 0;
    double sv = 0;
    for (Measurement m : measurements) {
      double u = 1 / m.medianSeconds();
      double v = m.bytes() / m.medianSeconds();
      suu += u * u;
      suv += u * v;
      svv += v * v;
      su += u;
      sv += v;
    }
    double det = suu * svv - suv * suv;
    double floor = (su * svv - sv * suv) / det;
    double slope = (suu * sv - suv * su) / det;
    if (!(floor >= 0)) {
      floor = 0;
      slope = sv / svv;
    }
    if (!(slope > 0)) {
      throw new InvalidInputException("measurements", kernel + " " + dtype + " does not get faster per byte as it grows; no bandwidth to fit");
    }
    double bytesPerSecond = 1 / slope;
    double squares = 0;
    for (Measurement m : measurements) {
      double fitted = floor + m.bytes() * slope;
      squares += Math.pow((fitted - m.medianSeconds()) / m.medianSeconds(), 2);
    }
    return new MemoryBoundFit(kernel, dtype, floor, bytesPerSecond, hbm, bytesPerSecond / hbm.perSecond(),
        Math.sqrt(squares / measurements.size()), measurements.size());
  }
}
