package org.hourglass.validation.gpu;

/**
 * The CUDA kernels the calibration runs: the source file in src/main/cuda (compiled at build time to
 * PTX under org/hourglass/validation/kernels/), the entry point, and the lowest compute capability the
 * PTX targets (FP8 E4M3 tensor cores need 8.9).
 */
public enum Kernel {
  HBM_COPY("hbm_stream", "hbm_copy", 80),
  HBM_TRIAD("hbm_stream", "hbm_triad", 80),
  FP8_QUANTIZE("fp8_quantize", "fp8_quantize_1x128", 89),
  RMSNORM_RESIDUAL("memory_bound", "rmsnorm_residual", 89),
  ROPE("memory_bound", "rope", 89),
  SWIGLU("memory_bound", "swiglu", 89),
  FP8_QUANTIZE_TRANSPOSE("memory_bound", "fp8_quantize_128x1_transpose", 89),
  EXPERT_PERMUTE("memory_bound", "expert_permute", 89),
  GEMM_BF16("gemm_bf16", "gemm_bf16_wmma", 80),
  GEMM_FP8("gemm_fp8", "gemm_fp8_blockscaled", 89);

  private final String file;
  private final String function;
  private final int minComputeCapability;

  Kernel(String file, String function, int minComputeCapability) {
    this.file = file;
    this.function = function;
    this.minComputeCapability = minComputeCapability;
  }

  /** The .cu source's base name. */
  public String file() {
    return file;
  }

  /** The extern "C" entry point. */
  public String function() {
    return function;
  }

  /** Lowest compute capability, as major x 10 + minor. */
  public int minComputeCapability() {
    return minComputeCapability;
  }

  /** The class-path resource holding the PTX. */
  public String ptxResource() {
    return "/org/hourglass/validation/kernels/" + file + ".ptx";
  }
}
