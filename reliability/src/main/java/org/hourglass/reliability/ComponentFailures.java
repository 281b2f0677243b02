package org.hourglass.reliability;

/**
 * How often one class of component interrupts a job, per node and day, and whether getting going
 * again needs a machine swapped (a hardware fault) or only a restart (software, dependencies).
 *
 * @param component GPU, network (NIC, link, switch), host (CPU, memory, power, storage, chassis), or other
 * @param perThousandNodeDays interruptions per 1000 node-days
 * @param needsReplacement whether the job waits for a node to be replaced (a hot spare, or a swap)
 * @param source where the rate comes from
 */
public record ComponentFailures(String component, double perThousandNodeDays, boolean needsReplacement, String source) {
  public ComponentFailures {
    if (!(perThousandNodeDays >= 0) || Double.isInfinite(perThousandNodeDays)) {
      throw new IllegalArgumentException(component + ": rate must be finite and at least 0, got " + perThousandNodeDays);
    }
  }

  /** Interruptions per second over {@code nodes} nodes. */
  public double perSecond(int nodes) {
    return perThousandNodeDays / 1000 * nodes / 86_400;
  }
}
