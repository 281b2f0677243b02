package org.hourglass.parallelism.step;

/**
 * The time one transformer layer of one model stage takes on each GPU that runs it, for one
 * micro-batch, in picoseconds. Compute varies by GPU where routed-expert loads differ (indexed by
 * data-parallel replica); the all-to-all times are per expert-parallel group (indexed by group
 * within the pipeline rank), since a collective ends together for the whole group.
 *
 * <p>Backward is split as DualPipe splits it: input gradients (B) and weight gradients (W); a full
 * backward runs both. The backward all-to-alls mirror the forward ones: the combine's backward sends
 * gradients to the experts, the dispatch's backward brings them home.
 *
 * @param moe whether the layer has an MoE FFN, and so all-to-alls
 * @param attentionForwardPs attention block forward (norm, projections, core, output projection, router)
 * @param attentionInputGradPs attention block input gradients, recomputation included
 * @param attentionWeightGradPs attention block weight gradients
 * @param mlpForwardPs FFN forward by replica (dense FFN, or shared plus routed experts)
 * @param mlpInputGradPs FFN input gradients by replica
 * @param mlpWeightGradPs FFN weight gradients by replica
 * @param dispatchPs forward dispatch by expert group (zero-length for a dense layer)
 * @param combinePs forward combine by expert group
 * @param combineBackwardPs backward of the combine by expert group
 * @param dispatchBackwardPs backward of the dispatch by expert group
 * @param dispatchIbPs by expert group, how long the busiest InfiniBand port of a member streams in
 *     the dispatch's pattern (and the combine-backward's); zero inside one node
 * @param combineIbPs the same for the combine (and the dispatch-backward)
 * @param allToAllLatencyPs the latency in each all-to-all's time, beyond its ports' streaming
 */
public record LayerWork(
    boolean moe,
    long attentionForwardPs,
    long attentionInputGradPs,
    long attentionWeightGradPs,
    long[] mlpForwardPs,
    long[] mlpInputGradPs,
    long[] mlpWeightGradPs,
    long[] dispatchPs,
    long[] combinePs,
    long[] combineBackwardPs,
    long[] dispatchBackwardPs,
    long[] dispatchIbPs,
    long[] combineIbPs,
    long allToAllLatencyPs) {

  /** A dense layer: the same compute on every replica and no all-to-all. */
  public static LayerWork dense(int replicas, long attnF, long attnB, long attnW, long mlpF, long mlpB, long mlpW) {
    return new LayerWork(false, attnF, attnB, attnW, filled(replicas, mlpF), filled(replicas, mlpB),
        filled(replicas, mlpW), new long[0], new long[0], new long[0], new long[0], new long[0], new long[0], 0);
  }

  static long[] filled(int n, long value) {
    long[] values = new long[n];
    java.util.Arrays.fill(values, value);
    return values;
  }
}
