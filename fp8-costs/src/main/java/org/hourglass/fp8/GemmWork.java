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

  /** The seconds {@link #plan} prices {@code tile} at, without its breakdown: what the choice of tile compares. */
  double seconds(TileShape tile) {
    return terms(tile).seconds();
  }

  /** The cost of this GEMM in {@code tile}, with the breakdown a report shows. */
  GemmCost plan(TileShape tile) {
    Terms t = terms(tile);
    List<CostItem> items = new java.util.ArrayList<>();
    items.add(new CostItem("tensor-core compute", t.idealCompute, t.computeWins() ? t.idealCompute : 0,
        "useful flops at " + pct(efficiency.tensorFraction()) + " of the " + dtype + " peak over " + sms + " SMs"));
    items.add(new CostItem("wave and tile quantization", t.compute - t.idealCompute,
        t.computeWins() ? t.compute - t.idealCompute : 0, t.tiles + " tiles of " + tile + " in " + t.waves + " waves"
            + ", narrow-tile feed " + pct(SharedMemoryFeed.tensorFraction(tile.blockN()))));
    items.addAll(t.traffic.items(hbmBytesPerSecond(), t.computeWins()));
    items.add(new CostItem("tile prologue/epilogue", t.waves * efficiency.tileOverheadSeconds(),
        t.waves * efficiency.tileOverheadSeconds(), "per tile, once per wave"));
    items.add(new CostItem("kernel launch", efficiency.launchSeconds(), efficiency.launchSeconds(), "per launch"));
    items.add(t.promotion.item());
    Bound bound = t.computeWins()
        ? GemmModel.boundOf(t.idealCompute, t.compute - t.idealCompute, 0, t.overheads)
        : GemmModel.boundOf(0, 0, t.memory, t.overheads);
    return new GemmCost(device.name(), dtype, totalRows, n, k, rowsPerGroup.length, sms, tile, t.tiles, t.waves,
        usefulFlops(), t.traffic.reportedBytes(), t.seconds(), bound, items, efficiency.source());
  }

  /**
   * The terms of the model in one tile shape: the main loop's compute over whole waves (and the ideal
   * at 128-wide tiles), HBM traffic, the exposed FP32 promotion and the per-wave and per-launch overheads.
   */
  private record Terms(long tiles, long waves, double compute, double idealCompute, HbmTraffic traffic, double memory,
      Fp32Promotion promotion, double overheads) {
    boolean computeWins() {
      return compute >= memory;
    }

    double seconds() {
      return Math.max(compute, memory) + overheads + promotion.exposedSeconds();
    }
  }

  private Terms terms(TileShape tile) {
    long tiles = tiles(tile);
    long waves = TileShape.ceilDiv(tiles, sms);
    double compute = waves * 2.0 * tile.blockM() * tile.blockN() * k / smFlopsPerSecond(tile);
    double ideal = usefulFlops() / (sms * smFlopsPerSecond(new TileShape(tile.blockM(), 128)));
    HbmTraffic traffic = output == Output.BF16 ? HbmTraffic.of(dtype, rowsPerGroup, n, k)
        : HbmTraffic.weightGradient(dtype, totalRows, n, k);
    double memory = traffic.totalBytes() / hbmBytesPerSecond();
    Fp32Promotion promotion = Fp32Promotion.of(device, dtype, totalRows * n, k, waves, tile, sms);
    double overheads = waves * efficiency.tileOverheadSeconds() + efficiency.launchSeconds();
    return new Terms(tiles, waves, compute, Math.min(ideal, compute), traffic, memory, promotion, overheads);
  }

  /** The first of {@code candidates} with the fewest seconds (the order breaks ties), planned in full. */
  GemmCost planFastest(List<TileShape> candidates) {
    TileShape best = null;
    double bestSeconds = Double.POSITIVE_INFINITY;
    for (TileShape tile : candidates) {
      double seconds = seconds(tile);
      if (best == null || seconds < bestSeconds) {
        best = tile;
        bestSeconds = seconds;
      }
    }
    return plan(best);
  }

  /** The fewest seconds of any of {@code candidates}: {@link #planFastest}'s seconds, without the breakdown. */
  double fastestSeconds(List<TileShape> candidates) {
    double bestSeconds = Double.POSITIVE_INFINITY;
    for (TileShape tile : candidates) {
      bestSeconds = Math.min(bestSeconds, seconds(tile));
    }
    return bestSeconds;
  }

  private double hbmBytesPerSecond() {
    return device.hbmBytesPerSecond() * efficiency.hbmFraction();
  }

  static String pct(double fraction) {
    return String.format(java.util.Locale.ROOT, "%.1f%%", 100 * fraction);
  }
}
