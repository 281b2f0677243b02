package org.hourglass.parallelism.costs;

/**
 * Seconds of one piece of a layer's compute, forward, input gradients (with recomputation) and
 * weight gradients, each split by {@link ComputeKind}.
 */
record LayerCosts(double[] forward, double[] inputGrad, double[] weightGrad) {
  private static final int KINDS = ComputeKind.values().length;
  static final LayerCosts ZERO = new LayerCosts(new double[KINDS], new double[KINDS], new double[KINDS]);

  LayerCosts plus(LayerCosts other) {
    return new LayerCosts(add(forward, other.forward), add(inputGrad, other.inputGrad), add(weightGrad, other.weightGrad));
  }

  /** One kind's seconds in each pass. */
  static LayerCosts of(ComputeKind kind, double forward, double inputGrad, double weightGrad) {
    return new LayerCosts(one(kind, forward), one(kind, inputGrad), one(kind, weightGrad));
  }

  /**
   * A linear layer Y[m x n] = X[m x k] W[k x n]: forward, dgrad dX = dY W^T, wgrad dW = X^T dY over
   * the m tokens (equal FLOPs), and in FP8 the recipe's quantization passes ({@link Fp8Passes}).
   */
  static LayerCosts gemm(ComputeCosts c, long m, long n, long k, boolean fp8) {
    return gemmsSharingInput(c, m, k, fp8, n);
  }

  /**
   * Linear layers of widths {@code n} that read the same input X[m x k] as separate GEMMs (MLA's
   * q_a and kv_a projections, as DeepSeek's model code runs them): each its own kernels, the input
   * cast and re-laid out once, each output gradient cast.
   */
  static LayerCosts gemmsSharingInput(ComputeCosts c, long m, long k, boolean fp8, long... n) {
    ComputeKind kind = fp8 ? ComputeKind.GEMM_FP8 : ComputeKind.GEMM_BF16;
    LayerCosts costs = ZERO;
    long widths = 0;
    for (long width : n) {
      costs = costs.plus(of(kind, c.gemmSeconds(m, width, k, fp8), c.gemmSeconds(m, k, width, fp8),
          c.weightGradSeconds(k, width, m, fp8)));
      widths += width;
    }
    return costs.plus(Fp8Passes.around(c, m, widths, k, fp8));
  }

  /** A memory-bound pass of class {@code kernel}: run forward and again in the backward, no weights. */
  static LayerCosts memoryBound(ComputeCosts c, org.hourglass.fp8.MemoryBoundKernel kernel, double bytes) {
    double seconds = c.memoryBoundSeconds(kernel, bytes);
    return of(ComputeKind.MEMORY_BOUND, seconds, seconds, 0);
  }

  /** The forward pass rerun in the backward (recomputation): its seconds added to the input gradients. */
  LayerCosts recomputedInBackward() {
    return new LayerCosts(new double[KINDS], forward.clone(), new double[KINDS]);
  }

  double forwardSeconds() {
    return sum(forward);
  }

  double inputGradSeconds() {
    return sum(inputGrad);
  }

  double weightGradSeconds() {
    return sum(weightGrad);
  }

  /** Seconds of every pass together, by kind. */
  double[] allPasses() {
    return add(add(forward, inputGrad), weightGrad);
  }

  private static double[] one(ComputeKind kind, double seconds) {
    double[] values = new double[KINDS];
    values[kind.ordinal()] = seconds;
    return values;
  }

  private static double[] add(double[] a, double[] b) {
    double[] sum = new double[KINDS];
    for (int i = 0; i < KINDS; i++) {
      sum[i] = a[i] + b[i];
    }
    return sum;
  }

  private static double sum(double[] values) {
    double total = 0;
    for (double v : values) {
      total += v;
    }
    return total;
  }
}
