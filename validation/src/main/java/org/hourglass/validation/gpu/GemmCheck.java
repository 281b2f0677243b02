package org.hourglass.validation.gpu;

import java.util.SplittableRandom;
import jcuda.Pointer;
import org.hourglass.validation.calibration.Measurement.Shape;

/**
 * Before timing anything, runs each GEMM kernel on a small grouped problem (2 x 64 x 128 x 256) with
 * random data and compares it with the product computed on the host from the same bytes; a kernel
 * that computes the wrong thing must not be timed as if it were right.
 */
final class GemmCheck {
  private static final Shape SMALL = new Shape("check", 2, 64, 128, 256);
  private static final double TOLERANCE = 1e-3;

  private GemmCheck() {}

  /** Throws unless both GEMM kernels match the host reference to a relative 1e-3. */
  static void requireCorrect(GpuDevice gpu) {
    SplittableRandom r = new SplittableRandom(7);
    byte[] a = bytes(r, SMALL.groups() * SMALL.m() * SMALL.k(), true);
    byte[] b = bytes(r, SMALL.groups() * SMALL.n() * SMALL.k(), true);
    requireClose("gemm_fp8_blockscaled", runFp8(gpu, a, b), HostGemm.fp8(SMALL, a, b, ones(SMALL.m()), ones(1)));
    byte[] a16 = bytes(r, 2 * SMALL.groups() * SMALL.m() * SMALL.k(), false);
    byte[] b16 = bytes(r, 2 * SMALL.groups() * SMALL.n() * SMALL.k(), false);
    requireClose("gemm_bf16_wmma", runBf16(gpu, a16, b16), HostGemm.bf16(SMALL, a16, b16));
  }

  private static float[] runFp8(GpuDevice gpu, byte[] a, byte[] b) {
    int kBlocks = (int) (SMALL.k() / 128);
    try (DeviceBuffer da = new DeviceBuffer(a.length).upload(a); DeviceBuffer db = new DeviceBuffer(b.length).upload(b);
         DeviceBuffer sa = new DeviceBuffer(4L * SMALL.groups() * SMALL.m() * kBlocks).upload(floatOnes(SMALL.groups() * SMALL.m() * kBlocks));
         DeviceBuffer sb = new DeviceBuffer(4L * SMALL.groups() * kBlocks).upload(floatOnes(SMALL.groups() * kBlocks));
         DeviceBuffer c = new DeviceBuffer(4L * SMALL.groups() * SMALL.m() * SMALL.n())) {
      GemmLaunch.launch(gpu, Kernel.GEMM_FP8, SMALL, new Pointer[] {da.arg(), db.arg(), sa.arg(), sb.arg(), c.arg(),
          GemmLaunch.dims(SMALL.m()), GemmLaunch.dims(SMALL.n()), GemmLaunch.dims(SMALL.k())});
      return c.downloadFloats((int) (SMALL.groups() * SMALL.m() * SMALL.n()));
    }
  }

  private static float[] runBf16(GpuDevice gpu, byte[] a, byte[] b) {
    try (DeviceBuffer da = new DeviceBuffer(a.length).upload(a); DeviceBuffer db = new DeviceBuffer(b.length).upload(b);
         DeviceBuffer c = new DeviceBuffer(4L * SMALL.groups() * SMALL.m() * SMALL.n())) {
      GemmLaunch.launch(gpu, Kernel.GEMM_BF16, SMALL, new Pointer[] {da.arg(), db.arg(), c.arg(),
          GemmLaunch.dims(SMALL.m()), GemmLaunch.dims(SMALL.n()), GemmLaunch.dims(SMALL.k())});
      return c.downloadFloats((int) (SMALL.groups() * SMALL.m() * SMALL.n()));
    }
  }

  /** Throws with the first element that differs by more than the tolerance (relative to the largest magnitude). */
  static void requireClose(String kernel, float[] got, double[] want) {
    double scale = java.util.Arrays.stream(want).map(Math::abs).max().orElse(1);
    for (int i = 0; i < want.length; i++) {
      if (Math.abs(got[i] - want[i]) > TOLERANCE * scale) {
        throw new IllegalStateException(kernel + " computes a wrong product: element " + i + " is " + got[i]
            + ", the host reference " + want[i] + "; its timings would mean nothing");
      }
    }
  }

  private static byte[] bytes(SplittableRandom r, long n, boolean fp8) {
    byte[] out = new byte[Math.toIntExact(n)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (fp8 ? RandomElements.e4m3(r.nextInt()) : RandomElements.bf16Byte(r.nextInt(), i));
    }
    return out;
  }

  private static double[] ones(long n) {
    double[] v = new double[Math.toIntExact(n)];
    java.util.Arrays.fill(v, 1);
    return v;
  }

  private static byte[] floatOnes(long n) {
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(Math.toIntExact(4 * n)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (long i = 0; i < n; i++) {
      buf.putFloat(1f);
    }
    return buf.array();
  }
}
