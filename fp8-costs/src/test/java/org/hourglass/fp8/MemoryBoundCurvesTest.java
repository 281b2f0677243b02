package org.hourglass.fp8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The per-class memory-bound curves: the published microbenchmarks' by default, a measured curve where given. */
class MemoryBoundCurvesTest {
  private static final ComputeDevice H800 = new ComputeDevice("h800", 132, 1979e12, 989e12, 67e12, 3.35e12, 50L << 20, "test");

  @Test
  void publishedCurvesCarryTheMeasuredFractionOfPeakAndTheFloor() {
    ComputeDevice doubled = new ComputeDevice("h100x2", 132, 1979e12, 989e12, 67e12, 6.7e12, 50L << 20, "test");
    MemoryBoundCurves onH100 = MemoryBoundCurves.published(ComputeDevice.H100);
    MemoryBoundCurves onDoubled = MemoryBoundCurves.published(doubled);
    for (MemoryBoundKernel k : MemoryBoundKernel.values()) {
      MemoryBoundCurve a = onH100.of(k);
      MemoryBoundCurve b = onDoubled.of(k);
      assertEquals(a.floorSeconds(), b.floorSeconds(), 0, k.name());
      assertEquals(2 * a.bytesPerSecond(), b.bytesPerSecond(), 1, k.name());
      assertTrue(a.floorSeconds() > 1e-6 && a.floorSeconds() < 20e-6, k + " floor: microseconds a launch, " + a.floorSeconds());
      assertTrue(a.bytesPerSecond() < ComputeDevice.H100.hbmBytesPerSecond(), k + " above the datasheet");
    }
  }

  @Test
  void aMeasuredClassKeepsItsFloorAndTheOthersStayPublished() {
    MemoryBoundCurves published = MemoryBoundCurves.published(H800);
    MemoryBoundCurves c = published.with(MemoryBoundKernel.ROPE, new MemoryBoundCurve(5e-6, 2.0e12, "test"));
    assertEquals(5e-6 + 1e6 / 2.0e12, c.seconds(MemoryBoundKernel.ROPE, 1e6), 1e-18);
    assertEquals(published.seconds(MemoryBoundKernel.SWIGLU, 1e6), c.seconds(MemoryBoundKernel.SWIGLU, 1e6), 0);
    assertEquals(0, c.seconds(MemoryBoundKernel.ROPE, 0), "no bytes, no launch");
  }

  @Test
  void theFitRecoversAnExactCurveAndRefitsANegativeFloorAsZero() {
    double[] bytes = {1e6, 1e7, 1e8, 1e9};
    double[] exact = new double[4];
    double[] stream = new double[4];
    for (int i = 0; i < 4; i++) {
      exact[i] = 4e-6 + bytes[i] / 2.5e12;
      stream[i] = bytes[i] / 3e12 - 1e-7 * (i == 0 ? 1 : 0);
    }
    MemoryBoundCurve c = MemoryBoundCurve.fit(bytes, exact, "test");
    assertEquals(4e-6, c.floorSeconds(), 1e-12);
    assertEquals(2.5e12, c.bytesPerSecond(), 1e3);
    assertEquals(0, c.rmsRelativeError(bytes, exact), 1e-9);
    assertEquals(0, MemoryBoundCurve.fit(bytes, stream, "test").floorSeconds(), 0);
    assertThrows(IllegalArgumentException.class,
        () -> MemoryBoundCurve.fit(new double[] {1e6, 1e9}, new double[] {1e-3, 1e-6}, "test"));
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
