package org.hourglass.validation.calibration;

/**
 * A fitted efficiency curve of one kernel and dtype as a profile records it: the fitted parameters,
 * their goodness of fit, the peak the efficiencies were measured against, and the ceiling the curve's
 * shape is combined with to predict a rate: {@code rate(I) = ceiling x (1 - exp(-I / i0))}.
 *
 * @param kernel the kernel the points come from
 * @param dtype the dtype
 * @param form the fitted form
 * @param eMax fitted high-intensity efficiency against {@code efficiencyAgainst}
 * @param i0FlopsPerByte fitted knee intensity
 * @param rSquared coefficient of determination on efficiency
 * @param rmsRelativeError RMS of (fitted - measured) / measured
 * @param points how many measurements were fitted
 * @param efficiencyAgainst the peak efficiencies were taken against (the datasheet)
 * @param impliedBandwidthBytesPerSecond eMax x peak / i0, the low-intensity slope as a bandwidth
 * @param ceiling the absolute rate the shape is scaled to, and whether it is measured or published
 */
public record CurveFit(String kernel, String dtype, String form, double eMax, double i0FlopsPerByte, double rSquared,
    double rmsRelativeError, int points, Peak efficiencyAgainst, double impliedBandwidthBytesPerSecond, Peak ceiling) {

  /** The curve as fitted. */
  public SaturatingEfficiency curve() {
    return new SaturatingEfficiency(eMax, i0FlopsPerByte);
  }

  /** Predicted rate at {@code flopsPerByte}: the ceiling times the curve's shape; never above the ceiling. */
  public double predictedFlopsPerSecond(double flopsPerByte) {
    return ceiling.perSecond() * curve().shapeAt(flopsPerByte);
  }
}
