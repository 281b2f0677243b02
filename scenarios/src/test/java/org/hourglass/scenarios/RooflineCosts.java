package org.hourglass.scenarios;

import org.hourglass.hardware.GpuSpec;
import org.hourglass.scenarios.costs.ComputeCosts;

/**
 * A test double: every kernel at a fixed fraction of its roofline peak. Tests use it to check
 * structure (invariants, directions of change), never to predict; the product uses fp8-costs.
 */
final class RooflineCosts implements ComputeCosts {
  private final GpuSpec gpu;
  private final double smShare;
  private final double efficiency;

  RooflineCosts(GpuSpec gpu, int computeSms, double efficiency) {
    this.gpu = gpu;
    this.smShare = computeSms / gpu.sms().value();
    this.efficiency = efficiency;
  }

  @Override
  public double gemmSeconds(long m, long n, long k, boolean fp8) {
    double peak = (fp8 ? gpu.fp8FlopsPerSecond() : gpu.bf16FlopsPerSecond()).value() * smShare * efficiency;
    return 2.0 * m * n * k / peak;
  }

  @Override
  public double groupedGemmSeconds(long[] rows, long n, long k, boolean fp8) {
    double seconds = 0;
    for (long r : rows) {
      seconds += gemmSeconds(r, n, k, fp8);
    }
    return seconds;
  }

  @Override
  public double attentionSeconds(int heads, int qk, int v, long tokens, double meanContext, boolean backward) {
    double flops = 2.0 * heads * (qk + v) * tokens * meanContext * (backward ? 2.5 : 1.0);
    return flops / (gpu.bf16FlopsPerSecond().value() * smShare * efficiency);
  }

  @Override
  public double memoryBoundSeconds(double bytes) {
    return bytes / (gpu.hbmBytesPerSecond().value() * efficiency);
  }
}
