package org.hourglass.parallelism.step;

import java.util.EnumMap;
import java.util.Map;

/**
 * Where one simulated training step's time went. For every GPU, the step time is its busy compute
 * plus its idle compute, split by {@link IdleReason}; the identity holds to the picosecond.
 */
public final class StepResult {
  private final long stepPs;
  private final long[] finishPs;
  private final long[] computeBusyPs;
  private final long[][] idlePs;
  private final long eventsFired;

  StepResult(long stepPs, long[] finishPs, long[] computeBusyPs, long[][] idlePs, long eventsFired) {
    this.stepPs = stepPs;
    this.finishPs = finishPs.clone();
    this.computeBusyPs = computeBusyPs.clone();
    this.idlePs = idlePs;
    this.eventsFired = eventsFired;
  }

  /** The step's length: when the last GPU finished its optimizer step. */
  public long stepPs() {
    return stepPs;
  }

  /** GPUs simulated. */
  public int gpus() {
    return finishPs.length;
  }

  /** When GPU {@code gpu} finished. */
  public long finishPs(int gpu) {
    return finishPs[gpu];
  }

  /** Busy compute of GPU {@code gpu}. */
  public long computeBusyPs(int gpu) {
    return computeBusyPs[gpu];
  }

  /** Idle compute of GPU {@code gpu} charged to {@code reason}. */
  public long idlePs(int gpu, IdleReason reason) {
    return idlePs[reason.ordinal()][gpu];
  }

  /** Busy compute averaged over GPUs. */
  public double meanComputeBusyPs() {
    return mean(computeBusyPs);
  }

  /** Idle compute averaged over GPUs, by reason. */
  public Map<IdleReason, Double> meanIdlePs() {
    Map<IdleReason, Double> means = new EnumMap<>(IdleReason.class);
    for (IdleReason reason : IdleReason.values()) {
      means.put(reason, mean(idlePs[reason.ordinal()]));
    }
    return means;
  }

  /** Engine events the step took to simulate. */
  public long eventsFired() {
    return eventsFired;
  }

  private static double mean(long[] values) {
    double sum = 0;
    for (long v : values) {
      sum += v;
    }
    return sum / values.length;
  }
}
