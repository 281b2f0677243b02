package org.hourglass.parallelism;

import java.util.Map;
import org.hourglass.parallelism.step.IdleReason;

/**
 * One simulated step: its length, where the mean GPU's time went, and the utilisation of the model
 * FLOPs it did against the BF16 and FP8 dense peaks (MFU: useful training FLOPs, recomputation not
 * counted, over step time x GPUs x peak).
 *
 * @param computeSeconds mean busy compute per GPU
 * @param computeMixShare share of busy compute by {@link org.hourglass.parallelism.costs.ComputeKind} ordinal
 * @param idleSeconds mean idle compute per GPU by reason
 * @param dispatchBottleneck the link that bounds the forward dispatch
 * @param wallSeconds host time the simulation took
 * @param blocksPerStage transformer blocks of each model stage in the split the step used (the first
 *     stage also has the embedding, the last the output head and MTP), cut by the recipe's
 *     {@code stageSplit}: balanced by cost where, as DeepSeek's, the recipe publishes no rule
 */
public record StepReport(
    String phase,
    int sequenceLength,
    int microBatches,
    double tokensPerStep,
    double stepSeconds,
    double computeSeconds,
    double[] computeMixShare,
    Map<IdleReason, Double> idleSeconds,
    double mfuBf16,
    double mfuFp8,
    String dispatchBottleneck,
    long events,
    double wallSeconds,
    int[] blocksPerStage) implements java.io.Serializable {}
