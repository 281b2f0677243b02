package org.hourglass.fp8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.hourglass.sim.InvalidInputException;

/**
 * GEMM time on one GPU: a persistent kernel that walks BLOCK_M x BLOCK_N output tiles over the SMs given to
 * it, as DeepGEMM does. Per tile shape:
 * compute = waves x 2 BLOCK_M BLOCK_N K / (per-SM peak x shared-memory feed x tensor fraction),
 * memory = bytes of A, B, scale factors and BF16 C / (HBM bandwidth x HBM fraction),
 * time = max(compute, memory) + waves x tile overhead + launch + exposed FP32 promotion,
 * minimised over DeepGEMM's tile shapes. Bytes are counted once (re-reads across tiles assumed to hit L2).
 */
public final class GemmModel {
  /** The largest m, n or k priced: 2^31, beyond any layer; larger ones are typos that overflow the tile counts. */
  public static final long MAX_DIMENSION = 1L << 31;
  private final ComputeDevice device;
  private final GemmDtype dtype;
  private final KernelEfficiency efficiency;

  public GemmModel(ComputeDevice device, GemmDtype dtype, KernelEfficiency efficiency) {
    if (!device.supports(dtype)) {
      throw new InvalidInputException("dtype", device.name() + " has no " + dtype.name() + " tensor cores");
    }
    this.device = device;
    this.dtype = dtype;
    this.efficiency = efficiency;
  }

  /** The model with the published-kernel efficiency: DeepGEMM's H800 table for FP8, the cuBLAS note for BF16. */
  public static GemmModel calibrated(ComputeDevice device, GemmDtype dtype) {
    KernelEfficiency fp8 = DeepGemmCalibration.h800();
    return new GemmModel(device, dtype, dtype == GemmDtype.FP8 ? fp8 : KernelEfficiency.bf16From(fp8));
  }

  public ComputeDevice device() {
    return device;
  }

  public GemmDtype dtype() {
    return dtype;
  }

  public KernelEfficiency efficiency() {
    return efficiency;
  }

  /** One dense m x n x k GEMM on {@code sms} SMs. */
  public GemmCost dense(long m, long n, long k, int sms) {
    return grouped(new long[] {m}, n, k, sms, GroupedLayout.MASKED);
  }

  /**
   * One grouped launch for experts with {@code rowsPerGroup} tokens each (zeros allowed), all N x K: the
   * tiles of every group share the waves, so only the launch's last wave is partial.
   */
  public GemmCost grouped(long[] rowsPerGroup, long n, long k, int sms, GroupedLayout layout) {
    return groupedWork(rowsPerGroup, n, k, sms).planFastest(TileShape.candidates(layout == GroupedLayout.CONTIGUOUS));
  }

  /** {@link #grouped}'s seconds, without building its breakdown (what a step's cost model asks, many times). */
  public double groupedSeconds(long[] rowsPerGroup, long n, long k, int sms, GroupedLayout layout) {
    return groupedWork(rowsPerGroup, n, k, sms).fastestSeconds(TileShape.candidates(layout == GroupedLayout.CONTIGUOUS));
  }

  private GemmWork groupedWork(long[] rowsPerGroup, long n, long k, int sms) {
    validate(rowsPerGroup, n, k, sms);
    return new GemmWork(device, dtype, rowsPerGroup.clone(), n, k, sms, efficiency, GemmWork.Output.BF16);
  }

  /** {@link #dense}'s seconds, without its breakdown. */
  public double denseSeconds(long m, long n, long k, int sms) {
    return groupedSeconds(new long[] {m}, n, k, sms, GroupedLayout.MASKED);
  }

