package org.hourglass.validation.calibration;

import org.hourglass.fp8.KernelEfficiency;
import org.hourglass.sim.InvalidInputException;

/**
 * One fitted curve of a profile mapped onto fp8-costs' {@link KernelEfficiency} for its dtype. The curve
 * {@code rate(I) = ceiling x (1 - exp(-I / i0))} has two readings the GEMM model shares:
 * <ul>
 *   <li>its plateau, ceiling / datasheet peak, replaces the main-loop tensor fraction;</li>
 *   <li>its low-intensity slope, ceiling / i0 bytes per second, over the profile's HBM datasheet figure,
 *       replaces the HBM fraction (at most 1: a slope above the datasheet is capped there, and said so).</li>
 * </ul>
 * Per-tile and per-launch costs stay those of the base efficiency. The plateau already contains some of
 * them at the profile's shapes, so they are counted twice there: the mapping errs towards slower GEMMs.
 *
 * @param fit the profile's fit
 * @param replaced the efficiency it replaces
 * @param applied the efficiency the plan uses
 * @param note what was taken from where
 */
public record AppliedFit(CurveFit fit, KernelEfficiency replaced, KernelEfficiency applied, String note) {

  /** Maps {@code fit} onto {@code base}; {@code hbm} is the profile's HBM datasheet peak, or null. */
  public static AppliedFit of(String profileName, CurveFit fit, Peak hbm, KernelEfficiency base) {
    if (fit.ceiling() == null || fit.efficiencyAgainst() == null || !(fit.i0FlopsPerByte() > 0)) {
      throw new InvalidInputException("--calibration", profileName + ": the " + fit.kernel() + " " + fit.dtype()
          + " fit needs a ceiling, the peak it is against (efficiencyAgainst) and a positive i0FlopsPerByte");
    }
    double plateau = fit.ceiling().perSecond() / fit.efficiencyAgainst().perSecond();
    if (!(plateau > 0 && plateau <= 1)) {
      throw new InvalidInputException("--calibration", profileName + ": " + fit.kernel() + " " + fit.dtype()
          + " has a ceiling of " + plateau + " of its datasheet peak; a plateau must lie in (0, 1]");
    }
    double slopeBytesPerSecond = fit.ceiling().perSecond() / fit.i0FlopsPerByte();
    double hbmFraction = hbm == null ? base.hbmFraction() : Math.min(1, slopeBytesPerSecond / hbm.perSecond());
    String note = note(profileName, fit, plateau, hbm, slopeBytesPerSecond, hbmFraction, base);
    KernelEfficiency applied = new KernelEfficiency(plateau, hbmFraction, base.tileOverheadSeconds(), base.launchSeconds(), note);
    return new AppliedFit(fit, base, applied, note);
  }

  private static String note(String profileName, CurveFit fit, double plateau, Peak hbm, double slope, double hbmFraction,
      KernelEfficiency base) {
    String memory = hbm == null
        ? String.format("HBM fraction %.3f kept (the profile records no HBM datasheet peak)", base.hbmFraction())
        : String.format("HBM fraction %.3f = ceiling / i0 = %.2f TB/s over the %.2f TB/s datasheet%s", hbmFraction, slope / 1e12,
            hbm.perSecond() / 1e12, slope > hbm.perSecond() ? " (capped at the datasheet)" : "");
    return String.format("calibration profile %s, %s %s: tensor fraction %.3f = ceiling %.0f TFLOP/s (%s: %s) / datasheet"
        + " %.0f TFLOP/s, fitted eMax %.3f, i0 %.0f FLOP/B, R^2 %.3f; %s; tile and launch costs kept from: %s",
        profileName, fit.kernel(), fit.dtype(), plateau, fit.ceiling().perSecond() / 1e12, fit.ceiling().kind(),
        fit.ceiling().source(), fit.efficiencyAgainst().perSecond() / 1e12, fit.eMax(), fit.i0FlopsPerByte(), fit.rSquared(),
        memory, base.source());
  }
}
