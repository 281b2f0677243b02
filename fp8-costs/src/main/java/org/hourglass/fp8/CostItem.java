package org.hourglass.fp8;

/**
 * One visible line of a cost breakdown: what it is, the time it would take alone, the part of it that
 * adds to the total (the rest is overlapped with something longer), and where its figure comes from.
 */
public record CostItem(String name, double seconds, double exposedSeconds, String note) {
  public CostItem {
    if (seconds < 0 || exposedSeconds < 0 || exposedSeconds > seconds * (1 + 1e-12) + 1e-18) {
      throw new IllegalArgumentException(name + ": exposed " + exposedSeconds + " s of " + seconds + " s");
    }
  }
}
