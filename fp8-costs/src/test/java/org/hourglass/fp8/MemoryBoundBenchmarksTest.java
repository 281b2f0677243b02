package org.hourglass.fp8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The published Hopper microbenchmarks: their bytes as the benchmarks' shapes give them, the curves
 * fitted to them, and each launch held out of its own fit.
 */
class MemoryBoundBenchmarksTest {
  @Test
  void bytesFollowFromTheBenchmarksShapes() {
    // Liger's relu_squared at M=4096, N=16384 in BF16 reads and writes 4096 * 16384 * 2 bytes each
    assertEquals(4096.0 * 16384 * 4, launch(MemoryBoundKernel.ELEMENTWISE, "M=4096 N=16384 bf16").bytes(), 0);
    // the fused residual-add RMSNorm in FP32 at M=2048, H=8192: x and the residual in, y and their sum out
    assertEquals(2048.0 * 8192 * 16, launch(MemoryBoundKernel.RMSNORM_RESIDUAL, "M=2048 H=8192 fp32").bytes(), 0);
    // SwiGLU over 8192 tokens of width 4096 in BF16: gate and up in, their product out
    assertEquals(8192.0 * 4096 * 3 * 2, launch(MemoryBoundKernel.SWIGLU, "tokens=8192 width=4096 bf16").bytes(), 0);
    // FP8 1x128 quantization of 8192 x 2048 BF16: read 2, write 1 byte a value and a 4-byte scale per 128
    assertEquals(8192.0 * 2048 * 3 + 8192.0 * 2048 / 32, launch(MemoryBoundKernel.FP8_QUANTIZE_1X128,
        "tokens=8192 hidden=2048 bf16 group=128").bytes(), 0);
    assertEquals(94.4e-6, launch(MemoryBoundKernel.ELEMENTWISE, "M=4096 N=16384 bf16").seconds(), 1e-12);
  }

  @Test
  void eachMeasuredClassFitsItsLaunchesWithinAQuarter() {
    for (MemoryBoundKernel k : MemoryBoundKernel.values()) {
      List<MemoryBoundBenchmarks.Launch> launches = MemoryBoundBenchmarks.of(k);
      if (launches.isEmpty()) {
        continue;
      }
      MemoryBoundCurve c = MemoryBoundBenchmarks.fit(launches, k.profileName());
      for (MemoryBoundBenchmarks.Launch l : launches) {
        double error = (c.seconds(l.bytes()) - l.seconds()) / l.seconds();
        // the worst is vLLM's 4-token launch at hidden 4096 (+22%), faster than its own 16-token one
        assertTrue(Math.abs(error) < 0.25, k + " " + l.shape() + ": " + error);
      }
    }
  }

  @Test
  void eachLaunchHeldOutIsPredictedByTheOthersWithinAThird() {
    for (MemoryBoundKernel k : MemoryBoundKernel.values()) {
      List<MemoryBoundBenchmarks.Launch> launches = MemoryBoundBenchmarks.of(k);
      for (int i = 0; i < launches.size(); i++) {
        List<MemoryBoundBenchmarks.Launch> others = new ArrayList<>(launches);
        MemoryBoundBenchmarks.Launch held = others.remove(i);
        double error = (MemoryBoundBenchmarks.fit(others, "held out").seconds(held.bytes()) - held.seconds()) / held.seconds();
        assertTrue(Math.abs(error) < 1.0 / 3, k + " " + held.shape() + " held out: " + error);
      }
    }
  }

  @Test
  void unmeasuredClassesTakeTheirStandInsCurve() {
    var curves = MemoryBoundBenchmarks.curvesOn(ComputeDevice.H800);
    assertEquals(curves.get(MemoryBoundKernel.ELEMENTWISE).seconds(1e8), curves.get(MemoryBoundKernel.ROPE).seconds(1e8), 0);
    assertTrue(curves.get(MemoryBoundKernel.ROPE).source().contains("priced as elementwise"));
    for (MemoryBoundKernel k : MemoryBoundKernel.values()) {
      assertEquals(MemoryBoundBenchmarks.pricedAs(k), MemoryBoundBenchmarks.pricedAs(MemoryBoundBenchmarks.pricedAs(k)),
          k + "'s stand-in is measured itself");
      assertTrue(!MemoryBoundBenchmarks.of(MemoryBoundBenchmarks.pricedAs(k)).isEmpty(), k + " has no measured curve");
    }
  }

  @Test
  void theCastsStreamLargeLaunchesNearlyAsFastAsTheElementWiseKernel() {
    // torchao's blockwise quantization at DeepSeek-V3's shapes reaches 0.79-0.87 of peak; the 1x128
    // curve, fitted to vLLM's small launches as well, settles lower and prices the large ones slower
    var curves = MemoryBoundBenchmarks.curvesOn(ComputeDevice.H100);
    double peak = ComputeDevice.H100.hbmBytesPerSecond();
    assertEquals(0.73, curves.get(MemoryBoundKernel.FP8_QUANTIZE_1X128).bytesPerSecond() / peak, 0.02);
    assertEquals(0.87, curves.get(MemoryBoundKernel.FP8_QUANTIZE_128X1_TRANSPOSE).bytesPerSecond() / peak, 0.02);
    assertEquals(0.92, curves.get(MemoryBoundKernel.ELEMENTWISE).bytesPerSecond() / peak, 0.02);
    MemoryBoundBenchmarks.Launch large = launch(MemoryBoundKernel.FP8_QUANTIZE_1X128, "M=131072 K=4096 bf16 block=128");
    assertEquals(131072.0 * 4096 * (3 + 4.0 / 128), large.bytes(), 0);
    assertTrue(curves.get(MemoryBoundKernel.FP8_QUANTIZE_1X128).seconds(large.bytes()) > large.seconds());
  }

  private static MemoryBoundBenchmarks.Launch launch(MemoryBoundKernel k, String shape) {
    return MemoryBoundBenchmarks.of(k).stream().filter(l -> l.shape().equals(shape)).findFirst().orElseThrow();
  }
}
