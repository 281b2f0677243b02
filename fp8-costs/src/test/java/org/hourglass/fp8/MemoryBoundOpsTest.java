package org.hourglass.fp8;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MemoryBoundOpsTest {
  private final HbmStream stream = HbmStream.of(ComputeDevice.H800);
  private final MemoryBoundOps ops = new MemoryBoundOps(stream);

  @Test
  void adamwMovesTwentyTwoBytesPerParameter() {
    assertEquals(22, MemoryBoundOps.adamwBytesPerParameter(), 0);
    assertEquals(22.0 * 1e9 / (3.35e12 * 0.9), ops.adamwSeconds(1_000_000_000L), 1e-12);
  }

  @Test
  void elementwiseOpsAreBytesOverBandwidth() {
    assertEquals((4.0 * 4096 * 7168 + 2 * 7168) / stream.bytesPerSecond(), ops.rmsNormSeconds(4096, 7168), 1e-15);
    assertEquals(6.0 * 4096 * 2048 / stream.bytesPerSecond(), ops.swigluSeconds(4096, 2048), 1e-15);
    assertEquals(4.0 * 4096 * 128 * 64 / stream.bytesPerSecond(), ops.ropeSeconds(4096, 128, 64), 1e-15);
  }

  @Test
  void fasterMemoryMeansFasterOps() {
    double h200 = new MemoryBoundOps(HbmStream.of(ComputeDevice.H200)).swigluSeconds(4096, 2048);
    assertEquals(3.35 / 4.8, h200 / ops.swigluSeconds(4096, 2048), 1e-12);
  }
}
