package org.hourglass.serving;

import org.hourglass.hardware.GpuSpec;

/**
 * What DeepSeek's own inference kernels reach on H800, as fractions of the datasheet, carried to
 * another GPU as fractions of its own datasheet (an assumption a non-H800 plan states). Every figure
 * is from reference/serving.md.
 *
 * <ul>
 *   <li>FlashMLA decode: up to 3000 GB/s memory-bound of H800's 3.35 TB/s, 660 TFLOPS compute-bound
 *       of its 989 BF16 (README at c2067be).
 *   <li>DeepGEMM masked grouped GEMM, the decode expert layout, 4 groups x 256 rows, N 4096, K 7168:
 *       2064 GB/s and 932 TFLOPS (README at a6d97a1) - the small-M weight-read GEMMs of decode.
 *   <li>DeepEP low-latency kernels, version A (pure RDMA, 128 tokens per GPU, README at ebfe47e):
 *       dispatch and combine latency by EP.
 * </ul>
 */
public final class ServingHardwareFigures {
  /** FlashMLA: 3000 of 3350 GB/s. */
  public static final double FLASH_MLA_HBM_FRACTION = 3000e9 / 3.35e12;
  /** FlashMLA: 660 of 989 TFLOPS (BF16 dense). */
  public static final double FLASH_MLA_TENSOR_FRACTION = 660e12 / 989e12;
  /** DeepGEMM masked grouped GEMM 4 x 256 x 4096 x 7168: 2064 of 3350 GB/s. */
  public static final double MASKED_GEMM_HBM_FRACTION = 2064e9 / 3.35e12;
  /** DeepGEMM masked grouped GEMM 4 x 256 x 4096 x 7168: 932 of 1979 FP8 TFLOPS. */
  public static final double MASKED_GEMM_TENSOR_FRACTION = 932e12 / 1979e12;
  /** Tokens per GPU of DeepEP's low-latency benchmark. */
  public static final int LOW_LATENCY_TOKENS = 128;
  private static final int[] EP = {8, 16, 32, 64, 128, 256};
  private static final double[] DISPATCH_US = {163, 173, 182, 186, 192, 194};
  private static final double[] COMBINE_US = {318, 329, 350, 353, 369, 360};
  /** Assumed floor of one low-latency all-to-all (one IB round trip and a kernel launch, about 10 us); not published. */
  public static final double LOW_LATENCY_FLOOR_SECONDS = 10e-6;

  private ServingHardwareFigures() {}

  /** HBM bytes per second the decode attention reads at on {@code gpu}. */
  static double attentionBytesPerSecond(GpuSpec gpu) {
    return gpu.hbmBytesPerSecond().value() * FLASH_MLA_HBM_FRACTION;
  }

  /** Attention FLOPs per second (BF16) of the decode kernel on {@code gpu}. */
  static double attentionFlopsPerSecond(GpuSpec gpu) {
    return gpu.bf16FlopsPerSecond().value() * FLASH_MLA_TENSOR_FRACTION;
  }

  /** Weight bytes per second a small-M decode GEMM reads at on {@code gpu}. */
  static double smallGemmBytesPerSecond(GpuSpec gpu) {
    return gpu.hbmBytesPerSecond().value() * MASKED_GEMM_HBM_FRACTION;
  }

  /** FP8 (or BF16 where the GPU has no FP8) FLOPs per second of a small-M decode GEMM. */
  static double smallGemmFlopsPerSecond(GpuSpec gpu) {
    double peak = gpu.hasFp8() ? gpu.fp8FlopsPerSecond().value() : gpu.bf16FlopsPerSecond().value();
    return peak * MASKED_GEMM_TENSOR_FRACTION;
  }

  /**
   * Dispatch plus combine of {@code tokensPerGpu} tokens at expert parallelism {@code ep}: DeepEP's
   * latency at 128 tokens (linear in log2 EP between rows, flat beyond them), scaled by tokens / 128
   * since the table's RDMA bandwidth is flat across rows (the kernels are bandwidth-bound), with
   * the assumed floor.
   */
  public static double lowLatencyAllToAllSeconds(int ep, double tokensPerGpu) {
    double at128 = (interpolate(DISPATCH_US, ep) + interpolate(COMBINE_US, ep)) * 1e-6;
    return Math.max(2 * LOW_LATENCY_FLOOR_SECONDS, at128 * tokensPerGpu / LOW_LATENCY_TOKENS);
  }

  private static double interpolate(double[] us, int ep) {
    if (ep <= EP[0]) {
      return us[0];
    }
    for (int i = 1; i < EP.length; i++) {
      if (ep <= EP[i]) {
        double t = (Math.log(ep) - Math.log(EP[i - 1])) / (Math.log(EP[i]) - Math.log(EP[i - 1]));
        return us[i - 1] + t * (us[i] - us[i - 1]);
      }
    }
    return us[us.length - 1];
  }
}
