package org.hourglass.fp8;

/**
 * How fast shared memory can feed the tensor cores for a tile of width BLOCK_N, from first principles.
 * A Hopper WGMMA of shape 64 x N x k reads (64 + N) x k operand elements from shared memory for 64 N k
 * multiply-adds. At full rate an SM does 4096 FP8 (or 2048 BF16) multiply-adds per clock (1979 TFLOP/s over
 * 132 SMs at 1.83 GHz), so it needs 4096 (64 + N) / (64 N) bytes per clock in either precision, against the
 * 128 bytes per clock of 32 four-byte shared-memory banks (CUDA C Programming Guide). Narrow tiles
 * (N below 64) therefore cannot keep the tensor cores busy: the fraction is 128 / (64 + 4096 / N).
 * This is a Hopper figure; it is applied to the other devices as an approximation.
 */
final class SharedMemoryFeed {
  static final double SMEM_BYTES_PER_CLOCK = 32 * 4;
  static final double OPERAND_BYTES_PER_CLOCK_PER_ROW = 4096;
  static final int WGMMA_M = 64;

  private SharedMemoryFeed() {}

  /** Fraction of the tensor-core peak shared memory can sustain for tiles of width {@code blockN}. */
  static double tensorFraction(int blockN) {
    double bytesPerClock = OPERAND_BYTES_PER_CLOCK_PER_ROW * (WGMMA_M + blockN) / ((double) WGMMA_M * blockN);
    return Math.min(1.0, SMEM_BYTES_PER_CLOCK / bytesPerClock);
  }
}
