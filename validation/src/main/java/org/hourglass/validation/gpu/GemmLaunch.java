package org.hourglass.validation.gpu;

import jcuda.Pointer;
import org.hourglass.validation.calibration.Measurement.Shape;
import org.hourglass.validation.calibration.RepeatedTimings;

/** Allocates, fills and times the two GEMM kernels on one shape (grid: N/64 x M/64 x groups, 128 threads). */
final class GemmLaunch {
  private static final int TILE = 64;
  private static final int SCALE_BLOCK = 128;
  private static final int THREADS = 128;

  private GemmLaunch() {}

  /** Times the BF16 WMMA GEMM on {@code shape}. */
  static RepeatedTimings bf16(GpuDevice gpu, Shape s, BenchmarkPlan plan) {
    requireTiled(s);
    try (DeviceBuffer a = new DeviceBuffer(2L * s.groups() * s.m() * s.k()).fill(11, RandomElements::bf16Byte);
         DeviceBuffer b = new DeviceBuffer(2L * s.groups() * s.n() * s.k()).fill(12, RandomElements::bf16Byte);
         DeviceBuffer c = new DeviceBuffer(4L * s.groups() * s.m() * s.n())) {
      Pointer[] args = {a.arg(), b.arg(), c.arg(), dims(s.m()), dims(s.n()), dims(s.k())};
      return KernelTimer.time(() -> launch(gpu, Kernel.GEMM_BF16, s, args), plan.warmups(), plan.repetitions());
    }
  }

  /** Times the block-scaled FP8 GEMM on {@code shape}. */
  static RepeatedTimings fp8(GpuDevice gpu, Shape s, BenchmarkPlan plan) {
    requireTiled(s);
    try (DeviceBuffer a = new DeviceBuffer((long) s.groups() * s.m() * s.k()).fill(21, (r, i) -> RandomElements.e4m3(r));
         DeviceBuffer b = new DeviceBuffer((long) s.groups() * s.n() * s.k()).fill(22, (r, i) -> RandomElements.e4m3(r));
         DeviceBuffer sa = new DeviceBuffer(4L * s.groups() * s.m() * (s.k() / SCALE_BLOCK)).fill(23, RandomElements::scaleByte);
         DeviceBuffer sb = new DeviceBuffer(4L * s.groups() * nBlocks(s) * (s.k() / SCALE_BLOCK)).fill(24, RandomElements::scaleByte);
         DeviceBuffer c = new DeviceBuffer(4L * s.groups() * s.m() * s.n())) {
      Pointer[] args = {a.arg(), b.arg(), sa.arg(), sb.arg(), c.arg(), dims(s.m()), dims(s.n()), dims(s.k())};
      return KernelTimer.time(() -> launch(gpu, Kernel.GEMM_FP8, s, args), plan.warmups(), plan.repetitions());
    }
  }

  /** Bytes of the FP8 GEMM's scales: one FP32 per 1x128 tile of A, one per 128x128 block of B. */
  static double scaleBytes(Shape s) {
    return 4.0 * s.groups() * (s.m() + nBlocks(s)) * (s.k() / SCALE_BLOCK);
  }

  static void launch(GpuDevice gpu, Kernel kernel, Shape s, Pointer[] args) {
    Microbenchmarks.launch(gpu, kernel, (int) (s.n() / TILE), (int) (s.m() / TILE), s.groups(), THREADS, args);
  }

  static Pointer dims(long v) {
    return Pointer.to(new int[] {Math.toIntExact(v)});
  }

  private static long nBlocks(Shape s) {
    return (s.n() + SCALE_BLOCK - 1) / SCALE_BLOCK;
  }

  private static void requireTiled(Shape s) {
    if (s.m() % TILE != 0 || s.n() % TILE != 0 || s.k() % SCALE_BLOCK != 0) {
      throw new IllegalArgumentException("GEMM kernels need M and N multiples of 64 and K of 128, got " + s);
    }
  }
}
