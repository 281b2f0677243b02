package org.hourglass.validation.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hourglass.fp8.DeepGemmCalibration;
import org.hourglass.fp8.GemmDtype;
import org.hourglass.fp8.KernelEfficiency;
import org.hourglass.fp8.KernelGeneration;
import org.hourglass.hardware.GpuSpec;
import org.hourglass.hardware.HardwareCatalog;
import org.hourglass.parallelism.costs.ComputeCosts;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.hourglass.sim.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibratedComputeCostsTest {
  private static final Path PROFILE = Path.of(System.getProperty("hourglass.profiles", "../profiles"), "deepgemm-h800.json");
  private static final GpuSpec H800 = HardwareCatalog.builtIn().gpu("h800-sxm");
  private static final KernelEfficiency PUBLISHED_FP8 = DeepGemmCalibration.h800();

  @Test
  void theRecordedDeepGemmProfileReplacesTheFp8TensorAndHbmFractionsWithItsCurve() {
    CalibratedComputeCosts costs = CalibratedComputeCosts.load(PROFILE);
    CurveFit fit = costs.profile().fits().get(0);
    KernelEfficiency fp8 = costs.fp8Efficiency();
    assertEquals(fit.eMax(), fp8.tensorFraction(), 1e-12, "a measured ceiling is the fit's own plateau");
    assertEquals(fit.impliedBandwidthBytesPerSecond() / 3.35e12, fp8.hbmFraction(), 1e-9);
    assertEquals(PUBLISHED_FP8.tileOverheadSeconds(), fp8.tileOverheadSeconds());
    assertTrue(fp8.source().contains("deepgemm-h800.json") && fp8.source().contains("measured"), fp8.source());
    assertEquals(KernelEfficiency.bf16From(fp8).tensorFraction(), costs.bf16Efficiency().tensorFraction());
    assertTrue(costs.measuredOn(H800));
    assertEquals(List.of(GemmDtype.FP8), List.copyOf(costs.applied().keySet()));
  }

  @Test
  void gemmsRunSlowerWithTheProfileBecauseItsPlateauIsBelowThePublishedMainLoopFraction() {
    CalibratedComputeCosts costs = CalibratedComputeCosts.load(PROFILE);
    assertTrue(costs.fp8Efficiency().tensorFraction() < PUBLISHED_FP8.tensorFraction());
    ComputeCosts calibrated = costs.forGpu(H800, 112, KernelGeneration.DEEPGEMM_2025);
    ComputeCosts published = new Fp8ComputeCosts(H800, 112);
    for (long[] shape : List.of(new long[] {4096, 7168, 16384}, new long[] {64, 2112, 7168}, new long[] {4096, 4096, 7168})) {
      double withProfile = calibrated.gemmSeconds(shape[0], shape[1], shape[2], true);
      double without = published.gemmSeconds(shape[0], shape[1], shape[2], true);
      assertTrue(withProfile > without, shape[0] + "x" + shape[1] + "x" + shape[2] + ": " + withProfile + " vs " + without);
    }
    assertEquals(published.attentionSeconds(128, 192, 128, 4096, 2048, false),
        calibrated.attentionSeconds(128, 192, 128, 4096, 2048, false), 0, "only GEMMs change");
  }

  @Test
  void aPublishedCeilingAboveThePublishedFractionMakesGemmsFaster(@TempDir Path dir) throws IOException {
    MeasurementSet set = MeasurementFiles.read("test", PROFILE);
    Peak ceiling = new Peak(1550e12, Peak.FLOPS, "published", "DeepGEMM README 2025-04-18: up to 1550 TFLOPS on H800");
    Path file = dir.resolve("published-ceiling.json");
    MeasurementFiles.write(file, new Calibrator(Map.of("fp8-e4m3", ceiling)).calibrate(set));
    CalibratedComputeCosts costs = CalibratedComputeCosts.load(file);
    assertEquals(1550 / 1979.0, costs.fp8Efficiency().tensorFraction(), 1e-9);
    assertTrue(costs.fp8Efficiency().source().contains("published"), costs.fp8Efficiency().source());
    assertTrue(costs.forGpu(H800, 132, KernelGeneration.DEEPGEMM_2025).gemmSeconds(4096, 7168, 16384, true)
        < new Fp8ComputeCosts(H800, 132).gemmSeconds(4096, 7168, 16384, true));
  }

  @Test
  void describeNamesTheFileDeviceFittedParametersAndSources() {
    Map<String, Object> d = CalibratedComputeCosts.load(PROFILE).describe();
    assertEquals("deepgemm-h800.json", d.get("file"));
    assertTrue(String.valueOf(d.get("device")).contains("H800"));
    Map<?, ?> fit = (Map<?, ?>) ((List<?>) d.get("fits")).get(0);
    assertEquals(0.638, (Double) fit.get("eMax"), 0.001);
    assertEquals(467, (Double) fit.get("i0FlopsPerByte"), 1);
    assertTrue(d.get("sources").toString().contains("DeepGEMM"));
  }

  @Test
  void aMissingOrUnparsableProfileIsRefusedNamingTheOption(@TempDir Path dir) throws IOException {
    InvalidInputException missing = assertThrows(InvalidInputException.class, () -> CalibratedComputeCosts.load(dir.resolve("nope.json")));
    assertTrue(missing.getMessage().startsWith("--calibration: no such file"), missing.getMessage());
    Path garbage = Files.writeString(dir.resolve("garbage.json"), "{ not json");
    InvalidInputException bad = assertThrows(InvalidInputException.class, () -> CalibratedComputeCosts.load(garbage));
    assertTrue(bad.getMessage().contains("cannot read") && bad.getMessage().lines().count() == 1, bad.getMessage());
    Path other = Files.writeString(dir.resolve("other.json"), "{\"format\": \"something-else\"}");
    InvalidInputException wrong = assertThrows(InvalidInputException.class, () -> CalibratedComputeCosts.load(other));
    assertTrue(wrong.getMessage().startsWith("--calibration: "), wrong.getMessage());
  }
}
