package org.hourglass.validation.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hourglass.fp8.MemoryBoundCurves;
import org.hourglass.fp8.MemoryBoundKernel;
import org.hourglass.hardware.GpuSpec;
import org.hourglass.hardware.HardwareCatalog;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.hourglass.sim.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory-bound kernel classes: the floor-plus-bandwidth fit, the profile that carries it, and the
 * plan's curves built from it. The recorded file is a synthetic fixture (its method says so), not a
 * measurement: no GPU was lent to measure one.
 */
class MemoryBoundFitTest {
  private static final Peak HBM = new Peak(4.8e12, Peak.BYTES, "datasheet", "test");
  private static final Path FIXTURE = Path.of("src/test/resources/calibration/memory-bound-synthetic.json");

  private static List<Measurement> exact(double floor, double bytesPerSecond, double... bytes) {
    List<Measurement> ms = new ArrayList<>();
    for (double b : bytes) {
      ms.add(new Measurement("rope", "bf16", new Measurement.Shape("rows", 1, 1, 0, 0), 10, floor + b / bytesPerSecond, 0.0, 0, b));
    }
    return ms;
  }

  @Test
  void exactPointsGiveBackTheirFloorAndBandwidth() {
    MemoryBoundFit f = MemoryBoundFit.fit("rope", "bf16", exact(5e-6, 3.6e12, 1e5, 1e6, 1e7, 1e8, 1e9), HBM);
    assertEquals(5e-6, f.floorSeconds(), 1e-12);
    assertEquals(3.6e12, f.bytesPerSecond(), 1e3);
    assertEquals(0.75, f.fractionOfDatasheet(), 1e-9);
    assertEquals(0, f.rmsRelativeError(), 1e-9);
  }

  @Test
  void aNegativeFloorFromNoiseIsRefittedAsZero() {
    List<Measurement> ms = exact(0, 4e12, 1e8, 1e9);
    ms.set(0, new Measurement("rope", "bf16", ms.get(0).shape(), 10, 1e8 / 4e12 * 0.98, 0.0, 0, 1e8));
    MemoryBoundFit f = MemoryBoundFit.fit("rope", "bf16", ms, HBM);
    assertEquals(0, f.floorSeconds());
    assertTrue(f.bytesPerSecond() > 3.9e12 && f.bytesPerSecond() < 4.2e12, "" + f.bytesPerSecond());
  }

  @Test
  void oneSizeIsNotEnough() {
    var e = assertThrows(InvalidInputException.class, () -> MemoryBoundFit.fit("rope", "bf16", exact(5e-6, 3e12, 1e6, 1e6), HBM));
    assertTrue(e.getMessage().contains("two sizes"), e.getMessage());
  }

  @Test
  void theCalibratorFitsEveryClassOfTheRecordedFileAndTheProfileReadsBack(@TempDir Path dir) throws IOException {
    CalibrationProfile p = new Calibrator(java.util.Map.of()).calibrate(MeasurementFiles.read("test", FIXTURE));
    assertEquals(6, p.memoryBoundFits().size());
    MemoryBoundFit norm = p.memoryBoundFits().stream().filter(f -> f.kernel().equals("rmsnorm_residual")).findFirst().orElseThrow();
    assertEquals(5e-6, norm.floorSeconds(), 0.5e-6, "the fixture's floor within its 1% jitter");
    assertEquals(0.80, norm.fractionOfDatasheet(), 0.02);
    Path written = dir.resolve("p.json");
    MeasurementFiles.write(written, p);
    assertEquals(p.memoryBoundFits(), MeasurementFiles.readProfile(written).memoryBoundFits());
  }

  @Test
  void aPlanOnAnotherGpuScalesTheMeasuredFractionToItsDatasheetAndKeepsTheOtherClassesPublished(@TempDir Path dir)
      throws IOException {
    CalibrationProfile p = new Calibrator(java.util.Map.of()).calibrate(MeasurementFiles.read("test", FIXTURE));
    CalibrationProfile onlyRope = new CalibrationProfile(p.format(), p.device(), p.driverVersion(), p.method(), p.datasheetPeaks(),
        List.of(), List.of(), List.of(), p.memoryBoundFits().stream().filter(f -> f.kernel().equals("rope")).toList(), p.sources(),
        p.notes());
    Path file = dir.resolve("rope.json");
    MeasurementFiles.write(file, onlyRope);
    CalibratedComputeCosts costs = CalibratedComputeCosts.load(file);
    GpuSpec h800 = HardwareCatalog.builtIn().gpu("h800-sxm");
    MemoryBoundCurves curves = costs.memoryBoundCurves(h800);
    MemoryBoundFit rope = onlyRope.memoryBoundFits().get(0);
    assertEquals(rope.fractionOfDatasheet() * h800.hbmBytesPerSecond().value(), curves.of(MemoryBoundKernel.ROPE).bytesPerSecond(), 1);
    assertEquals(rope.floorSeconds(), curves.of(MemoryBoundKernel.ROPE).floorSeconds());
    var published = org.hourglass.fp8.MemoryBoundCurves.published(Fp8ComputeCosts.deviceOf(h800)).of(MemoryBoundKernel.SWIGLU);
    assertEquals(published.bytesPerSecond(), curves.of(MemoryBoundKernel.SWIGLU).bytesPerSecond());
    assertEquals(published.floorSeconds(), curves.of(MemoryBoundKernel.SWIGLU).floorSeconds());
    var compute = costs.forGpu(h800, 132, org.hourglass.fp8.KernelGeneration.DEEPGEMM_2025);
    assertEquals(rope.floorSeconds() + 1e6 / (rope.fractionOfDatasheet() * h800.hbmBytesPerSecond().value()),
        compute.memoryBoundSeconds(MemoryBoundKernel.ROPE, 1e6), 1e-15, "the plan prices RoPE on the measured curve");
    assertEquals(published.seconds(1e6), compute.memoryBoundSeconds(MemoryBoundKernel.SWIGLU, 1e6), 1e-15,
        "and SwiGLU, which the profile did not measure, on the published one");
  }

  @Test
  void aProfileWhoseFitNamesNoKernelClassIsRefusedNamingTheField(@TempDir Path dir) throws IOException {
    MemoryBoundFit bogus = new MemoryBoundFit("layernorm_magic", "bf16", 1e-6, 3e12, HBM, 0.625, 0, 3);
    CalibrationProfile p = new CalibrationProfile(CalibrationProfile.FORMAT, "NVIDIA H200", null, "test", java.util.Map.of("hbm", HBM),
        List.of(), List.of(), List.of(), List.of(bogus), List.of("test"), List.of());
    Path file = dir.resolve("bogus.json");
    MeasurementFiles.write(file, p);
    var e = assertThrows(InvalidInputException.class, () -> CalibratedComputeCosts.load(file));
    assertTrue(e.getMessage().contains("layernorm_magic") && e.getMessage().contains("rmsnorm_residual"), e.getMessage());
  }
}
