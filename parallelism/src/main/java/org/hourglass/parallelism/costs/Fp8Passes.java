package org.hourglass.parallelism.costs;

import org.hourglass.fp8.MemoryBoundKernel;

/**
 * The memory-bound passes DeepSeek-V3's FP8 recipe adds around a linear layer Y[m x n] = X[m x k] W,
 * for m tokens, each priced on its kernel class's curve: the cast on the 1x128 quantization's, the
 * transposing cast and the re-layout on the 128x1 transposing quantization's (report section 3.3; FP8 values one byte, one FP32
 * scale per 128 values):
 * <ul>
 *   <li>forward: X cast from BF16 to FP8 in 1x128 tiles (read 2, write 1 + 4/128 bytes per value); the
 *       FP8 copy is what is cached for the backward (report 3.3.3);</li>
 *   <li>input gradient: dY cast and transposed in one pass, to FP8 1x128 along n for dgrad and FP8
 *       128x1 (1x128 along the tokens) for wgrad (read 2, write twice 1 + 4/128);</li>
 *   <li>weight gradient: the cached FP8 X re-laid out transposed, 1x128 along the tokens, for wgrad's
 *       K = tokens (read and write 1 + 4/128).</li>
 * </ul>
 * W and W^T in FP8 (128x128 blocks) are made once per optimizer step, not per micro-batch, and are
 * left out. A pass that DeepSeek fuses into a neighbouring kernel is still charged here: the
 * report does not say which are fused.
 */
final class Fp8Passes {
  static final double BF16 = 2.0;
  static final double FP8_WITH_SCALE = 1.0 + 4.0 / 128;

  private Fp8Passes() {}

  /** The three passes of one FP8 linear layer (zero for BF16). */
  static LayerCosts around(ComputeCosts c, long m, long n, long k, boolean fp8) {
    if (!fp8 || m == 0) {
      return LayerCosts.ZERO;
    }
    return LayerCosts.of(ComputeKind.FP8_CAST, castSeconds(c, m, k), castTransposeSeconds(c, m, n), relayoutSeconds(c, m, k));
  }

  /** One launch casting a rows x cols BF16 tensor to FP8 with 1x128 scales, on the 1x128 cast's curve. */
  static double castSeconds(ComputeCosts c, long rows, long cols) {
    return c.memoryBoundSeconds(MemoryBoundKernel.FP8_QUANTIZE_1X128, castBytes(rows, cols));
  }

  /** One launch casting a rows x cols BF16 tensor to FP8 in both layouts, on the transposing cast's curve. */
  static double castTransposeSeconds(ComputeCosts c, long rows, long cols) {
    return c.memoryBoundSeconds(MemoryBoundKernel.FP8_QUANTIZE_128X1_TRANSPOSE, castTransposeBytes(rows, cols));
  }

  /** One launch re-laying out a rows x cols FP8 tensor along the other axis, on the transposing cast's curve. */
  static double relayoutSeconds(ComputeCosts c, long rows, long cols) {
    return c.memoryBoundSeconds(MemoryBoundKernel.FP8_QUANTIZE_128X1_TRANSPOSE, relayoutBytes(rows, cols));
  }

  /** BF16 to FP8 with 1x128 scales: read 2, write 1 + 4/128 bytes per value. */
  static double castBytes(long rows, long cols) {
    return (double) rows * cols * (BF16 + FP8_WITH_SCALE);
  }

  /** BF16 to FP8 in both layouts at once: read 2, write 1 + 4/128 twice. */
  static double castTransposeBytes(long rows, long cols) {
    return (double) rows * cols * (BF16 + 2 * FP8_WITH_SCALE);
  }

  /** FP8 to FP8 transposed, rescaled along the other axis: read and write 1 + 4/128. */
  static double relayoutBytes(long rows, long cols) {
    return (double) rows * cols * 2 * FP8_WITH_SCALE;
  }
}
