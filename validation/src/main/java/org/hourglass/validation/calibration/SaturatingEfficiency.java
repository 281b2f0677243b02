package org.hourglass.validation.calibration;

/**
 * Efficiency as a smooth roofline in arithmetic intensity I (FLOPs per byte):
 * {@code e(I) = eMax (1 - exp(-I / i0))}.
 *
 * <p>Why this form: a roofline says throughput is min(peak, I x bandwidth); real kernels round the
 * corner (tile quantization, wave tails, prologue/epilogue). This form has the roofline's two regimes
 * and one parameter each: for I much less than i0 it is linear in I, i.e. memory-bound at an effective
 * bandwidth of {@code eMax x peak / i0}; for I much greater than i0 it saturates at eMax, the
 * compute-bound efficiency. Both parameters have a physical reading and can be checked (the implied
 * bandwidth must stay below the HBM datasheet figure, eMax below 1).
 *
 * @param eMax efficiency reached at high intensity, a fraction of the peak it was measured against
 * @param i0FlopsPerByte the intensity scale of the knee
 */
public record SaturatingEfficiency(double eMax, double i0FlopsPerByte) {
  /** The form, as recorded in profiles. */
  public static final String FORM = "e(I) = eMax * (1 - exp(-I / i0)), I = FLOPs per byte moved";

  /** Efficiency at intensity {@code flopsPerByte}. */
  public double at(double flopsPerByte) {
    return eMax * shapeAt(flopsPerByte);
  }

  /** The curve's shape, 0 to 1: {@code 1 - exp(-I / i0)}; scale it by a ceiling to predict a rate. */
  public double shapeAt(double flopsPerByte) {
    return -Math.expm1(-flopsPerByte / i0FlopsPerByte);
  }

  /** The memory bandwidth the low-intensity slope implies when efficiency is against {@code peakFlopsPerSecond}. */
  public double impliedBytesPerSecond(double peakFlopsPerSecond) {
    return eMax * peakFlopsPerSecond / i0FlopsPerByte;
  }
}
