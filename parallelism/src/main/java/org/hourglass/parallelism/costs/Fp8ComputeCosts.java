package org.hourglass.parallelism.costs;

import org.hourglass.fp8.AttentionCost;
import org.hourglass.fp8.AttentionShape;
import org.hourglass.fp8.ComputeDevice;
import org.hourglass.fp8.DeepGemmCalibration;
import org.hourglass.fp8.FineGrainedQuantization;
import org.hourglass.fp8.GemmDtype;
import org.hourglass.fp8.GemmModel;
import org.hourglass.fp8.HbmStream;
import org.hourglass.fp8.KernelEfficiency;
import org.hourglass.hardware.GpuSpec;

/**
 * {@link ComputeCosts} over the fp8-costs models, on the SMs left after communication: GEMMs from
 * the DeepGEMM-calibrated model (FP8 ones pay their 1x128 activation quantization pass as well),
 * the attention core from FlashAttention-3's published utilisation scaled to the SMs it gets, and
 * memory-bound passes from the HBM stream figure. Weights are quantized once per optimizer step,
 * not per micro-batch, so that pass is left out here.
 */
public final class Fp8ComputeCosts implements ComputeCosts {
  private final ComputeDevice device;
  private final int sms;
  private final GemmModel fp8;
  private final GemmModel bf16;
  private final AttentionCost attention;
  private final HbmStream hbm;
  private final FineGrainedQuantization quantization;
  private final java.util.Map<java.util.List<Long>, Double> gemmCache = new java.util.HashMap<>();

  /** The costs with the published-kernel GEMM efficiencies ({@link GemmModel#calibrated}). */
  public Fp8ComputeCosts(GpuSpec gpu, int computeSms) {
    this(gpu, computeSms, DeepGemmCalibration.h800(), KernelEfficiency.bf16From(DeepGemmCalibration.h800()));
  }

  /** The costs with GEMMs at the given efficiencies (a calibration profile's, say); the rest as published. */
  public Fp8ComputeCosts(GpuSpec gpu, int computeSms, KernelEfficiency fp8Efficiency, KernelEfficiency bf16Efficiency) {
    this.device = deviceOf(gpu);
    this.sms = computeSms;
    this.fp8 = device.supports(GemmDtype.FP8) ? new GemmModel(device, GemmDtype.FP8, fp8Efficiency) : null;
    this.bf16 = new GemmModel(device, GemmDtype.BF16, bf16Efficiency);
    this.attention = new AttentionCost(device);
    this.hbm = HbmStream.of(device);
    this.quantization = new FineGrainedQuantization(hbm);
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
    return gemmCache.computeIfAbsent(java.util.List.of(m, n, k, lowPrecision ? 1L : 0L),
        key -> uncachedGemmSeconds(m, n, k, lowPrecision));
  }

  private double uncachedGemmSeconds(long m, long n, long k, boolean lowPrecision) {
    if (m == 0) {
      return 0;
    }
    if (!lowPrecision || fp8 == null) {
      return bf16.dense(m, n, k, sms).seconds();
    }
    return fp8.dense(m, n, k, sms).seconds() + quantization.activations(m, k).seconds();
  }

  @Override
  public double groupedGemmSeconds(long[] rowsPerExpert, long n, long k, boolean lowPrecision) {
    java.util.List<Long> key = new java.util.ArrayList<>(rowsPerExpert.length + 3);
    for (long r : rowsPerExpert) {
      key.add(r);
    }
    key.add(n);
    key.add(k);
    key.add(lowPrecision ? 1L : 0L);
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
      return bf16.grouped(rowsPerExpert, n, k, sms, GemmModel.GroupedLayout.CONTIGUOUS).seconds();
    }
    return fp8.grouped(rowsPerExpert, n, k, sms, GemmModel.GroupedLayout.CONTIGUOUS).seconds()
        + quantization.activations(rows, k).seconds();
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
  public double memoryBoundSeconds(double bytes) {
    return hbm.seconds(bytes);
  }
}
