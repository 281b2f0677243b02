package org.hourglass.validation.calibration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hourglass.fp8.DeepGemmCalibration;
import org.hourglass.fp8.GemmDtype;
import org.hourglass.fp8.KernelEfficiency;
import org.hourglass.fp8.KernelGeneration;
import org.hourglass.fp8.MemoryBoundCurve;
import org.hourglass.fp8.MemoryBoundCurves;
import org.hourglass.fp8.MemoryBoundKernel;
import org.hourglass.hardware.GpuSpec;
import org.hourglass.parallelism.costs.ComputeCosts;
import org.hourglass.parallelism.costs.ComputeCostsProvider;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.hourglass.sim.InvalidInputException;

/**
 * The planner's compute costs with a calibration profile's GEMM efficiencies: each fitted curve of the
 * profile replaces the efficiency of its dtype ({@link AppliedFit}); a dtype the profile did not measure
 * keeps the published one (FP8: DeepGEMM's H800 table; BF16: the cuBLAS note over the FP8 efficiency in use).
 * Each memory-bound kernel class the profile fitted ({@link MemoryBoundFit}) runs on its measured floor
 * and on its bandwidth as a fraction of the measured device's HBM datasheet, applied to the plan's GPU's;
 * a class it did not measure keeps the published stream figure. Attention is as published. The
 * efficiencies are fractions of the datasheet the profile measured against, applied to the plan's GPU's
 * datasheet; the floors are taken as measured (launch latency is the driver's and the SMs', an
 * assumption that holds within a GPU generation).
 */
public final class CalibratedComputeCosts implements ComputeCostsProvider {
  private static final String FIELD = "--calibration";

  private final Path file;
  private final CalibrationProfile profile;
  private final Map<GemmDtype, AppliedFit> applied;
  private final KernelEfficiency fp8;
  private final KernelEfficiency bf16;
  private final Map<MemoryBoundKernel, MemoryBoundFit> memoryBound;

  private CalibratedComputeCosts(Path file, CalibrationProfile profile, Map<GemmDtype, AppliedFit> applied,
      Map<MemoryBoundKernel, MemoryBoundFit> memoryBound) {
    this.file = file;
    this.profile = profile;
    this.applied = applied;
    this.memoryBound = memoryBound;
    this.fp8 = applied.containsKey(GemmDtype.FP8) ? applied.get(GemmDtype.FP8).applied() : DeepGemmCalibration.h800();
    this.bf16 = applied.containsKey(GemmDtype.BF16) ? applied.get(GemmDtype.BF16).applied() : KernelEfficiency.bf16From(fp8);
  }

  /** Reads the profile in {@code file}; a missing, unreadable or unusable one is refused naming --calibration. */
  public static CalibratedComputeCosts load(Path file) {
    CalibrationProfile profile = read(file);
    String name = file.getFileName().toString();
    Peak hbm = profile.datasheetPeaks().get(MeasurementSet.HBM);
    Map<GemmDtype, AppliedFit> applied = new LinkedHashMap<>();
    for (CurveFit fit : profile.fits()) {
      GemmDtype dtype = dtypeOf(name, fit);
      KernelEfficiency base = dtype == GemmDtype.FP8 ? DeepGemmCalibration.h800() : KernelEfficiency.bf16From(DeepGemmCalibration.h800());
      if (applied.put(dtype, AppliedFit.of(name, fit, hbm, base)) != null) {
        throw new InvalidInputException(FIELD, name + " has more than one fit for " + fit.dtype() + "; keep one");
      }
    }
    Map<MemoryBoundKernel, MemoryBoundFit> memoryBound = new EnumMap<>(MemoryBoundKernel.class);
    for (MemoryBoundFit fit : profile.memoryBoundFits()) {
      MemoryBoundKernel kernel = MemoryBoundKernel.ofProfileName(fit.kernel()).orElseThrow(() -> new InvalidInputException(FIELD,
          name + ": memory-bound fit " + fit.kernel() + " is not a kernel class the step prices (" + classNames() + ")"));
      if (!(fit.fractionOfDatasheet() > 0 && fit.fractionOfDatasheet() <= 1) || !(fit.floorSeconds() >= 0)) {
        throw new InvalidInputException(FIELD, name + ": " + fit.kernel() + " has a bandwidth of " + fit.fractionOfDatasheet()
            + " of its datasheet and a floor of " + fit.floorSeconds() + " s; a bandwidth must lie in (0, 1] of it, a floor >= 0");
      }
      if (memoryBound.put(kernel, fit) != null) {
        throw new InvalidInputException(FIELD, name + " has more than one memory-bound fit for " + fit.kernel() + "; keep one");
      }
    }
    return new CalibratedComputeCosts(file, profile, applied, memoryBound);
  }

  @Override
  public ComputeCosts forGpu(GpuSpec gpu, int computeSms, KernelGeneration kernels) {
    return new Fp8ComputeCosts(gpu, computeSms, fp8, bf16, kernels, memoryBoundCurves(gpu));
  }

