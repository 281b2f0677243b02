package org.hourglass.parallelism.costs;

import org.hourglass.comm.Collectives;
import org.hourglass.comm.Link;
import org.hourglass.sim.SimTime;
import org.hourglass.workload.Attention;
import org.hourglass.workload.AttentionKind;

/**
 * Context parallelism as Llama 3 runs it (arXiv 2407.21783, 3.3.2, "Context parallelism for long
 * sequences"): the {@code degree} GPUs of a group each hold 1/degree of every sequence in two
 * load-balanced chunks, so each query sees half the sequence on average under the causal mask; before
 * the attention core they all-gather what the keys and values are built from ({@link ContextExchange}),
 * and the backward reduce-scatters its gradient (the all-gather's own gradient). The paper says the
 * all-gather's latency is exposed on the critical path, so the collectives are charged to the compute
 * stream. The gathered tensors are not kept between the passes, an assumption: the backward gathers
 * them again, so a GPU holds one layer's whole-sequence keys and values at a time
 * ({@link #workspaceBytes}), not one per micro-batch in flight.
 *
 * <p>The collectives are rings over {@code link}: NVLink when the group fits in one NVLink domain beside
 * the tensor-parallel group, else the GPU's scale-out NIC (Llama 3 orders its dimensions [TP, CP, PP,
 * DP], 3.3.2, so a CP group spans nodes once TP fills one). They do not share the NIC with the
 * all-to-all in the simulation, an assumption.
 *
 * @param degree GPUs that split one sequence (1: none)
 * @param link one direction of the port the group's rings run over; unused when degree is 1
 * @param exchange what the group gathers
 */
public record ContextParallel(int degree, Link link, ContextExchange exchange) {
  private static final double BF16 = 2.0;
  /** No context parallelism. */
  public static final ContextParallel NONE = new ContextParallel(1, null, ContextExchange.KEY_VALUE);

  public ContextParallel {
    if (degree < 1) {
      throw new IllegalArgumentException("context-parallel degree must be at least 1, got " + degree);
    }
    if (degree > 1 && link == null) {
      throw new IllegalArgumentException("context parallelism needs the link its collectives run over");
    }
  }

  /** Seconds of one ring all-gather (or reduce-scatter) that leaves each GPU {@code wholeBytes}: the whole sequence's share. */
  double collectiveSeconds(double wholeBytes) {
    return degree == 1 ? 0 : SimTime.toSeconds(Collectives.ringAllGatherPs(link, degree, wholeBytes));
  }

  /**
   * Bytes one token's exchange moves to each GPU of the group, on its 1/{@code tp} of the heads: MLA's
   * per-head k_nope and v and its shared RoPE key, or its latent and RoPE key; K and V of the GPU's
   * key-value heads otherwise. BF16.
   */
  public static double exchangedBytesPerToken(Attention a, int tp, ContextExchange exchange) {
    if (a.kind() == AttentionKind.MLA) {
      long heads = a.heads() / tp;
      return exchange == ContextExchange.LATENT ? (a.kvLoraRank() + a.qkRopeHeadDim()) * BF16
          : (heads * (a.qkNopeHeadDim() + a.vHeadDim()) + a.qkRopeHeadDim()) * BF16;
    }
    return 2.0 * Math.max(1, a.kvHeads() / tp) * a.headDim() * BF16;
  }

  /**
   * Bytes a GPU holds while one layer's attention runs on the whole {@code sequenceLength}: the gathered
   * tensors, and with the latent the keys and values rebuilt from it as the attention kernel reads them
   * (per head qk_head_dim + v_head_dim, BF16; at least, since the up-projection's output and the
   * concatenated key briefly coexist). Zero without context parallelism.
   */
  public double workspaceBytes(Attention a, int tp, long sequenceLength) {
    return workspaceBytes(a, tp, degree, exchange, sequenceLength);
  }

  /** As above for a group of {@code degree} GPUs gathering {@code exchange}: memory needs no link. */
  public static double workspaceBytes(Attention a, int tp, int degree, ContextExchange exchange, long sequenceLength) {
    if (degree == 1) {
      return 0;
    }
    double rebuilt = exchange == ContextExchange.LATENT ? (double) (a.heads() / tp) * (a.qkHeadDim() + a.vHeadDim()) * BF16 : 0;
    return sequenceLength * (exchangedBytesPerToken(a, tp, exchange) + rebuilt);
  }

  /** Tokens of the sequence a GPU gathers from the rest of its group, given its own {@code localTokens}. */
  long gatheredTokens(long localTokens) {
    return (degree - 1L) * localTokens;
  }
}
