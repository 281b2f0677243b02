package org.hourglass.parallelism.costs;

/**
 * What the step needs to know about compute: the seconds one kernel takes on one GPU with the SMs
 * left after communication has its share. Implemented over the {@code fp8-costs} models.
 */
public interface ComputeCosts {
  /** A dense GEMM C[m x n] = A[m x k] B[k x n], in FP8 when {@code fp8}, else BF16. */
  double gemmSeconds(long m, long n, long k, boolean fp8);

  /** One grouped launch of GEMMs sharing n and k, one per expert, with the rows each received. */
  double groupedGemmSeconds(long[] rowsPerExpert, long n, long k, boolean fp8);

  /**
   * The causal attention core (FlashAttention-style, BF16) for {@code tokens} queries that each see
   * on average {@code meanContext} keys, forward or backward.
   */
  double attentionSeconds(int heads, int qkHeadDim, int valueHeadDim, long tokens, double meanContext, boolean backward);

  /** A memory-bound pass moving {@code bytes} through HBM (norms, SwiGLU, RoPE, optimizer). */
  double memoryBoundSeconds(double bytes);
}
