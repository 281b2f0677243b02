package org.hourglass.validation.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hourglass.sim.InvalidInputException;

/**
 * Turns a set of measurements into a profile: for each GEMM kernel and dtype, fits the efficiency
 * curve (efficiency = achieved / datasheet peak) and records the ceiling its shape is combined with;
 * for each data-movement kernel, the best bandwidth against the datasheet; for each memory-bound
 * kernel class measured at two sizes or more, its floor and bandwidth ({@link MemoryBoundFit}).
 *
 * <p>The ceiling is a published figure where one is given for the dtype (say cuBLAS's or DeepGEMM's
 * best on this GPU), else the fit's own plateau, eMax x datasheet, marked {@code measured}: a GPU's
 * own simple kernels are slower than the vendor libraries, and the profile says which one it used.
 */
public final class Calibrator {
  private final Map<String, Peak> publishedCeilings;

  /** A calibrator scaling curve shapes to {@code publishedCeilings} (by dtype) where given. */
  public Calibrator(Map<String, Peak> publishedCeilings) {
    this.publishedCeilings = Map.copyOf(publishedCeilings);
  }

  /** Fits {@code set} into a profile. */
  public CalibrationProfile calibrate(MeasurementSet set) {
    List<CurveFit> fits = new ArrayList<>();
    groups(set, true).forEach(g -> fits.add(fit(set, g.kernel(), g.dtype())));
    List<BandwidthResult> bandwidths = new ArrayList<>();
    groups(set, false).forEach(g -> bandwidths.add(bandwidth(set, g.kernel(), g.dtype())));
    if (fits.isEmpty() && bandwidths.isEmpty()) {
      throw new InvalidInputException("measurements", "no measurements to fit");
    }
    List<MemoryBoundFit> memoryBound = new ArrayList<>();
    groups(set, false).stream().filter(g -> org.hourglass.fp8.MemoryBoundKernel.ofProfileName(g.kernel()).isPresent())
        .filter(g -> set.of(g.kernel(), g.dtype()).stream().mapToDouble(Measurement::bytes).distinct().count() >= 2)
        .forEach(g -> memoryBound.add(MemoryBoundFit.fit(g.kernel(), g.dtype(), set.of(g.kernel(), g.dtype()),
            set.datasheetPeaks().get(MeasurementSet.HBM))));
    return new CalibrationProfile(CalibrationProfile.FORMAT, set.device(), set.driverVersion(), set.method(),
        set.datasheetPeaks(), set.measurements(), fits, bandwidths, memoryBound, set.sources(), notes(fits));
  }

  /** A kernel measured in one dtype. */
  private record Group(String kernel, String dtype) {}

  /** The kernel/dtype groups, in order of first appearance, of the compute kernels (FLOPs) or of the others. */
  private static List<Group> groups(MeasurementSet set, boolean compute) {
    return set.measurements().stream().filter(m -> (m.flops() > 0) == compute)
        .map(m -> new Group(m.kernel(), m.dtype())).distinct().toList();
  }

  private CurveFit fit(MeasurementSet set, String kernel, String dtype) {
    Peak datasheet = set.datasheetPeaks().get(dtype);
    if (datasheet == null) {
      throw new InvalidInputException("datasheetPeaks", "no datasheet peak for dtype " + dtype + " (kernel " + kernel + ")");
    }
    List<EfficiencyFit.Point> points = set.of(kernel, dtype).stream()
        .map(m -> new EfficiencyFit.Point(m.intensityFlopsPerByte(), m.flops() / m.medianSeconds() / datasheet.perSecond()))
        .toList();
    EfficiencyFit.Outcome o = EfficiencyFit.fit(points);
    if (o.curve().eMax() >= 1) {
      throw new InvalidInputException("measurements", kernel + " " + dtype + " fits a plateau of " + o.curve().eMax()
          + " of the datasheet peak; measurements above the datasheet are not physical");
    }
    return new CurveFit(kernel, dtype, SaturatingEfficiency.FORM, o.curve().eMax(), o.curve().i0FlopsPerByte(),
        o.rSquared(), o.rmsRelativeError(), o.points(), datasheet, o.curve().impliedBytesPerSecond(datasheet.perSecond()),
        ceiling(kernel, dtype, o.curve(), datasheet));
  }

  private Peak ceiling(String kernel, String dtype, SaturatingEfficiency curve, Peak datasheet) {
    Peak published = publishedCeilings.get(dtype);
    if (published != null) {
      return published;
    }
    return new Peak(curve.eMax() * datasheet.perSecond(), Peak.FLOPS, "measured",
        "plateau of the fit of " + kernel + " itself: eMax x datasheet (" + datasheet.source() + ")");
  }

  private static BandwidthResult bandwidth(MeasurementSet set, String kernel, String dtype) {
    double best = set.of(kernel, dtype).stream().mapToDouble(m -> m.bytes() / m.medianSeconds()).max().orElseThrow();
    Peak hbm = set.datasheetPeaks().get(MeasurementSet.HBM);
    return new BandwidthResult(kernel, best, hbm, hbm == null ? Double.NaN : best / hbm.perSecond());
  }

  private static List<String> notes(List<CurveFit> fits) {
    List<String> notes = new ArrayList<>();
    notes.add("Use a fit as rate(I) = ceiling x (1 - exp(-I / i0)); eMax is against efficiencyAgainst, the datasheet peak.");
    for (CurveFit f : fits) {
      if ("measured".equals(f.ceiling().kind())) {
        notes.add(f.kernel() + " " + f.dtype() + ": ceiling is this run's own kernel plateau, not a vendor library's;"
            + " pass a published ceiling to combine the shape with it.");
      }
    }
    return notes;
  }
}
