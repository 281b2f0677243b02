package org.hourglass.validation.calibration;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hourglass.hardware.GpuSpec;
import org.hourglass.hardware.HardwareCatalog;

/** The datasheet peaks efficiencies are taken against, from the hardware catalog, and the catalog GPU a driver's device name is. */
public final class DatasheetPeaks {
  private DatasheetPeaks() {}

  /** FP8, BF16 and HBM peaks of {@code gpu}, each with its catalog source (FP8 left out where the GPU has none). */
  public static Map<String, Peak> of(GpuSpec gpu) {
    Map<String, Peak> peaks = new LinkedHashMap<>();
    if (gpu.hasFp8()) {
      peaks.put("fp8-e4m3", new Peak(gpu.fp8FlopsPerSecond().value(), Peak.FLOPS, "datasheet", gpu.fp8FlopsPerSecond().source()));
    }
    peaks.put("bf16", new Peak(gpu.bf16FlopsPerSecond().value(), Peak.FLOPS, "datasheet", gpu.bf16FlopsPerSecond().source()));
    peaks.put(MeasurementSet.HBM, new Peak(gpu.hbmBytesPerSecond().value(), Peak.BYTES, "datasheet", gpu.hbmBytesPerSecond().source()));
    return peaks;
  }

  /**
   * The catalog GPU whose name or alias (its model token: h100, h800, a100...) appears in the driver's
   * device name, e.g. "NVIDIA H100 80GB HBM3" is h100-sxm.
   */
  public static Optional<GpuSpec> matchDevice(String deviceName) {
    String lower = deviceName.toLowerCase(Locale.ROOT);
    return HardwareCatalog.builtIn().gpus().stream()
        .filter(g -> lower.contains(modelToken(g.name())) || g.aliases().stream().anyMatch(a -> lower.contains(modelToken(a))))
        .findFirst();
  }

  private static String modelToken(String catalogName) {
    int dash = catalogName.indexOf('-');
    return dash < 0 ? catalogName : catalogName.substring(0, dash);
  }
}
