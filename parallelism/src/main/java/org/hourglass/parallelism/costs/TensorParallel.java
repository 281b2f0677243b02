package org.hourglass.parallelism.costs;

import org.hourglass.comm.Collectives;
import org.hourglass.comm.Link;
import org.hourglass.sim.SimTime;

/**
 * Megatron-style tensor parallelism with sequence parallelism inside one node (Shoeybi et al. 2019;
 * Korthikanti et al. 2022): the {@code degree} GPUs of a group split every attention block's heads
 * and every FFN's width, and the vocabulary of the output head; outside those, each GPU holds
 * 1/degree of the tokens. Entering a split block all-gathers the tokens' hidden states, leaving it
 * reduce-scatters the partial sums: two all-gathers and two reduce-scatters of tokens x d BF16
 * values per transformer layer forward, the same in the input-gradient pass.
 *
 * <p>The collectives are ring collectives over the GPU's NVLink port ({@link Collectives}) and are
 * charged to the compute stream, un-overlapped: an assumption (frameworks can overlap part of them
 * with the neighbouring GEMMs), stated where the step reports them.
 *
 * @param degree GPUs of a tensor-parallel group (1: none)
 * @param link one direction of a GPU's NVLink port; unused when degree is 1
 */
public record TensorParallel(int degree, Link link) {
  /** No tensor parallelism. */
  public static final TensorParallel NONE = new TensorParallel(1, null);
  /** All-gathers plus reduce-scatters around one transformer layer, per pass. */
  static final int COLLECTIVES_PER_LAYER_PASS = 4;

  public TensorParallel {
    if (degree < 1) {
      throw new IllegalArgumentException("tensor-parallel degree must be at least 1, got " + degree);
    }
    if (degree > 1 && link == null) {
      throw new IllegalArgumentException("tensor parallelism needs the NVLink port it runs over");
    }
  }

  /** Seconds of one ring all-gather (or reduce-scatter) of {@code bytes} over the group. */
  double collectiveSeconds(double bytes) {
    return degree == 1 ? 0 : SimTime.toSeconds(Collectives.ringAllGatherPs(link, degree, bytes));
  }
}
