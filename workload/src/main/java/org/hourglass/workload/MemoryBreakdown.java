package org.hourglass.workload;

/**
 * Training memory of one GPU, by part, in bytes.
 *
 * @param rank the pipeline rank this is (the one with the largest total)
 * @param parameters parameters the rank holds (both stages under DualPipe)
 * @param weightBytes working weights
 * @param gradientBytes gradients (ZeRO-1 does not shard them)
 * @param masterWeightBytes master weights, sharded over data-parallel ranks
 * @param optimizerMomentBytes the two AdamW moments, sharded over data-parallel ranks
 * @param activationBytes activations of the micro-batches in flight
 * @param microBatchesInFlight micro-batches whose activations the rank keeps at its peak
 * @param hbmBytes the GPU's memory
 */
public record MemoryBreakdown(
    int rank,
    long parameters,
    double weightBytes,
    double gradientBytes,
    double masterWeightBytes,
    double optimizerMomentBytes,
    double activationBytes,
    int microBatchesInFlight,
    double hbmBytes) {

  /** Everything the model counts. */
  public double totalBytes() {
    return weightBytes + gradientBytes + masterWeightBytes + optimizerMomentBytes + activationBytes;
  }

  /** The same breakdown with {@code bytes} more activations (what a caller's parallelism adds, e.g. gathered keys and values). */
  public MemoryBreakdown plusActivations(double bytes) {
    return new MemoryBreakdown(rank, parameters, weightBytes, gradientBytes, masterWeightBytes, optimizerMomentBytes,
        activationBytes + bytes, microBatchesInFlight, hbmBytes);
  }

  /** True when the total is within the GPU's memory. */
  public boolean fits() {
    return totalBytes() <= hbmBytes;
  }
}
