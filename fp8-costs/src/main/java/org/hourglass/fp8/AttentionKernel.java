package org.hourglass.fp8;

import org.hourglass.sim.InvalidInputException;

/**
 * Which FlashAttention generation a run's attention core used, as utilisation of the BF16 peak against
 * sequence length, interpolated in log2(sequence length) and held flat beyond the measured lengths:
 * <ul>
 *   <li>FlashAttention-3 forward: its H100 forward throughput at head dim 128 (pytorch/benchmark PR
 *       #2391, B x S = 16k: 430, 517, 566, 590, 614, 621 TFLOP/s at 512 ... 16384 over the 989 TFLOP/s
 *       peak; the FA3 paper's headline is up to 740, 75%);</li>
 *   <li>FlashAttention-3 backward: the FA3 paper's backward-speed figure at head dim 128 on the H100
 *       80GB SXM5 (arXiv 2407.08608: 316, 424, 501, 542, 559, 561 TFLOP/s at 512 ... 16k, counted as
 *       2.5 times the forward's FLOPs, as {@link AttentionShape#backwardFlops()} counts them);</li>
 *   <li>FlashAttention-2 forward: 35% at every length, the FA3 paper's figure for it on the H100
 *       (abstract: "FlashAttention-2 achieving only 35% utilization on the H100 GPU"); backward: the
 *       same backward-speed figure's FlashAttention-2 bars (214, 260, 291, 310, 318, 322 TFLOP/s). A
 *       run that improved on it by an unpublished amount (DeepSeek-V2) is slower here than it was.</li>
 * </ul>
 */
public enum AttentionKernel {
  FLASH_ATTENTION_3("flash-attention-3"),
  FLASH_ATTENTION_2("flash-attention-2");

  private static final double[] SEQ_LENS = {512, 1024, 2048, 4096, 8192, 16384};
  private static final double[] FA3_FORWARD_TFLOPS = {430, 517, 566, 590, 614, 621};
  private static final double[] FA3_BACKWARD_TFLOPS = {316, 424, 501, 542, 559, 561};
  private static final double[] FA2_BACKWARD_TFLOPS = {214, 260, 291, 310, 318, 322};
  private static final double H100_BF16_TFLOPS = 989;
  private static final double FA2_UTILISATION = 0.35;

  private final String cliName;

  AttentionKernel(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  /** Forward utilisation of the BF16 peak at this sequence length. */
  public double forwardUtilisation(long seqLen) {
    return this == FLASH_ATTENTION_2 ? FA2_UTILISATION : measured(FA3_FORWARD_TFLOPS, seqLen);
  }

  /** Backward utilisation of the BF16 peak at this sequence length. */
  public double backwardUtilisation(long seqLen) {
    return measured(this == FLASH_ATTENTION_2 ? FA2_BACKWARD_TFLOPS : FA3_BACKWARD_TFLOPS, seqLen);
  }

  private static double measured(double[] tflops, long seqLen) {
    int last = SEQ_LENS.length - 1;
    if (seqLen <= SEQ_LENS[0]) {
      return tflops[0] / H100_BF16_TFLOPS;
    }
    if (seqLen >= SEQ_LENS[last]) {
      return tflops[last] / H100_BF16_TFLOPS;
    }
    int i = 0;
    while (SEQ_LENS[i + 1] < seqLen) {
      i++;
    }
    double t = Math.log(seqLen) / Math.log(2) - Math.log(SEQ_LENS[i]) / Math.log(2);
    return (tflops[i] + t * (tflops[i + 1] - tflops[i])) / H100_BF16_TFLOPS;
  }

  /** The generation a scenario names, or a refusal naming {@code field}. */
  public static AttentionKernel parse(String field, String name) {
    for (AttentionKernel k : values()) {
      if (k.cliName.equals(name)) {
        return k;
      }
    }
    throw new InvalidInputException(field, "unknown attention kernel '" + name + "', use flash-attention-3 or flash-attention-2");
  }
}
