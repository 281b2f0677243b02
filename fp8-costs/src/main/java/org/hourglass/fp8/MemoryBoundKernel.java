package org.hourglass.fp8;

import java.util.Arrays;
import java.util.Optional;

/**
 * The classes of memory-bound kernel a training step launches, each priced by its own curve
 * ({@link MemoryBoundCurves}) so that a calibration can measure one class without guessing the others.
 * The profile name is the kernel's name in a measurement file.
 */
public enum MemoryBoundKernel {
  /** RMSNorm, fused with the residual add (read x and the residual, write y). */
  RMSNORM_RESIDUAL("rmsnorm_residual"),
  /** BF16 to FP8 with one FP32 scale per 1x128 tile (report 3.3.2). */
  FP8_QUANTIZE_1X128("fp8_quantize_1x128"),
  /** BF16 or FP8 to FP8 transposed, scaled per 128x1 tile: the backward's layouts for dgrad and wgrad. */
  FP8_QUANTIZE_128X1_TRANSPOSE("fp8_quantize_128x1_transpose"),
  /** Rotary embedding in place. */
  ROPE("rope"),
  /** SwiGLU: read gate and up, write their product. */
  SWIGLU("swiglu"),
  /** Gathering received tokens into the grouped GEMMs' per-expert rows and scattering them back. */
  EXPERT_PERMUTE("expert_permute"),
  /** The optimizer's update over a shard of the parameters. */
  OPTIMIZER("adamw"),
  /** Any other element-wise pass: embedding lookup, loss, residual reductions. */
  ELEMENTWISE("elementwise");

  private final String profileName;

  MemoryBoundKernel(String profileName) {
    this.profileName = profileName;
  }

  /** The kernel's name in measurement files and profiles. */
  public String profileName() {
    return profileName;
  }

  /** The class a measurement file's kernel name stands for, if it is one. */
  public static Optional<MemoryBoundKernel> ofProfileName(String name) {
    return Arrays.stream(values()).filter(k -> k.profileName.equals(name)).findFirst();
  }
}
