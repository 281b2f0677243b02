package org.hourglass.fp8;

/**
 * A published kernel measurement a {@link GemmModel} can be fitted to and checked against: the
 * time the kernel took and the time the model predicts for the same problem.
 */
public interface MeasuredGemm {
  /** Kernel time implied by the published throughput. */
  double measuredSeconds();

  /** The model's kernel time for the same problem on all of the measured GPU's SMs. */
  double predictedSeconds(GemmModel model);

  /** Useful FLOPs of the problem (2 m n k, summed over groups). */
  double flops();

  /** Predicted TFLOP/s, as the publication reports it. */
  default double predictedTflops(GemmModel model) {
    return flops() / predictedSeconds(model) / 1e12;
  }

  /** Published TFLOP/s. */
  double tflops();
}
