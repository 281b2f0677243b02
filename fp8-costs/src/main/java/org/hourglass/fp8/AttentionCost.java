package org.hourglass.fp8;

/**
 * FlashAttention-style attention core on the BF16 tensor cores: time = matmul flops / (BF16 peak x
 * utilisation), the forward and backward utilisations the kernel generation's published ones
 * ({@link AttentionKernel}). Assumptions: causal masking keeps the same utilisation; other devices keep
 * the H100 utilisation.
 */
public final class AttentionCost {
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
    return shape.backwardFlops() / (device.peakBf16FlopsPerSecond() * kernel.backwardUtilisation(shape.seqLen()));
  }
}
