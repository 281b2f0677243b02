package org.hourglass.fp8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The per-class memory-bound curves: the published stream figure by default, a measured curve where given. */
class MemoryBoundCurvesTest {
  private static final ComputeDevice H800 = new ComputeDevice("h800", 132, 1979e12, 989e12, 67e12, 3.35e12, 50L << 20, "test");

  @Test
  void publishedCurvesAreTheStreamFigureWithNoFloor() {
    MemoryBoundCurves c = MemoryBoundCurves.published(HbmStream.of(H800));
    for (MemoryBoundKernel k : MemoryBoundKernel.values()) {
      assertEquals(1e9 / (0.9 * 3.35e12), c.seconds(k, 1e9), 1e-18, k.name());
    }
  }

  @Test
  void aMeasuredClassKeepsItsFloorAndTheOthersStayPublished() {
    MemoryBoundCurves c = MemoryBoundCurves.published(HbmStream.of(H800))
        .with(MemoryBoundKernel.ROPE, new MemoryBoundCurve(5e-6, 2.0e12, "test"));
    assertEquals(5e-6 + 1e6 / 2.0e12, c.seconds(MemoryBoundKernel.ROPE, 1e6), 1e-18);
    assertEquals(1e6 / (0.9 * 3.35e12), c.seconds(MemoryBoundKernel.SWIGLU, 1e6), 1e-18);
    assertEquals(0, c.seconds(MemoryBoundKernel.ROPE, 0), "no bytes, no launch");
  }

  @Test
  void achievedBandwidthRisesTowardsTheSustainedOne() {
    MemoryBoundCurve curve = new MemoryBoundCurve(4e-6, 3e12, "test");
    double small = curve.achievedBytesPerSecond(1e6);
    double large = curve.achievedBytesPerSecond(1e10);
    assertTrue(small < large && large < 3e12, small + " " + large);
    assertTrue(small < 0.1 * 3e12, "a 1 MB launch is floor-bound: " + small);
  }

  @Test
  void nonPhysicalCurvesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new MemoryBoundCurve(-1e-6, 3e12, "test"));
    assertThrows(IllegalArgumentException.class, () -> new MemoryBoundCurve(0, 0, "test"));
  }

  @Test
  void profileNamesRoundTrip() {
    for (MemoryBoundKernel k : MemoryBoundKernel.values()) {
      assertEquals(k, MemoryBoundKernel.ofProfileName(k.profileName()).orElseThrow());
    }
    assertTrue(MemoryBoundKernel.ofProfileName("hbm_copy").isEmpty());
  }
}
