package org.hourglass.fp8;

/**
 * Memory-bound passes priced by bytes over achievable HBM bandwidth. The achievable fraction, 0.90 of the
 * datasheet peak, is an assumption (STREAM-like streaming kernels); it agrees with the 0.89 that the
 * DeepGEMM calibration finds for the memory-bound rows of its H800 table.
 */
public record HbmStream(ComputeDevice device, double fraction, String source) {
  /** The assumed achievable fraction of HBM peak for streaming kernels. */
  public static final double ASSUMED_FRACTION = 0.90;

  public HbmStream {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("HBM fraction must lie in (0, 1], got " + fraction);
    }
  }

  /** The stream model of a device at the assumed fraction. */
  public static HbmStream of(ComputeDevice device) {
    return new HbmStream(device, ASSUMED_FRACTION,
        "assumption: streaming kernels reach 90% of HBM peak (cf. 0.89 fitted on DeepGEMM's memory-bound rows)");
  }

  /** Achievable bytes per second. */
  public double bytesPerSecond() {
    return device.hbmBytesPerSecond() * fraction;
  }

  /** Seconds to move {@code bytes} through HBM. */
  public double seconds(double bytes) {
    return bytes / bytesPerSecond();
  }
}
