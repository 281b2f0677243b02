package org.hourglass.reliability;

/**
 * The run a reliability simulation replays: its failure-free length, its cluster, and what one
 * checkpoint holds.
 *
 * @param idealSeconds the run's length with nothing failing (the plan's GPU-hours over its GPUs)
 * @param gpus GPUs in the job
 * @param gpusPerNode GPUs a node holds (failure rates are per node)
 * @param checkpointBytes one checkpoint, every GPU's shard together
 * @param writeBytesPerSecond the cluster's aggregate storage write bandwidth
 * @param readBytesPerSecond the cluster's aggregate storage read bandwidth
 */
public record RunShape(double idealSeconds, int gpus, int gpusPerNode, double checkpointBytes, double writeBytesPerSecond,
    double readBytesPerSecond) {
  public int nodes() {
    return Math.max(1, gpus / gpusPerNode);
  }

  /** Seconds the training stalls for one checkpoint: the whole write when synchronous, the copy to host memory when not. */
  public double stallSeconds(ReliabilitySpec r) {
    return r.asynchronous() ? checkpointBytes / gpus / r.hostCopyBytesPerSecondPerGpu() : writeSeconds(r);
  }

  /** Seconds to write one checkpoint to storage. */
  public double writeSeconds(ReliabilitySpec r) {
    return checkpointBytes / writeBytesPerSecond;
  }

  /** Seconds to read one back on restart. */
  public double readSeconds(ReliabilitySpec r) {
    return checkpointBytes / readBytesPerSecond;
  }
}
