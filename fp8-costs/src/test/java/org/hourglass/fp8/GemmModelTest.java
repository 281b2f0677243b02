package org.hourglass.fp8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hourglass.sim.InvalidInputException;
import org.junit.jupiter.api.Test;

class GemmModelTest {
  private final GemmModel fp8 = GemmModel.calibrated(ComputeDevice.H800, GemmDtype.FP8);
  private final GemmModel bf16 = GemmModel.calibrated(ComputeDevice.H800, GemmDtype.BF16);

  @Test
  void bf16IsSlowerThanFp8ForBigShapes() {
    for (long[] s : new long[][] {{8192, 8192, 8192}, {4096, 7168, 16384}, {16384, 4096, 7168}}) {
      double ratio = bf16.dense(s[0], s[1], s[2], 132).seconds() / fp8.dense(s[0], s[1], s[2], 132).seconds();
      assertTrue(ratio > 1.1 && ratio < 2.0, "bf16/fp8 = " + ratio);
    }
  }

  /** Consistency with the BF16 efficiency's own source (not an independent check): cuBLAS ~770-800 TFLOP/s. */
  @Test
  void bf16Square8192StaysNearItsCublasSource() {
    double tflops = GemmModel.calibrated(ComputeDevice.H100, GemmDtype.BF16).dense(8192, 8192, 8192, 132).tflops();
    assertEquals(785, tflops, 0.10 * 785);
  }

  @Test
  void smallMIsMemoryBoundAndLargeShapesComputeBound() {
    assertEquals(Bound.MEMORY, fp8.dense(64, 7168, 16384, 132).bound());
    assertEquals(Bound.COMPUTE, fp8.dense(8192, 8192, 8192, 132).bound());
  }

  @Test
  void oneTileMoreThanTheSmsCostsASecondWave() {
    GemmCost fits = fp8.dense(128L * 12, 128L * 11, 16384, 132);
    GemmCost spills = fp8.dense(128L * 12 + 1, 128L * 11, 16384, 132);
    assertEquals(1, fits.waves());
    assertTrue(spills.waves() >= 2, "waves " + spills.waves());
    assertTrue(spills.seconds() > fits.seconds() * 1.1, spills.seconds() / fits.seconds() + "");
    double lost = spills.item("wave and tile quantization").seconds();
    assertTrue(lost > fits.item("wave and tile quantization").seconds() + 0.1 * fits.seconds(), "lost " + lost);
  }

  @Test
  void communicationSmsSlowAComputeBoundGemmByAtMostTheirShare() {
    double slowdown = fp8.dense(8192, 4096, 7168, 112).seconds() / fp8.dense(8192, 4096, 7168, 132).seconds();
    assertTrue(slowdown > 1.05 && slowdown < 132.0 / 112 * 1.05, "slowdown " + slowdown);
  }

  @Test
  void fp32PromotionIsIssuedAsAFifthOfTensorTimeAndMostlyHidden() {
    GemmCost cost = fp8.dense(8192, 8192, 8192, 132);
    CostItem promotion = cost.item("FP32 promotion (CUDA cores)");
    double tensorAtPeak = cost.flops() / ComputeDevice.H800.peakFp8FlopsPerSecond();
    assertEquals(1979.0 / (128 * 67), promotion.seconds() / tensorAtPeak, 1e-3);
    assertTrue(promotion.exposedSeconds() < 0.05 * promotion.seconds());
    assertEquals(0, bf16.dense(8192, 8192, 8192, 132).item("FP32 promotion (CUDA cores)").seconds());
  }

  @Test
  void scaleFactorsAndBf16OutputAreCountedInTheTraffic() {
    GemmCost cost = fp8.dense(4096, 4096, 7168, 132);
    double scales = 4.0 * (4096 * 56 + 32 * 56);
    double bytesPerSecond = ComputeDevice.H800.hbmBytesPerSecond() * fp8.efficiency().hbmFraction();
    assertEquals(scales / bytesPerSecond, cost.item("HBM read scale factors").seconds(), 1e-15);
    assertEquals(2.0 * 4096 * 4096 / bytesPerSecond, cost.item("HBM write C (BF16)").seconds(), 1e-15);
  }

  @Test
  void aGroupedLaunchOfOneGroupIsTheDenseGemm() {
    assertEquals(fp8.dense(3000, 4096, 7168, 132).seconds(),
        fp8.grouped(new long[] {3000}, 4096, 7168, 132, GemmModel.GroupedLayout.MASKED).seconds());
  }

  @Test
  void contiguousLayoutPadsEachGroupToOneHundredTwentyEightRows() {
    long[] rows = {129, 129, 129, 129};
    GemmCost contiguous = fp8.grouped(rows, 4096, 7168, 132, GemmModel.GroupedLayout.CONTIGUOUS);
    assertEquals(128, contiguous.tile().blockM());
    assertEquals(8L * ((4096 + contiguous.tile().blockN() - 1) / contiguous.tile().blockN()), contiguous.tiles());
  }

  @Test
  void impossibleInputsAreRefusedByName() {
    assertEquals("dtype", assertThrows(InvalidInputException.class,
        () -> GemmModel.calibrated(ComputeDevice.A100, GemmDtype.FP8)).field());
    assertEquals("sms", assertThrows(InvalidInputException.class, () -> fp8.dense(1, 1, 1, 133)).field());
    assertEquals("k", assertThrows(InvalidInputException.class, () -> fp8.dense(1, 1, 0, 132)).field());
    assertEquals("m", assertThrows(InvalidInputException.class, () -> fp8.dense(0, 1, 1, 132)).field());
  }

  @Test
  void narrowTilesCannotBeFedAtFullRate() {
    assertEquals(0.4, SharedMemoryFeed.tensorFraction(16), 1e-12);
    assertEquals(1.0, SharedMemoryFeed.tensorFraction(64), 1e-12);
    assertEquals(1.0, SharedMemoryFeed.tensorFraction(128), 1e-12);
  }
}
