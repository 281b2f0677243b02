package org.hourglass.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan --calibration}: the recorded DeepGEMM profile drives the GEMMs and the report names it. */
class PlanCalibrationCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path PROFILE = Path.of(System.getProperty("hourglass.root", "..")).resolve("profiles/deepgemm-h800.json");
  private static final Duration PLAN_TIMEOUT = Duration.ofSeconds(180);
  private static final Path MEMORY_BOUND_FIXTURE = Path.of(System.getProperty("hourglass.root", ".."))
      .resolve("validation/src/test/resources/calibration/memory-bound-synthetic.json");
  private static JsonNode plainPlan;

  /** The uncalibrated default plan, planned once for the tests that compare against it. */
  private static synchronized JsonNode plainPlan() throws IOException {
    if (plainPlan == null) {
      CliProcess.Result plain = CliProcess.runShared(PLAN_TIMEOUT, "plan", "--json");
      assertEquals(0, plain.exitCode(), plain.stderr());
      plainPlan = JSON.readTree(plain.stdout());
    }
    return plainPlan;
  }

  @Test
  void aPlanWithTheDeepGemmProfileNamesItAndRunsItsFp8GemmsSlowerAsItsPlateauImplies() throws IOException {
    CliProcess.Result calibrated = CliProcess.run(PLAN_TIMEOUT, "plan", "--json", "--calibration", PROFILE.toString());
    assertEquals(0, calibrated.exitCode(), calibrated.stderr());
    JsonNode withProfile = JSON.readTree(calibrated.stdout());
    JsonNode calibration = withProfile.get("calibration");
    assertEquals("deepgemm-h800.json", calibration.get("file").asText());
    assertTrue(calibration.get("device").asText().contains("H800"), calibration.toString());
    JsonNode fit = calibration.at("/fits/0");
    double eMax = fit.get("eMax").asDouble();
    assertEquals(eMax, fit.get("tensorFraction").asDouble(), 1e-12);
    assertTrue(fit.has("i0FlopsPerByte") && fit.has("rSquared") && fit.at("/ceiling/kind").asText().equals("measured"), fit.toString());
    assertTrue(calibration.get("sources").toString().contains("DeepGEMM"));

    JsonNode published = plainPlan();
    assertFalse(published.has("calibration"));
    double gemmWith = withProfile.at("/mainStep/computeSecondsByKind/GEMM_FP8").asDouble();
    double gemmWithout = published.at("/mainStep/computeSecondsByKind/GEMM_FP8").asDouble();
    boolean slowerPlateau = eMax < fit.get("replacedTensorFraction").asDouble();
    assertTrue(slowerPlateau, "the recorded profile's plateau lies below the published main-loop fraction");
    assertTrue(gemmWith > gemmWithout, gemmWith + " s with the profile against " + gemmWithout + " s without");
    assertTrue(withProfile.get("totalGpuHours").asDouble() > published.get("totalGpuHours").asDouble());
  }

  @Test
  void aProfileOfMemoryBoundClassesMovesThoseKernelsAndLeavesTheGemmsAsPublished(@TempDir Path dir) throws IOException {
    Path profile = dir.resolve("memory-bound.json");
    CliProcess.Result fitted = CliProcess.run("calibrate", "--from-measurements", MEMORY_BOUND_FIXTURE.toString(), "--out",
        profile.toString());
    assertEquals(0, fitted.exitCode(), fitted.stderr());
    assertTrue(fitted.stdout().contains("rmsnorm_residual") && fitted.stdout().contains("floor 5.0"), fitted.stdout());
    CliProcess.Result calibrated = CliProcess.run(PLAN_TIMEOUT, "plan", "--json", "--calibration", profile.toString());
    assertEquals(0, calibrated.exitCode(), calibrated.stderr());
    JsonNode with = JSON.readTree(calibrated.stdout());
    JsonNode without = plainPlan();
    assertEquals(6, with.at("/calibration/memoryBoundFits").size(), with.get("calibration").toString());
    double gemm = without.at("/mainStep/computeSecondsByKind/GEMM_FP8").asDouble();
    // the GEMMs are priced as published; the mean GPU's share moves only as far as the cost-balanced stage split does
    assertEquals(gemm, with.at("/mainStep/computeSecondsByKind/GEMM_FP8").asDouble(), 1e-4 * gemm,
        "no GEMM fit in the profile: the GEMMs stay as published");
    for (String kind : new String[] {"MEMORY_BOUND", "FP8_CAST"}) {
      double a = with.at("/mainStep/computeSecondsByKind/" + kind).asDouble();
      double b = without.at("/mainStep/computeSecondsByKind/" + kind).asDouble();
      assertTrue(Math.abs(a - b) > 1e-3 * b, kind + ": " + a + " s on the profile's curves against " + b + " s on the published ones");
    }
  }

  @Test
  void thePlanTextNamesTheProfileAndItsFittedParameters() {
    CliProcess.Result r = CliProcess.run(PLAN_TIMEOUT, "plan", "--calibration", PROFILE.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("Calibration: deepgemm-h800.json"), r.stdout());
    assertTrue(r.stdout().contains("eMax 0.638") && r.stdout().contains("i0 467 FLOP/B"), r.stdout());
    assertTrue(r.stdout().contains("sources: ") && r.stdout().contains("DeepGEMM"), r.stdout());
  }

  @Test
  void aMissingOrUnparsableProfileExits2WithOneLine(@TempDir Path dir) throws IOException {
    Path garbage = Files.writeString(dir.resolve("garbage.json"), "{ not a profile");
    for (Path bad : new Path[] {dir.resolve("nope.json"), garbage}) {
      CliProcess.Result r = CliProcess.run("plan", "--calibration", bad.toString());
      assertEquals(2, r.exitCode(), r.stdout() + r.stderr());
      String err = r.stderr().strip();
      assertEquals(1, err.lines().count(), err);
      assertTrue(err.startsWith("hourglass: --calibration: "), err);
      assertFalse(err.contains("Exception") || err.contains("\tat "), err);
      assertTrue(r.stdout().isEmpty(), r.stdout());
    }
  }
}
