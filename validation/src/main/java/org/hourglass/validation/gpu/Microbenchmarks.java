package org.hourglass.validation.gpu;

import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUstream;
import org.hourglass.validation.calibration.Measurement;
import org.hourglass.validation.calibration.Measurement.Shape;
import org.hourglass.validation.calibration.MeasurementSet;
import org.hourglass.validation.calibration.Peak;
import org.hourglass.validation.calibration.RepeatedTimings;

/**
 * Runs a {@link BenchmarkPlan} on one GPU: HBM copy and triad, the 1x128 FP8 quantization pass, and
 * the BF16 and FP8 GEMMs at DeepSeek-V3's shapes (each GEMM kernel first checked against a host
 * reference on a small problem), plus peer-to-peer copies when there are two GPUs.
 */
public final class Microbenchmarks {
  private static final int GEMM_THREADS = 128;
  private static final int STREAM_THREADS = 256;

  private final GpuDevice gpu;
  private final BenchmarkPlan plan;
  private final PrintWriter progress;
  private final List<Measurement> measurements = new ArrayList<>();

  private Microbenchmarks(GpuDevice gpu, BenchmarkPlan plan, PrintWriter progress) {
    this.gpu = gpu;
    this.plan = plan;
    this.progress = progress;
  }

  /** Runs {@code plan} on {@code gpu}; {@code datasheetPeaks} (by dtype and "hbm") go into the set as they are. */
  public static MeasurementSet run(GpuDevice gpu, BenchmarkPlan plan, Map<String, Peak> datasheetPeaks, PrintWriter progress) {
    Microbenchmarks b = new Microbenchmarks(gpu, plan, progress);
    b.stream();
    b.quantize();
    b.memoryBound();
    b.gemms();
    if (gpu.deviceCount() > 1) {
      b.measurements.addAll(PeerCopy.measure(gpu, plan));
    }
    String method = "CUDA events around each launch on the default stream, " + plan.warmups() + " warm-ups, "
        + plan.repetitions() + " repetitions, median and (p90-p10)/median; own kernels (src/main/cuda), PTX JIT-compiled by the driver";
    return new MeasurementSet(gpu.name(), gpu.driverVersion(), method, datasheetPeaks,
        List.of("hourglass calibrate (validation module kernels), JCuda 12.6.0 driver API"), b.measurements);
  }

  private void stream() {
    for (long bytes : plan.streamBytes()) {
      long n4 = bytes / 16;
      try (DeviceBuffer a = new DeviceBuffer(bytes).fill(1, (r, i) -> r); DeviceBuffer b = new DeviceBuffer(bytes).fill(2, (r, i) -> r);
           DeviceBuffer c = new DeviceBuffer(bytes).fill(3, (r, i) -> r)) {
        record("hbm_copy", "fp32", new Shape("stream", 1, bytes / 4, 0, 0), 0, 2.0 * bytes,
            time(Kernel.HBM_COPY, streamGrid(), STREAM_THREADS, 1, a.arg(), b.arg(), Pointer.to(new long[] {n4})));
        record("hbm_triad", "fp32", new Shape("stream", 1, bytes / 4, 0, 0), 0, 3.0 * bytes,
            time(Kernel.HBM_TRIAD, streamGrid(), STREAM_THREADS, 1, a.arg(), b.arg(), c.arg(), Pointer.to(new float[] {3f}), Pointer.to(new long[] {n4})));
      }
    }
  }

  private void quantize() {
    for (long tokens : plan.quantizeTokens()) {
      long values = tokens * BenchmarkPlan.HIDDEN;
      long tiles = values / 128;
      try (DeviceBuffer x = new DeviceBuffer(2 * values).fill(4, RandomElements::bf16Byte); DeviceBuffer q = new DeviceBuffer(values);
           DeviceBuffer s = new DeviceBuffer(4 * tiles)) {
        int blocks = (int) ((tiles * 32 + STREAM_THREADS - 1) / STREAM_THREADS);
        record("fp8_quantize_1x128", "bf16-to-fp8-e4m3", new Shape("1x128", 1, tokens, 0, BenchmarkPlan.HIDDEN), 0, 3.0 * values + 4.0 * tiles,
            time(Kernel.FP8_QUANTIZE, blocks, STREAM_THREADS, 1, x.arg(), q.arg(), s.arg(), Pointer.to(new long[] {tiles})));
      }
    }
  }

