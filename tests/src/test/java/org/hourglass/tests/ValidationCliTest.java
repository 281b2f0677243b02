package org.hourglass.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** calibrate (no GPU, and from a recorded file) and validate, run as a process. */
class ValidationCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT = Path.of(System.getProperty("hourglass.root", ".."));

  private static boolean machineHasDriver() {
    return Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libcuda.so.1")) || Files.exists(Path.of("/usr/lib64/libcuda.so.1"));
  }

  @Test
  void calibrateWithoutAGpuSaysSoInOneLineAndExits3(@TempDir Path dir) {
    assumeFalse(machineHasDriver(), "SKIPPED: this machine has an NVIDIA driver; the no-GPU path cannot be exercised");
    Path out = dir.resolve("gpu.json");
    CliProcess.Result r = CliProcess.run("calibrate", "--out", out.toString(), "--quick");
    assertEquals(3, r.exitCode(), r.stdout() + r.stderr());
    String err = r.stderr().strip();
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("hourglass: calibrate: ") && err.contains("NVIDIA driver"), err);
    assertFalse(err.contains("Exception") || err.contains("\tat "), err);
    assertFalse(Files.exists(out));
  }

  @Test
  void calibrateFromDeepGemmsTableWritesAProfileWithTheFit(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("profiles/deepgemm.json");
    CliProcess.Result r = CliProcess.run("calibrate", "--from-measurements", ROOT.resolve("profiles/published/deepgemm-h800.csv").toString(),
        "--out", out.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("R^2"), r.stdout());
    JsonNode p = JSON.readTree(out.toFile());
    assertEquals("hourglass-calibration/1", p.get("format").asText());
    assertEquals(28, p.get("measurements").size());
    JsonNode fit = p.at("/fits/0");
    assertTrue(fit.get("eMax").asDouble() > 0.5 && fit.get("eMax").asDouble() < 1, fit.toString());
    assertTrue(fit.get("i0FlopsPerByte").asDouble() > 0, fit.toString());
    assertTrue(fit.get("rSquared").asDouble() > 0.93, fit.toString());
    assertEquals("measured", fit.at("/ceiling/kind").asText());
    assertTrue(p.get("sources").toString().contains("DeepGEMM"));
  }

  @Test
  void aProfileReadsBackAsMeasurementsWithAPublishedCeiling(@TempDir Path dir) throws IOException {
    Path first = dir.resolve("a.json");
    assertEquals(0, CliProcess.run("calibrate", "--from-measurements", ROOT.resolve("profiles/published/deepgemm-h800.csv").toString(),
        "--out", first.toString()).exitCode());
    Path second = dir.resolve("b.json");
    CliProcess.Result r = CliProcess.run("calibrate", "--from-measurements", first.toString(), "--out", second.toString(),
        "--ceiling", "fp8-e4m3=1550", "--ceiling-source", "DeepGEMM README 2025-04-18", "--json");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode fit = JSON.readTree(r.stdout()).at("/fits/0");
    assertEquals(1550e12, fit.at("/ceiling/perSecond").asDouble(), 1);
    assertEquals("published", fit.at("/ceiling/kind").asText());
  }

  @Test
  void calibrateRefusesAMissingFileAndACeilingWithoutSource(@TempDir Path dir) {
    CliProcess.Result missing = CliProcess.run("calibrate", "--from-measurements", dir.resolve("nope.csv").toString(), "--out", dir.resolve("o.json").toString());
    assertEquals(2, missing.exitCode(), missing.stderr());
    assertTrue(missing.stderr().contains("--from-measurements") && missing.stderr().contains("no such file"), missing.stderr());
    CliProcess.Result noSource = CliProcess.run("calibrate", "--from-measurements", ROOT.resolve("profiles/published/deepgemm-h800.csv").toString(),
        "--out", dir.resolve("o.json").toString(), "--ceiling", "fp8-e4m3=1550");
    assertEquals(2, noSource.exitCode(), noSource.stderr());
    assertTrue(noSource.stderr().contains("--ceiling-source"), noSource.stderr());
  }

  @Test
  void validateJsonHasOneEntryPerCaseWithPredictedPublishedAndError() throws IOException {
    CliProcess.Result r = CliProcess.run("validate", "--json");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode j = JSON.readTree(r.stdout());
    JsonNode cases = j.get("cases");
    assertEquals(j.get("checked").asInt() + j.get("pending").asInt(), cases.size());
    int pending = 0;
    for (JsonNode c : cases) {
      assertTrue(c.has("predicted") && c.has("published") && c.has("errorPercent"), c.toString());
      if (c.get("status").asText().startsWith("pending: ")) {
        pending++;
        assertTrue(c.get("predicted").isNull(), c.toString());
      } else {
        double expected = 100 * (c.get("predicted").asDouble() - c.get("published").asDouble()) / c.get("published").asDouble();
        assertEquals(expected, c.get("errorPercent").asDouble(), 1e-9, c.toString());
      }
    }
    assertEquals(4, pending);
    assertTrue(r.stdout().contains("pending: fp8-costs") && r.stdout().contains("pending: comm-models"));
    assertTrue(r.stdout().contains("DualPipe bubble, PP=8"));
  }

  @Test
  void validateTextShowsPredictedAgainstPublished() {
    CliProcess.Result r = CliProcess.run("validate");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("predicted") && r.stdout().contains("published") && r.stdout().contains("error"), r.stdout());
    assertTrue(r.stdout().contains("70,272"), r.stdout());
  }
}
