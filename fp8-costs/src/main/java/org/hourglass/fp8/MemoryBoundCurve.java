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

  /**
   * The curve through measured launches ({@code bytes[i]} in {@code seconds[i]}) by least squares on the
   * relative error, so that small launches, which decide the floor, weigh as much as large ones: minimise
   * sum ((floor + bytes / bandwidth - t) / t)^2, a regression of 1 on (1/t, bytes/t) without an intercept.
   * A negative floor (noise on a pure stream) is refitted as zero; a bandwidth that is not positive is
   * refused, since no curve of this shape fits launches that do not get faster per byte as they grow.
   */
  public static MemoryBoundCurve fit(double[] bytes, double[] seconds, String source) {
    double suu = 0;
    double suv = 0;
    double svv = 0;
    double su = 0;
    double sv = 0;
    for (int i = 0; i < bytes.length; i++) {
      double u = 1 / seconds[i];
      double v = bytes[i] / seconds[i];
      suu += u * u;
      suv += u * v;
      svv += v * v;
      su += u;
      sv += v;
    }
    double det = suu * svv - suv * suv;
    double floor = (su * svv - sv * suv) / det;
    double slope = (suu * sv - suv * su) / det;
    if (!(floor >= 0)) {
      floor = 0;
      slope = sv / svv;
    }
    if (!(slope > 0)) {
      throw new IllegalArgumentException("launches that do not get faster per byte as they grow have no bandwidth to fit");
    }
    return new MemoryBoundCurve(floor, 1 / slope, source);
  }

  /** Root mean square of (curve - measured) / measured over the launches. */
  public double rmsRelativeError(double[] bytes, double[] seconds) {
    double squares = 0;
    for (int i = 0; i < bytes.length; i++) {
      squares += Math.pow((seconds(bytes[i]) - seconds[i]) / seconds[i], 2);
    }
    return Math.sqrt(squares / bytes.length);
  }

  /** The bandwidth a launch of {@code bytes} achieves. */
  public double achievedBytesPerSecond(double bytes) {
    return bytes / seconds(bytes);
  }
}
