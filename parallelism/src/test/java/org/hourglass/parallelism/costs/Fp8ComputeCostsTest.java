package org.hourglass.parallelism.costs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.hourglass.hardware.HardwareCatalog;
import org.junit.jupiter.api.Test;

/** The memo of GEMM times: what it keeps apart. */
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
}
