package org.hourglass.comm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;

/**
 * Fits the two achievable-bandwidth fractions on two rows of DeepEP's table and reports every row's
 * error. The NVLink fraction comes from the intranode EP8 dispatch (pure NVLink); the RDMA fraction,
 * with that NVLink fraction fixed, from the internode EP32 dispatch. Every other row (EP8 combine,
 * EP16, EP32 combine, EP64) is held out: the model predicts it without having seen it.
 */
public final class DeepEpCalibration {
  /** The rows the fit uses; all others are held out. */
  public static final int NVLINK_FIT_EP = 8;
  public static final int RDMA_FIT_EP = 32;
  /** Seed of the benchmark routing samples. */
  public static final long SEED = 2025;

  private final Fabric fabric;
  private final Map<Integer, DeepEpBenchmark> benchmarks = new TreeMap<>();

  /** Benchmarks are built on first use (a routing sample of ep x 4096 tokens each). */
  public DeepEpCalibration(Fabric fabric) {
    this.fabric = fabric;
  }

  /** The fitted fractions. */
  public AchievableBandwidth fit() {
    int sat = AchievableBandwidth.DEEPSEEK_V3_SATURATION_SMS;
    DeepEpBenchmark nvl = benchmark(NVLINK_FIT_EP);
    double nvlink = solve(f -> nvl.predictedGBps(new AchievableBandwidth(f, 1, sat, ""), AllToAllModel.Phase.DISPATCH),
        nvl.row().dispatchGBps());
    DeepEpBenchmark rdmaRow = benchmark(RDMA_FIT_EP);
    double rdma = solve(f -> rdmaRow.predictedGBps(new AchievableBandwidth(nvlink, f, sat, ""),
        AllToAllModel.Phase.DISPATCH), rdmaRow.row().dispatchGBps());
    return new AchievableBandwidth(nvlink, rdma, sat, String.format(
        "fitted on DeepEP EP%d intranode dispatch (NVLink %.3f of %.0f GB/s) and EP%d internode dispatch"
            + " (RDMA %.3f of %.0f GB/s); other rows held out", NVLINK_FIT_EP, nvlink,
        fabric.nvlinkBytesPerSecondPerGpu() / 1e9, RDMA_FIT_EP, rdma, fabric.ibBytesPerSecondPerGpu() / 1e9));
  }

  /** Every row and phase, predicted with {@code achievable} against the published figure. */
  public List<Comparison> compare(AchievableBandwidth achievable) {
    List<Comparison> rows = new ArrayList<>();
    for (DeepEpTable.Row row : DeepEpTable.ROWS) {
      DeepEpBenchmark b = benchmark(row.ep());
      for (AllToAllModel.Phase phase : AllToAllModel.Phase.values()) {
        boolean fitted = phase == AllToAllModel.Phase.DISPATCH
            && (b.row().ep() == NVLINK_FIT_EP || b.row().ep() == RDMA_FIT_EP);
        rows.add(new Comparison(b.row(), phase, b.row().publishedGBps(phase), b.predictedGBps(achievable, phase),
            b.time(achievable, phase).bottleneckLink(), fitted));
      }
    }
    return rows;
  }

  /** The benchmark of one row. */
  public DeepEpBenchmark benchmark(int ep) {
    return benchmarks.computeIfAbsent(ep, e -> new DeepEpBenchmark(DeepEpTable.row(e), fabric, SEED));
  }

  /** Bisection for f in (0, 1] with rate(f) = target; rate is non-decreasing in f. */
  static double solve(DoubleUnaryOperator rate, double target) {
    if (rate.applyAsDouble(1.0) < target) {
      throw new IllegalStateException("even the full link bandwidth gives less than " + target + " GB/s");
    }
    double low = 1e-3;
    double high = 1.0;
    for (int i = 0; i < 60; i++) {
      double mid = (low + high) / 2;
      if (rate.applyAsDouble(mid) < target) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return high;
  }

  /** One row's prediction against DeepEP's figure; {@code fitted} marks the two rows the fit used. */
  public record Comparison(DeepEpTable.Row row, AllToAllModel.Phase phase, double publishedGBps,
      double predictedGBps, String bottleneck, boolean fitted) {
    /** Relative error, predicted over published minus one. */
    public double relativeError() {
      return predictedGBps / publishedGBps - 1;
    }
  }
}
