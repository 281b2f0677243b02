package org.hourglass.validation.calibration;

import java.util.List;
import org.hourglass.fp8.MemoryBoundCurve;
import org.hourglass.sim.InvalidInputException;

/**
 * A memory-bound kernel class's curve fitted to its measurements over a sweep of sizes:
 * t = floorSeconds + bytes / bytesPerSecond, the floor being the per-launch cost and the slope the
 * sustained bandwidth, fitted as {@link MemoryBoundCurve#fit} fits the published curves.
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
    double[] bytes = measurements.stream().mapToDouble(Measurement::bytes).toArray();
    double[] seconds = measurements.stream().mapToDouble(Measurement::medianSeconds).toArray();
    MemoryBoundCurve curve;
    try {
      curve = MemoryBoundCurve.fit(bytes, seconds, kernel);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("measurements", kernel + " " + dtype + " does not get faster per byte as it grows; no bandwidth to fit");
    }
    return new MemoryBoundFit(kernel, dtype, curve.floorSeconds(), curve.bytesPerSecond(), hbm,
        curve.bytesPerSecond() / hbm.perSecond(),
        curve.rmsRelativeError(bytes, seconds), measurements.size());
  }
}
