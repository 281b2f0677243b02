package org.hourglass.parallelism.costs;

import org.hourglass.fp8.AttentionCost;
import org.hourglass.fp8.AttentionKernel;
import org.hourglass.fp8.AttentionShape;
import org.hourglass.fp8.ComputeDevice;
import org.hourglass.fp8.DeepGemmCalibration;
import org.hourglass.fp8.GemmDtype;
import org.hourglass.fp8.GemmModel;
import org.hourglass.fp8.KernelEfficiency;
import org.hourglass.fp8.KernelGeneration;
import org.hourglass.fp8.MemoryBoundCurves;
import org.hourglass.fp8.MemoryBoundKernel;
import org.hourglass.hardware.GpuSpec;

/**
 * {@link ComputeCosts} over the fp8-costs models, on the SMs left after communication: forward and
 * input-gradient GEMMs from the model calibrated on DeepGEMM's forward table, FP8 weight gradients
 * from the model calibrated on DeepGEMM's weight-gradient table (BF16 weight gradients as BF16
 * GEMMs), the attention core from FlashAttention-3's (or the run's generation's) published utilisation scaled to the SMs it
 * gets, and memory-bound passes from each kernel class's curve (fitted to published Hopper
 * microbenchmarks, {@link org.hourglass.fp8.MemoryBoundBenchmarks}, unless a calibration measured the class). The FP8 quantization passes are priced
 * by the caller ({@link Fp8Passes}); weights are quantized once per optimizer step, not per
 * micro-batch, so that pass is left out.
 */
public final class Fp8ComputeCosts implements ComputeCosts {
  private final ComputeDevice device;
  private final int sms;
  private final GemmModel fp8;
  private final GemmModel fp8Grouped;
  private final GemmModel fp8WeightGrad;
  private final GemmModel bf16;
  private final AttentionCost attention;
  private final MemoryBoundCurves memoryBound;
  private final java.util.Map<Shape, Double> gemmCache = new java.util.HashMap<>();
  private final java.util.Map<Shape, Double> weightGradCache = new java.util.HashMap<>();

  /** What a memoised time is of: a dense GEMM, a grouped one, a weight gradient or a k-grouped one. */
  private enum Kind { DENSE, GROUPED, WEIGHT_GRADIENT, GROUPED_WEIGHT_GRADIENT }

  /**
   * A memo key: the kind and the dimensions (with the rows or tokens per expert of a grouped launch),
   * compared by value. The kind keeps a one-expert grouped launch (contiguous tiles) apart from the
   * dense GEMM of the same numbers (masked tiles).
   */
  private record Shape(Kind kind, long[] dimensions) {
    static Shape of(Kind kind, long[] perGroup, long... rest) {
      long[] all = java.util.Arrays.copyOf(perGroup, perGroup.length + rest.length);
      System.arraycopy(rest, 0, all, perGroup.length, rest.length);
      return new Shape(kind, all);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Shape other && kind == other.kind && java.util.Arrays.equals(dimensions, other.dimensions);
    }

    @Override
    public int hashCode() {
      return 31 * kind.hashCode() + java.util.Arrays.hashCode(dimensions);
    }
  }

  /** The costs with DeepGEMM's published GEMM efficiencies ({@link GemmModel#calibrated}). */
  public Fp8ComputeCosts(GpuSpec gpu, int computeSms) {
    this(gpu, computeSms, KernelGeneration.DEEPGEMM_2025);
  }

  /** The costs with the published GEMM efficiencies of the given kernel generation. */
  public Fp8ComputeCosts(GpuSpec gpu, int computeSms, KernelGeneration kernels) {
    this(gpu, computeSms, DeepGemmCalibration.h800(), KernelEfficiency.bf16From(DeepGemmCalibration.h800()), kernels);
  }

  /**
   * The costs with forward GEMMs at the given efficiencies (a calibration profile's, say), FP8 weight
   * gradients at DeepGEMM's published wgrad efficiency, FP8 kernels of the given generation, the rest
   * as published.
   */
  public Fp8ComputeCosts(GpuSpec gpu, int computeSms, KernelEfficiency fp8Efficiency, KernelEfficiency bf16Efficiency,
      KernelGeneration kernels) {
    this(gpu, computeSms, fp8Efficiency, bf16Efficiency, kernels, MemoryBoundCurves.published(deviceOf(gpu)));
  }

  /** As above, with memory-bound kernels on the given curves (a calibration profile's, where it measured a class). */
  public Fp8ComputeCosts(GpuSpec gpu, int computeSms, KernelEfficiency fp8Efficiency, KernelEfficiency bf16Efficiency,
      KernelGeneration kernels, MemoryBoundCurves memoryBound) {
    this.device = deviceOf(gpu);
    this.sms = computeSms;
    boolean hasFp8 = device.supports(GemmDtype.FP8);
    this.fp8 = hasFp8 ? new GemmModel(device, GemmDtype.FP8, kernels.dense(fp8Efficiency)) : null;
    this.fp8Grouped = hasFp8 ? new GemmModel(device, GemmDtype.FP8, kernels.grouped(fp8Efficiency)) : null;
    this.fp8WeightGrad = hasFp8
        ? new GemmModel(device, GemmDtype.FP8, kernels.weightGradient(DeepGemmCalibration.wgradH800())) : null;
    this.bf16 = new GemmModel(device, GemmDtype.BF16, bf16Efficiency);
    this.attention = new AttentionCost(device);
    this.memoryBound = memoryBound;
  }

