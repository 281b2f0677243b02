package org.hourglass.fp8;

/**
 * DeepSeek-V3's promotion of FP8 partial sums: every 128 elements of K each output adds its tensor-core
 * partial sum, times the product of its two scales, into an FP32 accumulator on the CUDA cores, one FMA
 * (2 FP32 flops) per output per 128 K. Issued time = that work over the FP32 peak of the SMs used.
 * Overlap (assumption, from the report's section 3.3.2: one warpgroup promotes while another runs its
 * WGMMA): all of it hides behind tensor-core work except the last promotion of each tile, which has no
 * later WGMMA to hide behind: exposed = waves x 2 BLOCK_M BLOCK_N / per-SM FP32 rate.
 */
record Fp32Promotion(double issuedSeconds, double exposedSeconds) {

  static Fp32Promotion of(ComputeDevice device, GemmDtype dtype, long outputs, long k, long waves, TileShape tile,
      int sms) {
    if (!dtype.scaled()) {
      return new Fp32Promotion(0, 0);
    }
    double smFp32 = device.peakFp32FlopsPerSecond() / device.sms();
    double promotions = (double) outputs * TileShape.ceilDiv(k, GemmDtype.SCALE_BLOCK);
    double issued = 2 * promotions / (smFp32 * sms);
    double tail = waves * 2.0 * tile.blockM() * tile.blockN() / smFp32;
    return new Fp32Promotion(issued, Math.min(issued, tail));
  }

  CostItem item() {
    return new CostItem("FP32 promotion (CUDA cores)", issuedSeconds, exposedSeconds,
        "1 FMA per output per 128 K on CUDA cores; hidden behind the other warpgroup's WGMMA except each tile's last");
  }
}
