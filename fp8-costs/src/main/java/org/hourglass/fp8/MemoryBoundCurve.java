package org.hourglass.fp8;

/**
 * The time of one memory-bound kernel launch against the bytes it moves: a per-launch floor plus the
 * bytes over a sustained bandwidth, t = floorSeconds + bytes / bytesPerSecond (Hockney's
 * latency-bandwidth model). The achieved bandwidth, bytes / t, rises towards bytesPerSecond as the
 * launch grows; the floor is what small launches (decode, small micro-batches) pay.
 *
 * @param floorSeconds the time of a launch that moves nothing: launch and tail latency
 * @param bytesPerSecond the sustained bandwidth of large launches
 * @param source where both figures come from
 */
public record MemoryBoundCurve(double floorSeconds, double bytesPerSecond, String source) {
  public MemoryBoundCurve {
    if (!(floorSeconds >= 0) || Double.isInfinite(floorSeconds)) {
      throw new IllegalArgumentException("floor must be a finite number of seconds >= 0, got " + floorSeconds);
    }
    if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
      throw new IllegalArgumentException("bandwidth must be positive and finite, got " + bytesPerSecond);
    }
  }

  /** Seconds of a launch moving {@code bytes}; a launch that moves nothing is not made, so it costs nothing. */
  public double seconds(double bytes) {
    return bytes <= 0 ? 0 : floorSeconds + bytes / bytesPerSecond;
  }

  /** The bandwidth a launch of {@code bytes} achieves. */
  public double achievedBytesPerSecond(double bytes) {
    return bytes / seconds(bytes);
  }
}
