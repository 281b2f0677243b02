package org.hourglass.fp8;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One {@link MemoryBoundCurve} per {@link MemoryBoundKernel} class: a measured curve where a
 * calibration profile has one, otherwise the curve fitted to published Hopper microbenchmarks of its
 * class ({@link MemoryBoundBenchmarks}: a per-launch floor and a fraction of the datasheet HBM bandwidth).
 */
public final class MemoryBoundCurves {
  private final Map<MemoryBoundKernel, MemoryBoundCurve> curves;

  private MemoryBoundCurves(Map<MemoryBoundKernel, MemoryBoundCurve> curves) {
    this.curves = Collections.unmodifiableMap(curves);
  }

  /** Every class on its published curve, carried to {@code device}. */
  public static MemoryBoundCurves published(ComputeDevice device) {
    return new MemoryBoundCurves(MemoryBoundBenchmarks.curvesOn(device));
  }

  /** These curves with {@code kernel}'s replaced by {@code curve}. */
  public MemoryBoundCurves with(MemoryBoundKernel kernel, MemoryBoundCurve curve) {
    Map<MemoryBoundKernel, MemoryBoundCurve> m = new EnumMap<>(curves);
    m.put(kernel, curve);
    return new MemoryBoundCurves(m);
  }

  /** The curve of one class. */
  public MemoryBoundCurve of(MemoryBoundKernel kernel) {
    return curves.get(kernel);
  }

  /** Seconds of one launch of {@code kernel} moving {@code bytes}. */
  public double seconds(MemoryBoundKernel kernel, double bytes) {
    return curves.get(kernel).seconds(bytes);
  }
}
