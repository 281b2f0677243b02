package org.hourglass.fp8;

import java.util.Arrays;

/**
 * One row of DeepGEMM's published H800 FP8 table (all 132 SMs): the shape, the layout and the measured
 * TFLOP/s and GB/s. Grouped rows were benchmarked with each group's token count drawn from
 * uniform(0.7, 1.3) x m_per_group (DeepGEMM tests/test_core.py); {@link #benchmarkRows()} stands for those
 * draws by their evenly spaced quantiles, deterministically.
 */
public record DeepGemmRow(String layout, int groups, long mPerGroup, long n, long k, double tflops, double gbps)
    implements MeasuredGemm {

  /** Rows per group as the benchmark ran them. */
  public long[] benchmarkRows() {
    if (layout.equals("dense")) {
      return new long[] {mPerGroup};
    }
    long[] rows = new long[groups];
    Arrays.setAll(rows, i -> (long) Math.floor(mPerGroup * (0.7 + 0.6 * (i + 0.5) / groups)));
    return rows;
  }

  /** The grouped layout the kernel used. */
  public GemmModel.GroupedLayout groupedLayout() {
    return layout.equals("grouped_contiguous") ? GemmModel.GroupedLayout.CONTIGUOUS : GemmModel.GroupedLayout.MASKED;
  }

  /** FLOPs of the nominal shape, as DeepGEMM counts them. */
  @Override
  public double flops() {
    return 2.0 * groups * mPerGroup * n * k;
  }

  /** Kernel time implied by the published TFLOP/s on the nominal shape. */
  @Override
  public double measuredSeconds() {
    return 2.0 * groups * mPerGroup * n * k / (tflops * 1e12);
  }

  @Override
  public double predictedSeconds(GemmModel model) {
    return predict(model).seconds();
  }

  /** The model's kernel time for this row on all 132 H800 SMs. */
  public GemmCost predict(GemmModel model) {
    return model.grouped(benchmarkRows(), n, k, ComputeDevice.H800.sms(), groupedLayout());
  }

  /** Predicted TFLOP/s on the nominal shape, as DeepGEMM reports it. */
  @Override
  public double predictedTflops(GemmModel model) {
    return 2.0 * groups * mPerGroup * n * k / predict(model).seconds() / 1e12;
  }

  @Override
  public String toString() {
    return layout + " g" + groups + " m" + mPerGroup + " n" + n + " k" + k;
  }
}
