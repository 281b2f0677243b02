package org.hourglass.fp8;

import org.hourglass.sim.InvalidInputException;

/**
 * Which FlashAttention generation a run's attention core used, as forward utilisation of the BF16
 * peak against sequence length:
 * <ul>
 *   <li>FlashAttention-3: interpolated in log2(sequence length) on its H100 forward throughput at
 *       head dim 128 (pytorch/benchmark PR #2391, B x S = 16k: 430, 517, 566, 590, 614, 621 TFLOP/s at
 *       512 ... 16384 over the 989 TFLOP/s peak; the FA3 paper's headline is up to 740, 75%);</li>
 *   <li>FlashAttention-2: 35% at every length, the FA3 paper's figure for it on the H100
 *       (arXiv 2407.08608, abstract: "FlashAttention-2 achieving only 35% utilization on the H100
 *       GPU"). A run that improved on it by an unpublished amount (DeepSeek-V2) is slower here than
 *       it was.</li>
 * </ul>
 */
public enum AttentionKernel {
  FLASH_ATTENTION_3("flash-attention-3"),
  FLASH_ATTENTION_2("flash-attention-2");

  private static final double[] SEQ_LENS = {512, 1024, 2048, 4096, 8192, 16384};
  private static final double[] FA3_FORWARD_TFLOPS = {430, 517, 566, 590, 614, 621};
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
    return this == FLASH_ATTENTION_2 ? FA2_UTILISATION : fa3ForwardUtilisation(seqLen);
  }

  private static double fa3ForwardUtilisation(long seqLen) {
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
    double t = Math.log(seqLen) / Math.log(2) - Math.log(SEQ_LENS[i]) / Math.log(2);
    return (FA3_FORWARD_TFLOPS[i] + t * (FA3_FORWARD_TFLOPS[i + 1] - FA3_FORWARD_TFLOPS[i])) / H100_BF16_TFLOPS;
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
