package org.hourglass.parallelism.costs;

/** The kinds of compute a step's busy time is split into. */
public enum ComputeKind {
  GEMM_FP8("GEMM FP8"),
  GEMM_BF16("GEMM BF16"),
  ATTENTION("attention core"),
  MEMORY_BOUND("memory-bound"),
  /** Quantization, cast-transpose and re-layout passes of the FP8 recipe (see Fp8Passes). */
  FP8_CAST("FP8 casts and transposes"),
  /** Tensor-parallel all-gathers and reduce-scatters, charged to the compute stream (see TensorParallel). */
  TENSOR_PARALLEL("TP collectives"),
  /** Context-parallel all-gathers of keys and values and their gradients' reduce-scatters, charged to the compute stream (see ContextParallel). */
  CONTEXT_PARALLEL("CP key-value exchange");

  private final String label;

  ComputeKind(String label) {
    this.label = label;
  }

  /** The kind as a report names it. */
  public String label() {
    return label;
  }
}