  private Fp8ComputeCosts(Fp8ComputeCosts costs, AttentionCost attention) {
    this.device = costs.device;
    this.sms = costs.sms;
    this.fp8 = costs.fp8;
    this.fp8Grouped = costs.fp8Grouped;
    this.fp8WeightGrad = costs.fp8WeightGrad;
    this.bf16 = costs.bf16;
    this.attention = attention;
    this.memoryBound = costs.memoryBound;
  }

  /** The same costs with the attention core of {@code kernel} (these costs themselves where it already is). */
  @Override
  public ComputeCosts withAttention(AttentionKernel kernel) {
    return kernel == attention.kernel() ? this : new Fp8ComputeCosts(this, new AttentionCost(device, kernel));
  }

  /** The catalog's GPU as the compute models see it, every figure from the same datasheet entry. */
  public static ComputeDevice deviceOf(GpuSpec gpu) {
    return new ComputeDevice(gpu.name(), (int) gpu.sms().value(), gpu.fp8FlopsPerSecond().value(),
        gpu.bf16FlopsPerSecond().value(), gpu.fp32FlopsPerSecond().value(), gpu.hbmBytesPerSecond().value(),
        (long) gpu.l2Bytes().value(), "hardware catalog: " + gpu.name() + " (" + gpu.sms().source() + ")");
  }

  /** Memoised: a step asks for the same shapes many times (every layer, every replica). */
  @Override
  public double gemmSeconds(long m, long n, long k, boolean lowPrecision) {
    return gemmCache.computeIfAbsent(new Shape(Kind.DENSE, new long[] {m, n, k, lowPrecision ? 1L : 0L}),
        key -> uncachedGemmSeconds(m, n, k, lowPrecision));
  }

  private double uncachedGemmSeconds(long m, long n, long k, boolean lowPrecision) {
    if (m == 0) {
      return 0;
    }
    if (!lowPrecision || fp8 == null) {
      return bf16.denseSeconds(m, n, k, sms);
    }
    return fp8.denseSeconds(m, n, k, sms);
  }

  @Override
  public double groupedGemmSeconds(long[] rowsPerExpert, long n, long k, boolean lowPrecision) {
    Shape key = Shape.of(Kind.GROUPED, rowsPerExpert, n, k, lowPrecision ? 1L : 0L);
    return gemmCache.computeIfAbsent(key, unused -> uncachedGroupedSeconds(rowsPerExpert, n, k, lowPrecision));
  }

  private double uncachedGroupedSeconds(long[] rowsPerExpert, long n, long k, boolean lowPrecision) {
    long rows = 0;
    for (long r : rowsPerExpert) {
      rows += r;
    }
    if (rows == 0) {
      return 0;
    }
    if (!lowPrecision || fp8 == null) {
      return bf16.groupedSeconds(rowsPerExpert, n, k, sms, GemmModel.GroupedLayout.CONTIGUOUS);
    }
    return fp8Grouped.groupedSeconds(rowsPerExpert, n, k, sms, GemmModel.GroupedLayout.CONTIGUOUS);
  }

  @Override
  public double weightGradSeconds(long m, long n, long k, boolean lowPrecision) {
    if (!lowPrecision || fp8 == null) {
      return gemmSeconds(m, n, k, false);
    }
    return weightGradCache.computeIfAbsent(new Shape(Kind.WEIGHT_GRADIENT, new long[] {m, n, k}),
        key -> k == 0 ? 0 : fp8WeightGrad.weightGradientSeconds(m, n, k, sms));
  }

  @Override
  public double groupedWeightGradSeconds(long m, long n, long[] tokensPerExpert, boolean lowPrecision) {
    if (!lowPrecision || fp8 == null) {
      double seconds = 0;
      for (long k : tokensPerExpert) {
        seconds += k > 0 ? gemmSeconds(m, n, k, false) : 0;
      }
      return seconds;
    }
    Shape key = Shape.of(Kind.GROUPED_WEIGHT_GRADIENT, tokensPerExpert, m, n);
    return weightGradCache.computeIfAbsent(key, unused -> fp8WeightGrad.groupedWeightGradientSeconds(m, n, tokensPerExpert, sms));
  }

  /**
   * One whole causal sequence of 2 x meanContext tokens costs what the published utilisation gives;
   * this GPU does its {@code tokens} share of it, on its share of the SMs.
   */
  @Override
  public double attentionSeconds(int heads, int qkHeadDim, int valueHeadDim, long tokens, double meanContext,
      boolean backward) {
    long seqLen = Math.max(1, Math.round(2 * meanContext));
    AttentionShape sequence = new AttentionShape(1, seqLen, heads, heads, qkHeadDim, valueHeadDim, true);
    double whole = backward ? attention.backwardSeconds(sequence) : attention.forwardSeconds(sequence);
    return whole * tokens / seqLen * device.sms() / sms;
  }

  @Override
  public double memoryBoundSeconds(MemoryBoundKernel kernel, double bytes) {
    return memoryBound.seconds(kernel, bytes);
  }
}
