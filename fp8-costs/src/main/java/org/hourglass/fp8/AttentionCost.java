package org.hourglass.fp8;

/**
 * FlashAttention-style attention core on the BF16 tensor cores: time = matmul flops / (BF16 peak x
 * utilisation), the forward utilisation the kernel generation's ({@link AttentionKernel}).
 * Assumptions: causal masking keeps the same utilisation; backward reaches 0.85 of the forward
 * utilisation (FlashAttention-2 reports up to 73% forward and about 63% backward on A100; not measured here
 * for FA3); other devices keep the H100 utilisation.
 */
public final class AttentionCost {
  /** Assumed backward/forward utilisation ratio (see class comment). */
  public static final double BACKWARD_OVER_FORWARD = 0.85;

  private final ComputeDevice device;
  private final AttentionKernel kernel;

  /** FlashAttention-3 on {@code device}. */
  public AttentionCost(ComputeDevice device) {
    this(device, AttentionKernel.FLASH_ATTENTION_3);
  }

  public AttentionCost(ComputeDevice device, AttentionKernel kernel) {
    this.device = device;
    this.kernel = kernel;
  }

  /** The FlashAttention generation these costs are of. */
  public AttentionKernel kernel() {
    return kernel;
  }

  /** FlashAttention-3's forward utilisation of the BF16 peak at this sequence length. */
  public static double forwardUtilisation(long seqLen) {
    return AttentionKernel.FLASH_ATTENTION_3.forwardUtilisation(seqLen);
  }

  /** Forward time of the attention core. */
  public double forwardSeconds(AttentionShape shape) {
    return shape.forwardFlops() / (device.peakBf16FlopsPerSecond() * kernel.forwardUtilisation(shape.seqLen()));
  }

  /** Backward time of the attention core. */
  public double backwardSeconds(AttentionShape shape) {
    double utilisation = kernel.forwardUtilisation(shape.seqLen()) * BACKWARD_OVER_FORWARD;
    return shape.backwardFlops() / (device.peakBf16FlopsPerSecond() * utilisation);
  }
}