  /**
   * The memory-bound classes over the plan's token counts at hidden 7168, each kernel's bytes its reads
   * plus writes: RMSNorm with residual 8 per value (read x and r, write y and r), RoPE on 128 heads of
   * 64 4 per value, SwiGLU over 2048 intermediate values 6 per value, the transposing 128x1 cast 2 + 1
   * per value plus scales, the expert gather 2 x row bytes of FP8 rows with scales plus the index.
   */
  private void memoryBound() {
    int hidden = BenchmarkPlan.HIDDEN;
    for (long tokens : plan.memoryBoundTokens()) {
      long values = tokens * hidden;
      try (DeviceBuffer x = new DeviceBuffer(2 * values).fill(5, RandomElements::bf16Byte);
           DeviceBuffer r = new DeviceBuffer(2 * values).fill(6, RandomElements::bf16Byte);
           DeviceBuffer w = new DeviceBuffer(2L * hidden).fill(7, RandomElements::bf16Byte);
           DeviceBuffer y = new DeviceBuffer(2 * values); DeviceBuffer rOut = new DeviceBuffer(2 * values)) {
        Shape shape = new Shape("rows", 1, tokens, 0, hidden);
        record("rmsnorm_residual", "bf16", shape, 0, 8.0 * values, time(Kernel.RMSNORM_RESIDUAL, (int) tokens, STREAM_THREADS, 1,
            x.arg(), r.arg(), w.arg(), y.arg(), rOut.arg(), Pointer.to(new int[] {hidden}), Pointer.to(new long[] {tokens})));
        long ropeValues = tokens * 128 * 64;
        try (DeviceBuffer q = new DeviceBuffer(2 * ropeValues).fill(9, RandomElements::bf16Byte)) {
          record("rope", "bf16", new Shape("tokens x 128 heads x 64", 1, tokens, 128, 64), 0, 4.0 * ropeValues,
              time(Kernel.ROPE, streamGrid(), STREAM_THREADS, 1, q.arg(), Pointer.to(new long[] {tokens}), Pointer.to(new int[] {128}),
                  Pointer.to(new int[] {64}), Pointer.to(new float[] {10000f})));
        }
        long swigluValues = tokens * 2048;
        record("swiglu", "bf16", new Shape("tokens x 2048", 1, tokens, 2048, 0), 0, 6.0 * swigluValues,
            time(Kernel.SWIGLU, streamGrid(), STREAM_THREADS, 1, x.arg(), r.arg(), y.arg(), Pointer.to(new long[] {swigluValues})));
        if (tokens % 128 == 0) {
          record("fp8_quantize_128x1_transpose", "bf16-to-fp8-e4m3", shape, 0, 3.0 * values + 4.0 * values / 128,
              timeGrid(Kernel.FP8_QUANTIZE_TRANSPOSE, hidden / 32, (int) (tokens / 128), 32, 8, x.arg(), y.arg(), rOut.arg(),
                  Pointer.to(new long[] {tokens}), Pointer.to(new int[] {hidden})));
        }
        int rowBytes = hidden + hidden / 128 * 4;
        try (DeviceBuffer index = new DeviceBuffer(4 * tokens).fill(8, (unused, at) -> indexByte(at, tokens))) {
          record("expert_permute", "fp8-e4m3", new Shape("rows", 1, tokens, 0, rowBytes), 0, 2.0 * tokens * rowBytes + 4.0 * tokens,
              time(Kernel.EXPERT_PERMUTE, streamGrid(), STREAM_THREADS, 1, x.arg(), index.arg(), y.arg(), Pointer.to(new long[] {tokens}),
                  Pointer.to(new int[] {rowBytes / 16})));
        }
      }
    }
  }

  /**
   * A little-endian byte of the gather's index: entry i reads row (i x 2654435761) mod rows, scattered
   * like routed tokens and always in range (4 bytes an entry; the sweep's 32,768 rows stay inside the
   * fill's 4 MiB pattern).
   */
  private static int indexByte(long position, long rows) {
    long row = Math.floorMod((position / 4) * 2654435761L, rows);
    return (int) (row >>> (8 * (int) (position % 4))) & 0xff;
  }

  private RepeatedTimings timeGrid(Kernel kernel, int gridX, int gridY, int threadsX, int threadsY, Pointer... args) {
    return KernelTimer.time(() -> GpuDevice.check(cuLaunchKernel(gpu.function(kernel), gridX, gridY, 1, threadsX, threadsY, 1, 0,
        (CUstream) null, Pointer.to(args), null), "cuLaunchKernel(" + kernel.function() + ")"), plan.warmups(), plan.repetitions());
  }

  private void gemms() {
    GemmCheck.requireCorrect(gpu);
    for (Shape shape : plan.gemmShapes()) {
      progress.printf("  gemm %s %d x %d x %d x %d%n", shape.layout(), shape.groups(), shape.m(), shape.n(), shape.k());
      progress.flush();
      record("gemm_bf16_wmma", "bf16", shape, shape.gemmFlops(), shape.gemmBytes(2, 4), GemmLaunch.bf16(gpu, shape, plan));
      record("gemm_fp8_blockscaled", "fp8-e4m3", shape, shape.gemmFlops(), shape.gemmBytes(1, 4) + GemmLaunch.scaleBytes(shape),
          GemmLaunch.fp8(gpu, shape, plan));
    }
  }

  private RepeatedTimings time(Kernel kernel, int grid, int threads, int gridZ, Pointer... args) {
    return KernelTimer.time(() -> launch(gpu, kernel, grid, 1, gridZ, threads, args), plan.warmups(), plan.repetitions());
  }

  /** Launches {@code kernel} on a (x, y, z) grid of blocks of {@code threads}. */
  static void launch(GpuDevice gpu, Kernel kernel, int gridX, int gridY, int gridZ, int threads, Pointer... args) {
    GpuDevice.check(cuLaunchKernel(gpu.function(kernel), gridX, gridY, gridZ, threads, 1, 1, 0, (CUstream) null,
        Pointer.to(args), null), "cuLaunchKernel(" + kernel.function() + ")");
  }

  private int streamGrid() {
    int[] sms = {0};
    GpuDevice.check(cuDeviceGetAttribute(sms, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, gpu.device()), "cuDeviceGetAttribute");
    return sms[0] * 16;
  }

  private void record(String kernel, String dtype, Shape shape, double flops, double bytes, RepeatedTimings t) {
    Measurement m = new Measurement(kernel, dtype, shape, t.repetitions(), t.medianSeconds(), t.spread(), flops, bytes);
    progress.printf("  %-22s %-8s median %.3f ms, spread %.1f%%, %.1f TFLOP/s, %.0f GB/s%n", kernel, dtype, m.medianSeconds() * 1e3,
        100 * t.spread(), m.achievedTflops(), m.achievedGbps());
    progress.flush();
    measurements.add(m);
  }
}
