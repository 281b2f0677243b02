package org.hourglass.fp8;

import java.util.List;

/**
 * The modelled time of one GEMM kernel launch (dense or grouped): {@code seconds} is the kernel alone, as
 * DeepGEMM measures it; the breakdown lists every visible cost with its exposed part, which sum to it.
 */
public record GemmCost(
    String device,
    GemmDtype dtype,
    long rows,
    long n,
    long k,
    int groups,
    int sms,
    TileShape tile,
    long tiles,
    long waves,
    double flops,
    double hbmBytes,
    double seconds,
    Bound bound,
    List<CostItem> breakdown,
    String source) {

  public GemmCost {
    breakdown = List.copyOf(breakdown);
  }

  /** Achieved tensor throughput: useful flops over kernel time. */
  public double flopsPerSecond() {
    return flops / seconds;
  }

  /** Achieved throughput in TFLOP/s. */
  public double tflops() {
    return flopsPerSecond() / 1e12;
  }

  /** Achieved HBM bandwidth in bytes per second, as DeepGEMM reports it. */
  public double hbmBytesPerSecond() {
    return hbmBytes / seconds;
  }

  /** The breakdown item of that name. */
  public CostItem item(String name) {
    return breakdown.stream().filter(i -> i.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no cost item " + name));
  }
}
