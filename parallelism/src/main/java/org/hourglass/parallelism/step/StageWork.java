package org.hourglass.parallelism.step;

import java.util.List;

/**
 * The work of one model stage for one micro-batch: its layers, the parts only the first or last
 * stage has (embedding; output head, loss and multi-token-prediction modules), and the time to hand
 * the micro-batch's activations (or their gradients) to the neighbouring stage.
 *
 * @param layers the stage's transformer layers, in model order
 * @param extraForwardPs stage-specific forward work (embedding, head, loss, MTP), on every replica
 * @param extraInputGradPs its input-gradient work
 * @param extraWeightGradPs its weight-gradient work
 * @param handoffPs point-to-point time to send the stage's output to the next stage (or the
 *     gradient to the previous), latency included
 * @param handoffLatencyPs the latency in {@code handoffPs}; the rest streams through the sender's
 *     and the receiver's InfiniBand ports, which the all-to-alls share
 */
public record StageWork(List<LayerWork> layers, long extraForwardPs, long extraInputGradPs, long extraWeightGradPs,
    long handoffPs, long handoffLatencyPs) {
  public StageWork {
    layers = List.copyOf(layers);
  }
}
