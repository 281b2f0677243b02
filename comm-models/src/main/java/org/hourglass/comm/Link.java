package org.hourglass.comm;

import org.hourglass.sim.SimTime;

/**
 * One direction of a point-to-point link: a latency and a bandwidth. A transfer of {@code bytes}
 * takes {@code latency + bytes / bandwidth} (the alpha-beta model, Hockney 1994), never less.
 */
public record Link(String name, double bytesPerSecond, long latencyPs) {
  public Link {
    if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
      throw new IllegalArgumentException(name + ": bandwidth must be positive and finite, got " + bytesPerSecond);
    }
    if (latencyPs < 0) {
      throw new IllegalArgumentException(name + ": latency must not be negative, got " + latencyPs);
    }
  }

  /** Time to move {@code bytes} once over this link: latency plus serialization, rounded up. */
  public long transferPs(double bytes) {
    return latencyPs + serializationPs(bytes);
  }

  /** Time the bytes occupy the link, without the latency. */
  public long serializationPs(double bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException(name + ": negative byte count " + bytes);
    }
    return SimTime.transferPs(bytes, bytesPerSecond);
  }

  /** The same link with its bandwidth scaled by {@code fraction} (0, 1]. */
  public Link scaled(double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException(name + ": bandwidth fraction must be in (0, 1], got " + fraction);
    }
    return new Link(name, bytesPerSecond * fraction, latencyPs);
  }
}
