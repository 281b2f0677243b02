package org.hourglass.fp8;

import java.util.Arrays;
import java.util.List;

/**
 * Bytes a GEMM moves through HBM, each operand once: A (rows x K), one B (N x K) per group, their FP32
 * scale factors (1x128 for A, 128x128 for B, DeepSeek-V3 fine-grained scaling) and the BF16 output C.
 */
record HbmTraffic(double aBytes, double bBytes, double scaleBytes, double outputBytes, String outputItem) {
  private static final int FP32_BYTES = 4;

  static HbmTraffic of(GemmDtype dtype, long[] rowsPerGroup, long n, long k) {
    long rows = Arrays.stream(rowsPerGroup).sum();
    long groups = rowsPerGroup.length;
    long kBlocks = TileShape.ceilDiv(k, GemmDtype.SCALE_BLOCK);
    long nBlocks = TileShape.ceilDiv(n, GemmDtype.SCALE_BLOCK);
    double scales = dtype.scaled() ? GemmDtype.SCALE_BYTES * ((double) rows * kBlocks + (double) groups * nBlocks * kBlocks) : 0;
    return new HbmTraffic((double) rows * k * dtype.inputBytes(), (double) groups * n * k * dtype.inputBytes(), scales,
        (double) rows * n * GemmDtype.OUTPUT_BYTES, "HBM write C (BF16)");
  }

  /**
   * A weight gradient dW[m x n] over k tokens (DeepGEMM wgrad, PR #95): A = X^T (m x k) and B = dY
   * (k x n) in FP8 with 1x128 scales along K, and C in FP32 read and written in place.
   */
  static HbmTraffic weightGradient(GemmDtype dtype, long m, long n, long k) {
    long kBlocks = TileShape.ceilDiv(k, GemmDtype.SCALE_BLOCK);
    double scales = dtype.scaled() ? GemmDtype.SCALE_BYTES * ((double) m * kBlocks + (double) n * kBlocks) : 0;
    return new HbmTraffic((double) m * k * dtype.inputBytes(), (double) n * k * dtype.inputBytes(), scales,
        (double) m * n * 2 * FP32_BYTES, "HBM read and write C (FP32)");
  }

  double totalBytes() {
    return aBytes + bBytes + scaleBytes + outputBytes;
  }

  /** The bytes DeepGEMM counts for its GB/s column: A, B and C without scale factors. */
  double reportedBytes() {
    return aBytes + bBytes + outputBytes;
  }

  /** One item per operand at the achievable bandwidth; all exposed when the kernel is memory-bound. */
  List<CostItem> items(double bytesPerSecond, boolean computeWins) {
    return List.of(
        item("HBM read A", aBytes, bytesPerSecond, computeWins),
        item("HBM read B", bBytes, bytesPerSecond, computeWins),
        item("HBM read scale factors", scaleBytes, bytesPerSecond, computeWins),
        item(outputItem, outputBytes, bytesPerSecond, computeWins));
  }

  private static CostItem item(String name, double bytes, double bytesPerSecond, boolean hidden) {
    double seconds = bytes / bytesPerSecond;
    return new CostItem(name, seconds, hidden ? 0 : seconds,
        String.format(java.util.Locale.ROOT, "%.3f MB at %.0f GB/s%s", bytes / 1e6, bytesPerSecond / 1e9,
            hidden ? ", overlapped with compute" : ""));
  }
}
