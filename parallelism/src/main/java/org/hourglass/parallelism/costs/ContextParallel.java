package org.hourglass.parallelism.costs;

import org.hourglass.comm.Collectives;
import org.hourglass.comm.Link;
import org.hourglass.sim.SimTime;

/**
 * Context parallelism as Llama 3 runs it (arXiv 2407.21783, 3.3.2, "Context parallelism for long
 * sequences"): the {@code degree} GPUs of a group each hold 1/degree of every sequence in two
 * load-balanced chunks, so each query sees half the sequence on average under the causal mask; before
 * the attention core they all-gather what the keys and values are built from ({@link ContextExchange}),
 * and the backward reduce-scatters its gradient (the all-gather's own gradient). The paper says the
 * all-gather's latency is exposed on the critical path, so both collectives are charged to the compute
 * stream; the forward's gathered tensors are kept for the backward rather than gathered again (autograd
 * saves the attention core's inputs; their memory is not in the memory model, an assumption).
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

  /** Tokens of the sequence a GPU gathers from the rest of its group, given its own {@code localTokens}. */
  long gatheredTokens(long localTokens) {
    return (degree - 1L) * localTokens;
  }
}
