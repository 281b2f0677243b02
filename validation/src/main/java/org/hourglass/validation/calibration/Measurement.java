package org.hourglass.validation.calibration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One timed kernel: what ran (kernel, dtype, shape), how it was timed (repetitions, median and spread
 * of the per-repetition times; null where a publication gives only its result) and the work it did
 * (FLOPs and bytes moved to and from HBM, by the kernel's own counting), from which the achieved
 * rates and the arithmetic intensity follow.
 *
 * @param kernel the kernel, e.g. {@code gemm_fp8_blockscaled} or {@code deepgemm}
 * @param dtype element type, e.g. {@code fp8-e4m3}, {@code bf16}, {@code fp32}
 * @param shape the problem shape (groups x M x N x K for GEMMs; elements in {@code m} otherwise)
 * @param repetitions timed repetitions after warm-up; null for a published figure
 * @param medianSeconds median time of one repetition
 * @param spread (p90 - p10) / median of the repetitions; null for a published figure
 * @param flops floating-point operations one repetition performs (2 per multiply-add)
 * @param bytes bytes one repetition reads plus writes in device memory
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Measurement(String kernel, String dtype, Shape shape, Integer repetitions, double medianSeconds,
    Double spread, double flops, double bytes) {

  /** Achieved floating-point rate, TFLOP/s (zero for a pure data-movement kernel). */
  @JsonProperty("achievedTflops")
  public double achievedTflops() {
    return flops / medianSeconds / 1e12;
  }

  /** Achieved memory bandwidth, GB/s (10^9 bytes per second). */
  @JsonProperty("achievedGbps")
  public double achievedGbps() {
    return bytes / medianSeconds / 1e9;
  }

  /** FLOPs per byte moved: the x of a roofline. */
  @JsonProperty("intensityFlopsPerByte")
  public double intensityFlopsPerByte() {
    return bytes == 0 ? 0 : flops / bytes;
  }

  /**
   * A GEMM shape: {@code groups} independent products of (M x K) by (K x N); groups = 1 is a dense
   * GEMM, more is a grouped per-expert GEMM. Data-movement kernels put their element count in m.
   */
  public record Shape(String layout, int groups, long m, long n, long k) {
    /** FLOPs of the GEMM: 2 x groups x M x N x K. */
    public double gemmFlops() {
      return 2.0 * groups * m * n * k;
    }

    /**
     * Bytes a GEMM must move at least once: A (M x K) and B (N x K) in {@code inputBytes} per element,
     * C (M x N) in {@code outputBytes}, per group. DeepGEMM's published GB/s follow this counting with
     * FP8 inputs and a BF16 output (its TFLOP/s over GB/s equals this intensity to 0.5%).
     */
    public double gemmBytes(double inputBytes, double outputBytes) {
      return groups * ((m * k + n * k) * inputBytes + m * n * outputBytes);
    }
  }
}