  /**
   * The weight gradient dW[m x n] = X^T dY over {@code k} tokens, as DeepGEMM's wgrad kernels run it:
   * both operands with 1x128 scales along K, the FP32 output read and written in place (gradient
   * accumulation), tile shapes {@link TileShape#weightGradientCandidates()}. Price it with a model
   * whose efficiency was fitted on the weight-gradient table ({@link DeepGemmCalibration#wgradH800()}).
   */
  public GemmCost weightGradient(long m, long n, long k, int sms) {
    validate(new long[] {m}, n, k, sms);
    return weightGradientWork(m, n, k, sms).planFastest(TileShape.weightGradientCandidates());
  }

  /** {@link #weightGradient}'s seconds, without its breakdown. */
  public double weightGradientSeconds(long m, long n, long k, int sms) {
    return weightGradientWork(m, n, k, sms).fastestSeconds(TileShape.weightGradientCandidates());
  }

  private GemmWork weightGradientWork(long m, long n, long k, int sms) {
    validate(new long[] {m}, n, k, sms);
    return new GemmWork(device, dtype, new long[] {m}, n, k, sms, efficiency, GemmWork.Output.FP32_ACCUMULATE);
  }

  /**
   * One k-grouped weight-gradient launch over experts that share m x n, each with its own tokens
   * (zeros allowed): every group runs its own waves, the launch is paid once.
   */
  public double groupedWeightGradientSeconds(long m, long n, long[] tokensPerGroup, int sms) {
    double seconds = 0;
    int launched = 0;
    for (long k : tokensPerGroup) {
      if (k > 0) {
        seconds += weightGradientSeconds(m, n, k, sms);
        launched++;
      }
    }
    return launched == 0 ? 0 : seconds - (launched - 1) * efficiency.launchSeconds();
  }

  /** The same experts as one launch each, back to back: the sum of their dense times. */
  public double separateLaunchesSeconds(long[] rowsPerGroup, long n, long k, int sms) {
    return Arrays.stream(rowsPerGroup).filter(m -> m > 0).mapToDouble(m -> denseSeconds(m, n, k, sms)).sum();
  }

  private void validate(long[] rowsPerGroup, long n, long k, int sms) {
    positive("n", n);
    positive("k", k);
    if (Arrays.stream(rowsPerGroup).anyMatch(m -> m > MAX_DIMENSION)) {
      throw new InvalidInputException("m", "must be at most " + MAX_DIMENSION + " rows, got " + Arrays.toString(rowsPerGroup));
    }
    if (rowsPerGroup.length == 0 || Arrays.stream(rowsPerGroup).anyMatch(m -> m < 0)
        || Arrays.stream(rowsPerGroup).sum() < 1) {
      throw new InvalidInputException("m", "needs at least one row and no negative group, got "
          + Arrays.toString(rowsPerGroup));
    }
    if (sms < 1 || sms > device.sms()) {
      throw new InvalidInputException("sms", "must lie in 1.." + device.sms() + " for " + device.name() + ", got " + sms);
    }
  }

  private static void positive(String field, long value) {
    if (value < 1) {
      throw new InvalidInputException(field, "must be positive, got " + value);
    }
    if (value > MAX_DIMENSION) {
      throw new InvalidInputException(field, "must be at most " + MAX_DIMENSION + ", got " + value);
    }
  }

  /** How the groups of a grouped GEMM are laid out; contiguous pads each group to BLOCK_M = 128. */
  public enum GroupedLayout {
    CONTIGUOUS,
    MASKED
  }

  /** Lists the exposed parts by bound so the largest can be named. */
  static Bound boundOf(double compute, double quantization, double memory, double overhead) {
    List<double[]> parts = new ArrayList<>();
    parts.add(new double[] {compute, Bound.COMPUTE.ordinal()});
    parts.add(new double[] {quantization, Bound.WAVE_QUANTIZATION.ordinal()});
    parts.add(new double[] {memory, Bound.MEMORY.ordinal()});
    parts.add(new double[] {overhead, Bound.OVERHEAD.ordinal()});
    double[] largest = parts.stream().max(Comparator.comparingDouble(p -> p[0])).orElseThrow();
    return Bound.values()[(int) largest[1]];
  }
}
