package org.hourglass.fp8;

/**
 * The element-wise and normalisation kernels of a transformer layer, priced by the bytes they move over
 * achievable HBM bandwidth ({@link HbmStream}); their arithmetic is negligible beside it. Activations are
 * BF16; byte counts are per call, read plus write.
 */
public final class MemoryBoundOps {
  private static final double BF16 = 2;
  private static final double FP32 = 4;

  private final HbmStream stream;

  public MemoryBoundOps(HbmStream stream) {
    this.stream = stream;
  }

  /** RMSNorm forward over tokens x hidden: read x, write y (the weight vector is negligible). */
  public double rmsNormSeconds(long tokens, long hidden) {
    return stream.seconds(2 * BF16 * tokens * hidden + BF16 * hidden);
  }

  /** SwiGLU forward: read gate and up (tokens x intermediate each), write their product. */
  public double swigluSeconds(long tokens, long intermediate) {
    return stream.seconds(3 * BF16 * tokens * intermediate);
  }

  /** Rotary embedding in place on tokens x heads x ropeDim: read and write once. */
  public double ropeSeconds(long tokens, long heads, long ropeDim) {
    return stream.seconds(2 * BF16 * tokens * heads * ropeDim);
  }

  /**
   * AdamW step per parameter with DeepSeek-V3's storage: FP32 master weight and FP32 gradient read, BF16
   * first and second moments read and written, FP32 master written, BF16 working copy written:
   * 4 + 4 + 2x2 + 2x2 + 4 + 2 = 22 bytes per parameter.
   */
  public double adamwSeconds(long parameters) {
    return stream.seconds(adamwBytesPerParameter() * parameters);
  }

  /** Bytes AdamW moves per parameter (see {@link #adamwSeconds}). */
  public static double adamwBytesPerParameter() {
    return FP32 + FP32 + 2 * BF16 + 2 * BF16 + FP32 + BF16;
  }
}
