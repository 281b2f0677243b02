package org.hourglass.validation.calibration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * What a calibration produced, as written to a profile file: the device, every measurement and how it
 * was taken, the fitted efficiency curves with their goodness of fit and the ceiling each is combined
 * with, the measured bandwidths, and the sources. A profile reads back as a {@link MeasurementSet} (its
 * extra fields are ignored), so it can be fitted again, against another ceiling for instance.
 *
 * @param format the file format and its version
 * @param device the GPU, as the driver or the publication names it
 * @param driverVersion the driver version, or null for a publication
 * @param method how the measurements were taken
 * @param datasheetPeaks the datasheet peaks efficiencies are taken against, by dtype and {@code hbm}
 * @param measurements every measurement
 * @param fits the fitted efficiency curves, one per GEMM kernel and dtype
 * @param bandwidths the measured bandwidths, one per data-movement kernel
 * @param memoryBoundFits the floor and bandwidth of each memory-bound kernel class measured over
 *     several sizes (absent from profiles written before the format carried them: none)
 * @param sources where the figures come from
 * @param notes what a reader must know to use the profile
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CalibrationProfile(String format, String device, String driverVersion, String method,
    Map<String, Peak> datasheetPeaks, List<Measurement> measurements, List<CurveFit> fits, List<BandwidthResult> bandwidths,
    List<MemoryBoundFit> memoryBoundFits, List<String> sources,
    List<String> notes) {
  /** The format written by this version. */
  public static final String FORMAT = "hourglass-calibration/1";

  public CalibrationProfile {
    datasheetPeaks = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(datasheetPeaks));
    measurements = List.copyOf(measurements);
    fits = List.copyOf(fits);
    bandwidths = List.copyOf(bandwidths);
    memoryBoundFits = memoryBoundFits == null ? List.of() : List.copyOf(memoryBoundFits);
    sources = List.copyOf(sources);
    notes = List.copyOf(notes);
  }
}
