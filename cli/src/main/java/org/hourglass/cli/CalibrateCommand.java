package org.hourglass.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hourglass.hardware.GpuSpec;
import org.hourglass.hardware.HardwareCatalog;
import org.hourglass.sim.InvalidInputException;
import org.hourglass.validation.calibration.BandwidthResult;
import org.hourglass.validation.calibration.CalibrationProfile;
import org.hourglass.validation.calibration.Calibrator;
import org.hourglass.validation.calibration.CurveFit;
import org.hourglass.validation.calibration.DatasheetPeaks;
import org.hourglass.validation.calibration.MeasurementFiles;
import org.hourglass.validation.calibration.MeasurementSet;
import org.hourglass.validation.calibration.Peak;
import org.hourglass.validation.gpu.BenchmarkPlan;
import org.hourglass.validation.gpu.GpuDevice;
import org.hourglass.validation.gpu.GpuUnavailableException;
import org.hourglass.validation.gpu.Microbenchmarks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass calibrate}: runs the validation module's kernels on this machine's GPU (or reads a
 * recorded measurement file), fits the efficiency curves and writes a calibration profile. Without a
 * GPU it says why in one line and exits with code 3.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = "Measure this GPU (or fit a recorded measurement file) and write a calibration profile.")
final class CalibrateCommand implements Callable<Integer> {
  static final int EXIT_NO_GPU = 3;

  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, description = "Profile file to write (JSON).")
  Path out;

  @Option(names = "--quick", description = "Fewer shapes and repetitions (a minute instead of several).")
  boolean quick;

  @Option(names = "--from-measurements", description = "Fit this recorded file instead of running kernels: a DeepGEMM-format CSV, measurements JSON or a profile.")
  Path fromMeasurements;

  @Option(names = "--device", defaultValue = "0", description = "GPU ordinal (default: ${DEFAULT-VALUE}).")
  int device;

  @Option(names = "--gpu", description = "Catalog GPU (or YAML) whose datasheet efficiencies are taken against; default: matched from the device name.")
  String gpu;

  @Option(names = "--ceiling", description = "Published ceiling for a dtype's curve, DTYPE=TFLOPS (e.g. fp8-e4m3=1550); default: the fit's own plateau.")
  Map<String, Double> ceilingTflops = new LinkedHashMap<>();

  @Option(names = "--ceiling-source", description = "Where the --ceiling figures come from (required with --ceiling).")
  String ceilingSource;

  @Option(names = "--json", description = "Print a one-object summary as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    Calibrator calibrator = new Calibrator(ceilings());
    MeasurementSet set = fromMeasurements != null ? MeasurementFiles.read("--from-measurements", fromMeasurements) : measure();
    CalibrationProfile profile = calibrator.calibrate(set);
    MeasurementFiles.write(out, profile);
    if (json) {
      Units.printJson(spec.commandLine().getOut(), summary(profile));
    } else {
      printText(spec.commandLine().getOut(), profile);
    }
    return 0;
  }

  private Map<String, Peak> ceilings() {
    if (!ceilingTflops.isEmpty() && (ceilingSource == null || ceilingSource.isBlank())) {
      throw new InvalidInputException("--ceiling-source", "say where the --ceiling figures come from");
    }
    Map<String, Peak> r = new LinkedHashMap<>();
    ceilingTflops.forEach((dtype, tflops) -> {
      if (!(tflops > 0) || Double.isInfinite(tflops)) {
        throw new InvalidInputException("--ceiling", dtype + " must be a positive TFLOP/s figure, got " + tflops);
      }
      r.put(dtype, new Peak(tflops * 1e12, Peak.FLOPS, "published", ceilingSource));
    });
    return r;
  }

  private MeasurementSet measure() {
    PrintWriter progress = spec.commandLine().getErr();
    try (GpuDevice device = GpuDevice.open(this.device)) {
      GpuSpec datasheet = datasheetFor(device.name());
      progress.printf("calibrating %s (driver %s, sm_%d) against the %s datasheet%n", device.name(), device.driverVersion(),
          device.computeCapability(), datasheet.name());
      return Microbenchmarks.run(device, quick ? BenchmarkPlan.quick() : BenchmarkPlan.full(), DatasheetPeaks.of(datasheet), progress);
    } catch (GpuUnavailableException e) {
      throw new ExitException(EXIT_NO_GPU, "calibrate: " + e.getMessage());
    }
  }

  private GpuSpec datasheetFor(String deviceName) {
    if (gpu != null) {
      return HardwareCatalog.builtIn().gpu(gpu);
    }
    return DatasheetPeaks.matchDevice(deviceName).orElseThrow(() -> new InvalidInputException("--gpu",
        "device '" + deviceName + "' is not in the hardware catalog; name its datasheet with --gpu NAME or a YAML file"));
  }

  private Map<String, Object> summary(CalibrationProfile p) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("profile", out.toString());
    r.put("device", p.device());
    r.put("measurements", p.measurements().size());
    r.put("fits", p.fits());
    r.put("bandwidths", p.bandwidths());
    r.put("memoryBoundFits", p.memoryBoundFits());
    return r;
  }

  private void printText(PrintWriter o, CalibrationProfile p) {
    o.printf("%s: %d measurements (%s)%n", p.device(), p.measurements().size(), p.method());
    for (CurveFit f : p.fits()) {
      o.printf("  %-22s %-9s eMax %.3f of %.0f TFLOP/s, i0 %.0f FLOP/B, R^2 %.3f, RMS rel. error %.1f%%, implied bandwidth %.2f TB/s%n",
          f.kernel(), f.dtype(), f.eMax(), f.efficiencyAgainst().perSecond() / 1e12, f.i0FlopsPerByte(), f.rSquared(),
          100 * f.rmsRelativeError(), f.impliedBandwidthBytesPerSecond() / 1e12);
      o.printf("  %-22s %-9s ceiling %.0f TFLOP/s (%s: %s)%n", "", "", f.ceiling().perSecond() / 1e12, f.ceiling().kind(), f.ceiling().source());
    }
    for (BandwidthResult b : p.bandwidths()) {
      o.printf("  %-22s best %.0f GB/s, %.0f%% of datasheet%n", b.kernel(), b.measuredBytesPerSecond() / 1e9, 100 * b.fractionOfDatasheet());
    }
    for (var f : p.memoryBoundFits()) {
      o.printf("  %-28s floor %.2f us per launch, %.0f GB/s sustained = %.3f of datasheet, RMS rel. error %.1f%% over %d sizes%n",
          f.kernel(), 1e6 * f.floorSeconds(), f.bytesPerSecond() / 1e9, f.fractionOfDatasheet(), 100 * f.rmsRelativeError(), f.points());
    }
    o.printf("wrote %s%n", out);
  }
}
