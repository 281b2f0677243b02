package org.hourglass.parallelism.costs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.hourglass.hardware.HardwareCatalog;
import org.junit.jupiter.api.Test;

/** The memo of GEMM times: what it keeps apart; and the attention kernel a run names. */
class Fp8ComputeCostsTest {
  private static Fp8ComputeCosts fresh() {
    return new Fp8ComputeCosts(HardwareCatalog.builtIn().gpu("h800"), 112);
  }

  @Test
  void aOneExpertGroupedLaunchAndTheDenseGemmOfTheSameNumbersAreRememberedApart() {
    // one expert per GPU (ep = 256 for V3's 256 experts): contiguous grouped tiles against masked dense ones
    long m = 64;
    long n = 4096;
    long k = 7168;
    Fp8ComputeCosts groupedFirst = fresh();
    double grouped = groupedFirst.groupedGemmSeconds(new long[] {m}, n, k, true);
    double denseAfter = groupedFirst.gemmSeconds(m, n, k, true);
    Fp8ComputeCosts denseFirst = fresh();
    double dense = denseFirst.gemmSeconds(m, n, k, true);
    double groupedAfter = denseFirst.groupedGemmSeconds(new long[] {m}, n, k, true);
    assertNotEquals(grouped, dense, "the two tile sets price this shape differently");
    assertEquals(grouped, groupedAfter, "the order of the questions changes no answer");
    assertEquals(dense, denseAfter);
  }

  @Test
  void theAttentionKernelChangesOnlyTheAttentionCoreAndChangesBack() {
    ComputeCosts fa3 = fresh();
    ComputeCosts fa2 = fa3.withAttention(org.hourglass.fp8.AttentionKernel.FLASH_ATTENTION_2);
    double core = fa3.attentionSeconds(128, 192, 128, 4096, 2048, false);
    // FlashAttention-3 at 4K: 590 of 989 TFLOP/s; FlashAttention-2: 35% of the peak
    assertEquals(core * 590 / (0.35 * 989), fa2.attentionSeconds(128, 192, 128, 4096, 2048, false), 1e-12);
    assertEquals(fa3.gemmSeconds(4096, 7168, 2048, true), fa2.gemmSeconds(4096, 7168, 2048, true), 0);
    assertEquals(core, fa2.withAttention(org.hourglass.fp8.AttentionKernel.FLASH_ATTENTION_3)
        .attentionSeconds(128, 192, 128, 4096, 2048, false), 0, "back to FlashAttention-3 is FlashAttention-3 again");
  }
}
