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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

  private static final Duration VALIDATE_TIMEOUT = Duration.ofSeconds(180);

  private static List<JsonNode> table(JsonNode cases, String table) {
    List<JsonNode> rows = new ArrayList<>();
    cases.forEach(c -> {
      if (c.get("table").asText().equals(table)) {
        rows.add(c);
      }
    });
    return rows;
  }

  private static long withFit(List<JsonNode> rows, String fit) {
    return rows.stream().filter(c -> c.has("fit") && c.get("fit").asText().equals(fit)).count();
  }

  @Test
  void validateJsonHasOneEntryPerRowWithPredictedPublishedErrorAndFitFlag() throws IOException {
    CliProcess.Result r = CliProcess.run(VALIDATE_TIMEOUT, "validate", "--json");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode j = JSON.readTree(r.stdout());
    JsonNode cases = j.get("cases");
    assertEquals(j.get("checked").asInt() + j.get("pending").asInt() + j.get("skipped").asInt(), cases.size());
    assertEquals(1, j.get("pending").asInt());
    assertEquals(0, j.get("skipped").asInt());
    for (JsonNode c : cases) {
      assertTrue(c.has("predicted") && c.has("published") && c.has("errorPercent"), c.toString());
      if (c.get("status").asText().equals("ok")) {
        double expected = 100 * (c.get("predicted").asDouble() - c.get("published").asDouble()) / c.get("published").asDouble();
        assertEquals(expected, c.get("errorPercent").asDouble(), 1e-9, c.toString());
      } else {
        assertTrue(c.get("predicted").isNull(), c.toString());
      }
    }
    List<JsonNode> gemm = table(cases, "DeepGEMM TFLOPS table");
    assertEquals(28, withFit(gemm, "fitted"));
    assertEquals(38, withFit(gemm, "held-out"));
    List<JsonNode> deepEp = table(cases, "DeepEP bandwidth table");
    assertEquals(2, withFit(deepEp, "fitted"));
    assertEquals(6, withFit(deepEp, "held-out"));
    List<JsonNode> gpuHours = table(cases, "DeepSeek-V3 GPU-hour table");
    assertEquals(5, gpuHours.size(), "three phases, the total, and the total of the expected run");
    assertEquals(2_788_000, gpuHours.get(3).get("published").asDouble(), 0);
    assertTrue(gpuHours.get(3).get("predicted").asDouble() > 0 && gpuHours.get(3).get("case").asText().contains("total"));
    assertTrue(r.stdout().contains("DualPipe bubble, PP=8"));
    List<JsonNode> heldOutRuns = table(cases, "Held-out public training runs");
    assertEquals(4, withFit(heldOutRuns, "held-out"));
    assertEquals(5, heldOutRuns.size());
    assertEquals(4, table(cases, "DeepSeek-V3 online service, Day 6").size(), "the serving planner against DeepSeek's Day 6");
    assertEquals(4, table(cases, "Run reliability histories").size(), "Llama 3's snapshot and OPT-175B's restarts");
    JsonNode verdict = j.get("verdict");
    assertEquals(cases.size(), verdict.get("pass").asInt() + verdict.get("fail").asInt() + verdict.get("notJudged").asInt());
    assertEquals(verdict.get("fail").asInt(), verdict.get("failures").size());
  }

  @Test
  void validateQuickSkipsTheWholeRunPlansAndKeepsTheRest() throws IOException {
    CliProcess.Result r = CliProcess.run(VALIDATE_TIMEOUT, "validate", "--quick", "--json");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode j = JSON.readTree(r.stdout());
    List<JsonNode> gpuHours = table(j.get("cases"), "DeepSeek-V3 GPU-hour table");
    assertEquals(1, gpuHours.size());
    assertTrue(gpuHours.get(0).get("status").asText().startsWith("skipped: --quick"), gpuHours.toString());
    assertEquals(2, j.get("skipped").asInt());
    assertEquals(0, j.get("pending").asInt());
    assertEquals(8, table(j.get("cases"), "DeepEP bandwidth table").size());
    assertEquals(66, table(j.get("cases"), "DeepGEMM TFLOPS table").size());
  }

  @Test
  void validateTextShowsPredictedAgainstPublishedWithTheHeldOutMeans() {
    CliProcess.Result r = CliProcess.run(VALIDATE_TIMEOUT, "validate", "--quick");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("predicted") && r.stdout().contains("published") && r.stdout().contains("error"), r.stdout());
    assertTrue(r.stdout().contains("70,272"), r.stdout());
    assertTrue(r.stdout().contains("mean |error| of the 6 held-out rows"), r.stdout());
    assertTrue(r.stdout().contains("skipped: --quick"), r.stdout());
    assertTrue(r.stdout().contains("Verdict: ") && r.stdout().contains("tolerance DualPipe bubble table: 0.5%"), r.stdout());
    assertTrue(r.stdout().contains("within its own tolerance: DualPipe bubble, PP=8, 20 micro-batches, F=1.0 B=2.0 W=0.5"),
        "the W = 0.5 row says why the schedule beats the formula: " + r.stdout());
  }
}
