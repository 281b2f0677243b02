package org.hourglass.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code hourglass gemm} as a user runs it: text, --json fields, SMs for communication, bad input. */
class GemmCliTest {
  private static final Path JAR = Path.of(System.getProperty("hourglass.jar", "../cli/target/hourglass.jar"));

  private record Outcome(int exitCode, String stdout, String stderr) {}

  @Test
  void textNamesTheTimeThroughputAndBound() throws Exception {
    Outcome outcome = hourglass("gemm", "--m", "4096", "--n", "7168", "--k", "2048", "--dtype", "fp8", "--gpu", "h800");
    assertEquals(0, outcome.exitCode(), outcome.stderr());
    assertTrue(outcome.stdout().contains("TFLOP/s") && outcome.stdout().contains("compute-bound"), outcome.stdout());
    assertTrue(outcome.stdout().contains("FP32 promotion") && outcome.stdout().contains("quantize activations"));
  }

  @Test
  void jsonHasSecondsAndTflopsThatAgreeAndStayUnderThePeak() throws Exception {
    JsonNode json = gemmJson("--m", "8192", "--n", "4096", "--k", "7168", "--dtype", "fp8", "--gpu", "h800");
    double seconds = json.get("seconds").asDouble();
    double tflops = json.get("tflops").asDouble();
    assertEquals(2.0 * 8192 * 4096 * 7168 / seconds / 1e12, tflops, 1e-9 * tflops);
    assertTrue(tflops > 0 && tflops < 1979, "tflops " + tflops);
    assertTrue(json.get("totalSeconds").asDouble() > seconds);
    assertTrue(json.get("breakdown").size() >= 9);
  }

  @Test
  void leavingSmsToCommunicationSlowsTheGemm() throws Exception {
    double all = gemmJson("--m", "8192", "--n", "4096", "--k", "7168", "--gpu", "h800").get("seconds").asDouble();
    double fewer = gemmJson("--m", "8192", "--n", "4096", "--k", "7168", "--gpu", "h800", "--sms", "112")
        .get("seconds").asDouble();
    assertTrue(fewer > all, fewer + " vs " + all);
  }

  @Test
  void bf16WhatIfIsSlowerThanFp8() throws Exception {
    double fp8 = gemmJson("--m", "8192", "--n", "8192", "--k", "8192", "--dtype", "fp8").get("seconds").asDouble();
    double bf16 = gemmJson("--m", "8192", "--n", "8192", "--k", "8192", "--dtype", "bf16").get("seconds").asDouble();
    assertTrue(bf16 > fp8 * 1.2, bf16 + " vs " + fp8);
  }

  @Test
  void impossibleInputsGetOneLineAndExitTwo() throws Exception {
    assertRefused("--m: must be positive, got 0", "--m", "0", "--n", "1", "--k", "1");
    assertRefused("--k: must be positive, got -3", "--m", "1", "--n", "1", "--k", "-3");
    assertRefused("--gpu: unknown GPU 'x100'", "--m", "1", "--n", "1", "--k", "1", "--gpu", "x100");
    assertRefused("--dtype: a100 has no fp8 tensor cores", "--m", "1", "--n", "1", "--k", "1", "--gpu", "a100");
    assertRefused("--sms: must lie in 1..132 for h800, got 200", "--m", "1", "--n", "1", "--k", "1", "--sms", "200");
  }

  private static void assertRefused(String reason, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("gemm"));
    all.addAll(List.of(args));
    Outcome outcome = hourglass(all.toArray(String[]::new));
    assertEquals(2, outcome.exitCode(), outcome.stderr());
    assertEquals(1, outcome.stderr().strip().lines().count(), outcome.stderr());
    assertTrue(outcome.stderr().startsWith("hourglass: " + reason), outcome.stderr());
    assertFalse(outcome.stderr().contains("Exception"), outcome.stderr());
    assertTrue(outcome.stdout().isEmpty(), outcome.stdout());
  }

  private static JsonNode gemmJson(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("gemm", "--json"));
    all.addAll(List.of(args));
    Outcome outcome = hourglass(all.toArray(String[]::new));
    assertEquals(0, outcome.exitCode(), outcome.stderr());
    return new ObjectMapper().readTree(outcome.stdout());
  }

  private static Outcome hourglass(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("gemm-out", ".txt");
    Path err = Files.createTempFile("gemm-err", ".txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    Outcome outcome = new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return outcome;
  }
}