  /** The memory-bound curves on {@code gpu}: the profile's classes scaled to its HBM datasheet, the rest published. */
  public MemoryBoundCurves memoryBoundCurves(GpuSpec gpu) {
    MemoryBoundCurves curves = MemoryBoundCurves.published(Fp8ComputeCosts.deviceOf(gpu));
    double hbm = gpu.hbmBytesPerSecond().value();
    for (Map.Entry<MemoryBoundKernel, MemoryBoundFit> e : memoryBound.entrySet()) {
      MemoryBoundFit f = e.getValue();
      curves = curves.with(e.getKey(), new MemoryBoundCurve(f.floorSeconds(), f.fractionOfDatasheet() * hbm, String.format(
          "calibration profile %s, %s %s: floor %.2f us, %.3f of the %.2f TB/s datasheet of %s (%d sizes, RMS rel. error %.1f%%)",
          file.getFileName(), f.kernel(), f.dtype(), 1e6 * f.floorSeconds(), f.fractionOfDatasheet(),
          f.efficiencyAgainst().perSecond() / 1e12, profile.device(), f.points(), 100 * f.rmsRelativeError())));
    }
    return curves;
  }

  /** The memory-bound fits applied, by kernel class. */
  public Map<MemoryBoundKernel, MemoryBoundFit> memoryBoundFits() {
    return memoryBound;
  }

  private static String classNames() {
    return java.util.Arrays.stream(MemoryBoundKernel.values()).map(MemoryBoundKernel::profileName)
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** The profile's file. */
  public Path file() {
    return file;
  }

  /** The profile as read. */
  public CalibrationProfile profile() {
    return profile;
  }

  /** The fits applied, by dtype. */
  public Map<GemmDtype, AppliedFit> applied() {
    return applied;
  }

  /** The efficiency FP8 GEMMs run at, with its source. */
  public KernelEfficiency fp8Efficiency() {
    return fp8;
  }

  /** The efficiency BF16 GEMMs run at, with its source. */
  public KernelEfficiency bf16Efficiency() {
    return bf16;
  }

  /** Whether the profile's device is the catalog GPU {@code gpu}; false also when the device is not in the catalog. */
  public boolean measuredOn(GpuSpec gpu) {
    return DatasheetPeaks.matchDevice(profile.device()).map(g -> g.name().equals(gpu.name())).orElse(false);
  }

  /** The profile and what the plan took from it, for reports: file, device, fitted parameters, sources. */
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("file", file.getFileName().toString());
    d.put("path", file.toString());
    d.put("format", profile.format());
    d.put("device", profile.device());
    d.put("driverVersion", profile.driverVersion());
    d.put("method", profile.method());
    List<Map<String, Object>> fits = new ArrayList<>();
    applied.forEach((dtype, a) -> fits.add(describe(a)));
    d.put("fits", fits);
    d.put("memoryBoundFits", new ArrayList<>(memoryBound.values()));
    d.put("fp8GemmEfficiencySource", fp8.source());
    d.put("bf16GemmEfficiencySource", bf16.source());
    d.put("sources", profile.sources());
    return d;
  }

  private static Map<String, Object> describe(AppliedFit a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kernel", a.fit().kernel());
    m.put("dtype", a.fit().dtype());
    m.put("eMax", a.fit().eMax());
    m.put("i0FlopsPerByte", a.fit().i0FlopsPerByte());
    m.put("rSquared", a.fit().rSquared());
    m.put("rmsRelativeError", a.fit().rmsRelativeError());
    m.put("efficiencyAgainst", a.fit().efficiencyAgainst());
    m.put("ceiling", a.fit().ceiling());
    m.put("tensorFraction", a.applied().tensorFraction());
    m.put("replacedTensorFraction", a.replaced().tensorFraction());
    m.put("hbmFraction", a.applied().hbmFraction());
    m.put("replacedHbmFraction", a.replaced().hbmFraction());
    m.put("note", a.note());
    return m;
  }

  private static CalibrationProfile read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(FIELD, "no such file: " + file);
    }
    CalibrationProfile profile;
    try {
      profile = MeasurementFiles.readProfile(file);
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(FIELD, "cannot read " + file + " as a calibration profile: " + firstLine(e.getMessage()));
    }
    if (!CalibrationProfile.FORMAT.equals(profile.format())) {
      throw new InvalidInputException(FIELD, file + " is not a calibration profile (format " + profile.format() + ", expected "
          + CalibrationProfile.FORMAT + ")");
    }
    if (profile.fits().isEmpty() && profile.memoryBoundFits().isEmpty()) {
      throw new InvalidInputException(FIELD, file + " has no GEMM efficiency fit and no memory-bound kernel fit to apply");
    }
    return profile;
  }

  private static GemmDtype dtypeOf(String name, CurveFit fit) {
    return switch (String.valueOf(fit.dtype())) {
      case "fp8-e4m3" -> GemmDtype.FP8;
      case "bf16" -> GemmDtype.BF16;
      default -> throw new InvalidInputException(FIELD, name + ": fit dtype " + fit.dtype() + " is not one the GEMM model has"
          + " (fp8-e4m3, bf16)");
    };
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
