package org.hourglass.validation.calibration;

/**
 * A reference rate with its source: the datasheet peak efficiencies are measured against, or the
 * ceiling a fitted curve's shape is scaled to.
 *
 * @param perSecond the rate, in {@code unit}
 * @param unit {@code FLOP/s} or {@code B/s}
 * @param kind {@code datasheet}, {@code published} (a library's best figure) or {@code measured}
 * @param source where it comes from
 */
public record Peak(double perSecond, String unit, String kind, String source) {
  /** Unit of compute rates. */
  public static final String FLOPS = "FLOP/s";
  /** Unit of bandwidths. */
  public static final String BYTES = "B/s";

  public Peak {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("a peak must be a positive finite rate, got " + perSecond);
    }
  }
}
