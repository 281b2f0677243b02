package org.hourglass.validation.calibration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * A file of measurements of one device: what was measured and how, the datasheet peak efficiencies are
 * taken against, and where the figures come from. Produced by a GPU run or transcribed from a
 * publication; the input of a fit.
 *
 * @param device the GPU, as the driver or the publication names it
 * @param driverVersion the driver version, or null for a publication
 * @param method how the figures were measured
 * @param datasheetPeaks the device's datasheet peaks by dtype ({@code fp8-e4m3}, {@code bf16}) and {@code hbm}
 * @param sources publications or tools the figures come from
 * @param measurements the measurements
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MeasurementSet(String device, String driverVersion, String method, Map<String, Peak> datasheetPeaks,
    List<String> sources, List<Measurement> measurements) {
  public MeasurementSet {
    datasheetPeaks = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(datasheetPeaks));
    sources = List.copyOf(sources);
    measurements = List.copyOf(measurements);
  }

  /** Key of the HBM bandwidth in {@link #datasheetPeaks}. */
  public static final String HBM = "hbm";

  /** The measurements of one kernel and dtype. */
  public List<Measurement> of(String kernel, String dtype) {
    return measurements.stream().filter(m -> m.kernel().equals(kernel) && m.dtype().equals(dtype)).toList();
  }
}
