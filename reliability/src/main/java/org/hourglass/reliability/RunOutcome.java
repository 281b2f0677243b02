package org.hourglass.reliability;

import java.util.Arrays;

/**
 * What one replayed run came to: its wall time against the failure-free one, and by component
 * class (in the spec's order) the interruptions, the training lost to them and the time down.
 *
 * @param wallSeconds start to finish, failures, restarts and checkpoint stalls included
 * @param idealSeconds the same run with nothing failing and no checkpoints
 * @param interruptions interruptions by class
 * @param lostSeconds training redone by class (progress since the last finished checkpoint)
 * @param downSeconds detection, swap, restart and checkpoint reading by class
 * @param checkpointStallSeconds training stalled for checkpoints
 * @param checkpoints checkpoints taken
 * @param absorbed failures that arrived while the job was already down
 */
public record RunOutcome(double wallSeconds, double idealSeconds, int[] interruptions, double[] lostSeconds, double[] downSeconds,
    double checkpointStallSeconds, int checkpoints, int absorbed) {

  /** Productive time over wall time. */
  public double goodput() {
    return idealSeconds / wallSeconds;
  }

  public int totalInterruptions() {
    return Arrays.stream(interruptions).sum();
  }
}
