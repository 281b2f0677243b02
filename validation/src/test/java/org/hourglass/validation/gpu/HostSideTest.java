package org.hourglass.validation.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.hourglass.validation.calibration.Measurement.Shape;
import org.junit.jupiter.api.Test;

/** What can be checked of the GPU path without a GPU: element encodings, the host reference, the diagnosis wording, the plan. */
class HostSideTest {
  @Property(tries = 500)
  void randomE4m3IsAModerateFiniteNumber(@ForAll int random) {
    float v = RandomElements.decodeE4m3(RandomElements.e4m3(random));
    assertTrue(Math.abs(v) >= 0.5f && Math.abs(v) <= 1.875f, "value " + v);
  }

  @Property(tries = 500)
  void randomBf16IsAModerateFiniteNumber(@ForAll int low, @ForAll int high) {
    float v = RandomElements.decodeBf16(RandomElements.bf16Byte(low, 0), RandomElements.bf16Byte(high, 1));
    assertTrue(Math.abs(v) >= 0.5f && Math.abs(v) < 2f, "value " + v);
  }

  @Test
  void e4m3DecodesTheOcpTable() {
    assertEquals(448f, RandomElements.decodeE4m3(0x7E));
    assertEquals(1f, RandomElements.decodeE4m3(0x38));
    assertEquals(-0.001953125f, RandomElements.decodeE4m3(0x81));
    assertTrue(Float.isNaN(RandomElements.decodeE4m3(0xFF)));
  }

  @Test
  void hostGemmMultipliesRowsByRows() {
    Shape s = new Shape("t", 1, 1, 1, 2);
    byte[] a = {0x38, 0x40};  // 1, 2
    byte[] b = {0x40, 0x48};  // 2, 4
    assertEquals(1 * 2 + 2 * 4, HostGemm.fp8(s, a, b, new double[] {1}, new double[] {1})[0]);
    assertThrows(IllegalStateException.class, () -> GemmCheck.requireClose("k", new float[] {9f}, new double[] {10}));
  }

  @Test
  void diagnosisIsOneLineAndSaysWhy() {
    String noDriver = DriverDiagnosis.linkFailure("Error while loading native library\n... libcuda.so.1: cannot open shared object file");
    assertTrue(noDriver.startsWith("no NVIDIA driver") && !noDriver.contains("\n"), noDriver);
    assertTrue(DriverDiagnosis.callFailure("cuModuleLoadData", "CUDA_ERROR_UNSUPPORTED_PTX_VERSION").contains("update the driver"));
  }

  @Test
  void theFullPlanCoversDeepSeekAndLlamaShapesForwardAndBackwardOnTheKernelsTiles() {
    BenchmarkPlan full = BenchmarkPlan.full();
    // 28 DeepSeek forward, 5 dgrad and 6 wgrad of its dense layers; Llama 3.1 405B TP8: 4 forward, 4 dgrad, 4 wgrad
    assertEquals(51, full.gemmShapes().size());
    assertEquals(10, full.gemmShapes().stream().filter(s -> s.layout().equals("wgrad") && s.k() == 4096).count());
    for (Shape s : full.gemmShapes()) {
      assertTrue(s.m() % 64 == 0 && s.n() % 64 == 0 && s.k() % 128 == 0, s.toString());
    }
    assertTrue(BenchmarkPlan.quick().repetitions() < full.repetitions());
  }
}
