package org.hourglass.fp8;

/**
 * What a real GEMM kernel achieves beyond the roofline: the sustained fraction of the tensor-core peak in
 * its main loop, the sustained fraction of HBM bandwidth, a fixed cost per tile (pipeline fill and
 * epilogue, paid once per wave on each SM) and a fixed cost per launch. {@code source} says where the
 * figures come from.
 */
public record KernelEfficiency(
    double tensorFraction, double hbmFraction, double tileOverheadSeconds, double launchSeconds, String source) {

  public KernelEfficiency {
    if (!(tensorFraction > 0 && tensorFraction <= 1 && hbmFraction > 0 && hbmFraction <= 1)) {
      throw new IllegalArgumentException("efficiency fractions must lie in (0, 1]: " + tensorFraction + ", " + hbmFraction);
    }
    if (tileOverheadSeconds < 0 || launchSeconds < 0) {
      throw new IllegalArgumentException("overheads must not be negative");
    }
  }

  /**
   * BF16 what-if: an 8192^3 BF16 product measured about 770-800 TFLOP/s with cuBLAS on H100 (hardware.md),
   * i.e. 785/989 = 0.794 of peak, used as the main-loop tensor fraction. cuBLAS publishes no per-tile
   * figures, so the HBM fraction and overheads are those of the calibrated FP8 kernel (an assumption).
   */
  public static KernelEfficiency bf16From(KernelEfficiency fp8) {
    return new KernelEfficiency(785.0 / 989.0, fp8.hbmFraction(), fp8.tileOverheadSeconds(), fp8.launchSeconds(),
        "BF16 tensor fraction 0.794: cuBLAS 8192^3 at ~770-800 TFLOP/s on H100 (hardware.md note); "
            + "HBM fraction and overheads from the FP8 calibration (" + fp8.source() + ")");
  }
}
