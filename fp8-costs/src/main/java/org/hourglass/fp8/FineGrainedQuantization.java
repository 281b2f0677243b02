package org.hourglass.fp8;

/**
 * The memory-bound passes that make FP8 operands (DeepSeek-V3 report, section 3.3): activations in 1x128
 * tiles and weights in 128x128 blocks, each read in BF16 and written as FP8 plus one FP32 scale per tile.
 * Each pass is one launch on the 1x128 cast's published curve ({@link MemoryBoundCurves}): a floor plus
 * bytes over its sustained bandwidth. No published sweep of a 128x128 weight quantization was found, so
 * the weight pass takes the same curve.
 */
public final class FineGrainedQuantization {
  private static final int BF16_BYTES = 2;
  private static final int FP8_BYTES = 1;

  private final MemoryBoundCurve cast;

  public FineGrainedQuantization(MemoryBoundCurves curves) {
    this.cast = curves.of(MemoryBoundKernel.FP8_QUANTIZE_1X128);
  }

  /** Bytes to quantize a rows x k activation in 1x128 tiles. */
  public static double activationBytes(long rows, long k) {
    double elements = (double) rows * k;
    double scales = (double) rows * TileShape.ceilDiv(k, GemmDtype.SCALE_BLOCK);
    return elements * (BF16_BYTES + FP8_BYTES) + scales * GemmDtype.SCALE_BYTES;
  }

  /** Bytes to quantize an n x k weight in 128x128 blocks. */
  public static double weightBytes(long n, long k) {
    double elements = (double) n * k;
    double scales = (double) TileShape.ceilDiv(n, GemmDtype.SCALE_BLOCK) * TileShape.ceilDiv(k, GemmDtype.SCALE_BLOCK);
    return elements * (BF16_BYTES + FP8_BYTES) + scales * GemmDtype.SCALE_BYTES;
  }

  /** The activation pass as a cost item (fully exposed: a separate kernel). */
  public CostItem activations(long rows, long k) {
    double bytes = activationBytes(rows, k);
    return new CostItem("quantize activations (1x128)", cast.seconds(bytes), cast.seconds(bytes),
        mb(bytes) + " read BF16, write FP8 + scales; " + cast.source());
  }

  /** The weight pass as a cost item (fully exposed: a separate kernel). */
  public CostItem weights(long groups, long n, long k) {
    double bytes = groups * weightBytes(n, k);
    return new CostItem("quantize weights (128x128)", cast.seconds(bytes), cast.seconds(bytes),
        mb(bytes) + " read BF16, write FP8 + scales; " + cast.source() + " (the 1x128 cast's curve)");
  }

  private static String mb(double bytes) {
    return String.format(java.util.Locale.ROOT, "%.3f MB", bytes / 1e6);
  }
}
