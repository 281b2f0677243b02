package org.hourglass.fp8;

import java.util.Arrays;
import java.util.List;

/** One GEMM problem (possibly grouped) priced for a given tile shape; see {@link GemmModel} for the formula. */
final class GemmWork {
  /** How the kernel writes C: once in BF16 (forward, dgrad), or read and written in FP32 (wgrad accumulation). */
  enum Output {
    BF16,
    FP32_ACCUMULATE
  }

  private final ComputeDevice device;
  private final GemmDtype dtype;
  private final long[] rowsPerGroup;
  private final long totalRows;
  private final long n;
  private final long k;
  private final int sms;
  private final KernelEfficiency efficiency;
  private final Output output;

  GemmWork(ComputeDevice device, GemmDtype dtype, long[] rowsPerGroup, long n, long k, int sms,
      KernelEfficiency efficiency, Output output) {
    this.device = device;
    this.dtype = dtype;
    this.rowsPerGroup = rowsPerGroup;
    this.totalRows = Arrays.stream(rowsPerGroup).sum();
    this.n = n;
    this.k = k;
    this.sms = sms;
    this.efficiency = efficiency;
    this.output = output;
  }

  double usefulFlops() {
    return 2.0 * totalRows * n * k;
  }

  long tiles(TileShape tile) {
    return Arrays.stream(rowsPerGroup).map(m -> tile.tilesFor(m, n)).sum();
  }

  /** Tensor-core rate of one SM in the main loop of this tile shape. */
  double smFlopsPerSecond(TileShape tile) {
    return device.peakFlopsPerSecond(dtype) / device.sms() * SharedMemoryFeed.tensorFraction(tile.blockN())
        * efficiency.tensorFraction();
  }

  GemmCost plan(TileShape tile) {
    long tiles = tiles(tile);
    long waves = TileShape.ceilDiv(tiles, sms);
    double compute = waves * 2.0 * tile.blockM() * tile.blockN() * k / smFlopsPerSecond(tile);
    double ideal = usefulFlops() / (sms * smFlopsPerSecond(new TileShape(tile.blockM(), 128)));
    double idealCompute = Math.min(ideal, compute);
    HbmTraffic traffic = output == Output.BF16 ? HbmTraffic.of(dtype, rowsPerGroup, n, k)
        : HbmTraffic.weightGradient(dtype, totalRows, n, k);
    double memory = traffic.totalBytes() / hbmBytesPerSecond();
    Fp32Promotion promotion = Fp32Promotion.of(device, dtype, totalRows * n, k, waves, tile, sms);
    double overheads = waves * efficiency.tileOverheadSeconds() + efficiency.launchSeconds();
    boolean computeWins = compute >= memory;
    double seconds = Math.max(compute, memory) + overheads + promotion.exposedSeconds();
    List<CostItem> items = new java.util.ArrayList<>();
    items.add(new CostItem("tensor-core compute", idealCompute, computeWins ? idealCompute : 0,
        "useful flops at " + pct(efficiency.tensorFraction()) + " of the " + dtype + " peak over " + sms + " SMs"));
    items.add(new CostItem("wave and tile quantization", compute - idealCompute,
        computeWins ? compute - idealCompute : 0, tiles + " tiles of " + tile + " in " + waves + " waves"
            + ", narrow-tile feed " + pct(SharedMemoryFeed.tensorFraction(tile.blockN()))));
    items.addAll(traffic.items(hbmBytesPerSecond(), computeWins));
    items.add(new CostItem("tile prologue/epilogue", waves * efficiency.tileOverheadSeconds(),
        waves * efficiency.tileOverheadSeconds(), "per tile, once per wave"));
    items.add(new CostItem("kernel launch", efficiency.launchSeconds(), efficiency.launchSeconds(), "per launch"));
    items.add(promotion.item());
    Bound bound = computeWins
        ? GemmModel.boundOf(idealCompute, compute - idealCompute, 0, overheads)
        : GemmModel.boundOf(0, 0, memory, overheads);
    return new GemmCost(device.name(), dtype, totalRows, n, k, rowsPerGroup.length, sms, tile, tiles, waves,
        usefulFlops(), traffic.reportedBytes(), seconds, bound, items, efficiency.source());
  }

  private double hbmBytesPerSecond() {
    return device.hbmBytesPerSecond() * efficiency.hbmFraction();
  }

  static String pct(double fraction) {
    return String.format(java.util.Locale.ROOT, "%.1f%%", 100 * fraction);
  }
}
