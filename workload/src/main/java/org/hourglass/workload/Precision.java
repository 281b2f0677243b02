package org.hourglass.workload;

import org.hourglass.hardware.SpecNode;

/**
 * The number formats of training, per part (DeepSeek-V3 report, 3.3): FP8 GEMM inputs, BF16 attention
 * core, BF16 working weights, FP32 master weights and gradients, BF16 AdamW moments.
 *
 * @param gemm format GEMM inputs are cast to (and cached in for the backward pass)
 * @param attention format of the attention core's inputs and outputs
 * @param workingWeights format of the weights every rank keeps for its forward and backward
 * @param masterWeights format of the optimizer's copy of the weights
 * @param gradients format gradients are accumulated in
 * @param optimizerMoments format of each of AdamW's two moments
 */
public record Precision(DType gemm, DType attention, DType workingWeights, DType masterWeights, DType gradients, DType optimizerMoments) {
  /** Mixed precision without FP8: BF16 everywhere a kernel runs, FP32 master, gradients and moments. */
  public static final Precision BF16_MIXED = new Precision(DType.BF16, DType.BF16, DType.BF16, DType.FP32, DType.FP32, DType.FP32);

  /** Reads the {@code precision} mapping of a recipe. */
  public static Precision read(SpecNode n) {
    return new Precision(dtype(n, "gemm"), dtype(n, "attention"), dtype(n, "workingWeights"),
        dtype(n, "masterWeights"), dtype(n, "gradients"), dtype(n, "optimizerMoments"));
  }

  private static DType dtype(SpecNode n, String field) {
    return DType.parse(n.text(field), n.fieldPath(field));
  }

  /** Optimizer-state bytes per parameter: master weights plus two moments (ZeRO-1 shards these). */
  public int optimizerStateBytesPerParameter() {
    return masterWeights.bytes() + 2 * optimizerMoments.bytes();
  }
}
