package org.hourglass.parallelism.costs;

/**
 * What the step needs to know about compute: the seconds one kernel takes on one GPU with the SMs
 * left after communication has its share. Implemented over the {@code fp8-costs} models.
 */
public interface ComputeCosts {
  /**
   * A dense GEMM kernel C[m x n] = A[m x k] B[k x n] (forward or input gradient), in FP8 when
   * {@code fp8}, else BF16; the FP8 operands' quantization passes are priced apart ({@link Fp8Passes}).
   */
  double gemmSeconds(long m, long n, long k, boolean fp8);

  /** One grouped launch of GEMM kernels sharing n and k, one per expert, with the rows each received. */
  double groupedGemmSeconds(long[] rowsPerExpert, long n, long k, boolean fp8);

  /**
   * A weight-gradient kernel dW[m x n] = X^T dY over {@code k} tokens, accumulated into the FP32
   * gradient (FP8: DeepGEMM's wgrad kernel, priced from its own table).
   */
  double weightGradSeconds(long m, long n, long k, boolean fp8);

  /** One k-grouped weight-gradient launch for experts sharing m x n, each over the tokens it received. */
  double groupedWeightGradSeconds(long m, long n, long[] tokensPerExpert, boolean fp8);

  /**
   * The causal attention core (FlashAttention-style, BF16) for {@code tokens} queries that each see
   * on average {@code meanContext} keys, forward or backward.
   */
  double attentionSeconds(int heads, int qkHeadDim, int valueHeadDim, long tokens, double meanContext, boolean backward);

  /**
   * One launch of a memory-bound kernel of class {@code kernel} moving {@code bytes} through HBM
   * (norms, SwiGLU, RoPE, FP8 casts, expert permutation, optimizer), on its class's curve.
   */
  double memoryBoundSeconds(org.hourglass.fp8.MemoryBoundKernel kernel, double bytes);

  /**
   * These costs with the attention core priced for {@code kernel}. Costs that know only
   * FlashAttention-3 answer for it and refuse any other.
   */
  default ComputeCosts withAttention(org.hourglass.fp8.AttentionKernel kernel) {
    if (kernel != org.hourglass.fp8.AttentionKernel.FLASH_ATTENTION_3) {
      throw new UnsupportedOperationException(getClass().getSimpleName() + " prices only FlashAttention-3");
    }
    return this;
  }
}
