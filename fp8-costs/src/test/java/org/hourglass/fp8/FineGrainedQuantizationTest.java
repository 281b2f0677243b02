package org.hourglass.fp8;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FineGrainedQuantizationTest {
  private final MemoryBoundCurve cast = MemoryBoundCurves.published(ComputeDevice.H800).of(MemoryBoundKernel.FP8_QUANTIZE_1X128);
  private final FineGrainedQuantization quantization = new FineGrainedQuantization(MemoryBoundCurves.published(ComputeDevice.H800));

  @Test
  void activationBytesAreBf16InFp8OutAndOneScalePer128() {
    assertEquals(4 * 256 * 3 + 4 * 2 * 4, FineGrainedQuantization.activationBytes(4, 256), 0);
    assertEquals(3 * 129 * 3 + 3 * 2 * 4, FineGrainedQuantization.activationBytes(3, 129), 0);
  }

  @Test
  void weightBytesHaveOneScalePer128By128Block() {
    assertEquals(256.0 * 384 * 3 + 2 * 3 * 4, FineGrainedQuantization.weightBytes(256, 384), 0);
  }

  @Test
  void passCostIsOneLaunchOnThePublishedCastCurve() {
    double bytes = FineGrainedQuantization.activationBytes(8192, 7168);
    assertEquals(cast.floorSeconds() + bytes / cast.bytesPerSecond(), quantization.activations(8192, 7168).seconds(), 1e-15);
    assertEquals(quantization.activations(8192, 7168).seconds(), quantization.activations(8192, 7168).exposedSeconds());
    double weights = 4 * FineGrainedQuantization.weightBytes(4096, 7168);
    assertEquals(cast.seconds(weights), quantization.weights(4, 4096, 7168).seconds(), 1e-18);
  }
}
