package org.hourglass.fp8;

/**
 * FlashAttention-style attention core on the BF16 tensor cores: time = matmul flops / (BF16 peak x
 * utilisation). Forward utilisation is interpolated in log2(sequence length) on FlashAttention-3's H100
 * forward throughput at head dim 128 (pytorch/benchmark PR #2391, B x S = 16k: 430, 517, 566, 590, 614,
 * 621 TFLOP/s at 512 ... 16384 over the 989 TFLOP/s peak; the FA3 paper's headline is up to 740, 75%).
 * Assumptions: causal masking keeps the same utilisation; backward reaches 0.85 of the forward
 * utilisation (FlashAttention-2 reports up to 73% forward and about 63% backward on A100; not measured here
 * for FA3); other devices keep the H100 utilisation.
 */
public final class AttentionCost {
  private static final double[] SEQ_LENS = {512, 1024, 2048, 4096, 8192, 16384};
  private static final double[] FA3_FORWARD_TFLOPS = {430, 517, 566, 590, 614, 621};
  private static final double H100_BF16_TFLOPS = 989;
  /** Assumed backward/forward utilisation ratio (see class comment). */
  public static final double BACKWARD_OVER_FORWARD = 0.85;

  private final ComputeDevice device;

  public AttentionCost(ComputeDevice device) {
    this.device = device;
  }

  /** Forward utilisation of the BF16 peak at this sequence length. */
  public static double forwardUtilisation(long seqLen) {
    double x = Math.log(seqLen) / Math.log(2);
    int last = SEQ_LENS.length - 1;
    if (seqLen <= SEQ_LENS[0]) {
      return FA3_FORWARD_TFLOPS[0] / H100_BF16_TFLOPS;
    }
    if (seqLen >= SEQ_LENS[last]) {
      return FA3_FORWARD_TFLOPS[last] / H100_BF16_TFLOPS;
    }
    int i = 0;
    while (SEQ_LENS[i + 1] < seqLen) {
      i++;
    }
    double x0 = Math.log(SEQ_LENS[i]) / Math.log(2);
    double t = x - x0;
    return (FA3_FORWARD_TFLOPS[i] + t * (FA3_FORWARD_TFLOPS[i + 1] - FA3_FORWARD_TFLOPS[i])) / H100_BF16_TFLOPS;
  }

  /** Forward time of the attention core. */
  public double forwardSeconds(AttentionShape shape) {
    return shape.forwardFlops() / (device.peakBf16FlopsPerSecond() * forwardUtilisation(shape.seqLen()));
  }

  /** Backward time of the attention core. */
  public double backwardSeconds(AttentionShape shape) {
    double utilisation = forwardUtilisation(shape.seqLen()) * BACKWARD_OVER_FORWARD;
    return shape.backwardFlops() / (device.peakBf16FlopsPerSecond() * utilisation);
  }
}
