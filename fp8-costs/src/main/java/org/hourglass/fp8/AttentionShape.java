package org.hourglass.fp8;

import org.hourglass.sim.InvalidInputException;

/**
 * One attention core call in explicit dimensions: MHA has kvHeads = queryHeads, GQA fewer, and MLA in
 * training runs as MHA with qk head dim = no-RoPE + RoPE dims (DeepSeek-V3: 128 heads, 192, v 128).
 */
public record AttentionShape(long batch, long seqLen, long queryHeads, long kvHeads, long qkHeadDim, long vHeadDim,
    boolean causal) {

  public AttentionShape {
    positive("batch", batch);
    positive("seqLen", seqLen);
    positive("queryHeads", queryHeads);
    positive("kvHeads", kvHeads);
    positive("qkHeadDim", qkHeadDim);
    positive("vHeadDim", vHeadDim);
    if (queryHeads % kvHeads != 0) {
      throw new InvalidInputException("kvHeads", "must divide queryHeads " + queryHeads + ", got " + kvHeads);
    }
  }

  private static void positive(String field, long value) {
    if (value < 1) {
      throw new InvalidInputException(field, "must be positive, got " + value);
    }
  }

  /** Query-key pairs scored per head: s^2, halved under a causal mask. */
  public double pairsPerHead() {
    double all = (double) seqLen * seqLen;
    return causal ? all / 2 : all;
  }

  /** Forward matmul flops: S = Q K^T and O = P V, 2 flops per multiply-add. */
  public double forwardFlops() {
    return 2.0 * batch * queryHeads * pairsPerHead() * (qkHeadDim + vHeadDim);
  }

  /** Backward matmul flops: recompute S, dP = dO V^T, dV = P^T dO, dQ = dS K, dK = dS^T Q. */
  public double backwardFlops() {
    return 2.0 * batch * queryHeads * pairsPerHead() * (3 * qkHeadDim + 2 * vHeadDim);
  }
}
