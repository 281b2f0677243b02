package org.hourglass.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The front door as a user meets it: the launcher, --version, --help, exit codes, bench engine. */
class FrontDoorTest {
  private static final Path ROOT = Path.of(System.getProperty("hourglass.root", "..")).toAbsolutePath().normalize();
  private static final Path JAR = Path.of(System.getProperty("hourglass.jar", "../cli/target/hourglass.jar"));

  private record Outcome(int exitCode, String stdout, String stderr) {}

  @Test
  void launcherRunsTheBuiltJar() throws Exception {
    Outcome outcome = run(List.of(ROOT.resolve("hourglass").toString(), "--version"));
    assertEquals(0, outcome.exitCode(), outcome.stderr());
    assertTrue(outcome.stdout().startsWith("hourglass "), outcome.stdout());
  }

  @Test
  void helpListsTheSubcommandsAndExitsZero() throws Exception {
    Outcome outcome = hourglass("--help");
    assertEquals(0, outcome.exitCode());
    assertTrue(outcome.stdout().contains("bench"), outcome.stdout());
    assertEquals(0, hourglass("bench", "engine", "--help").exitCode());
  }

  @Test
  void badUsageIsOneLineOfReasonAndExitTwo() throws Exception {
    Outcome outcome = hourglass("--no-such-option");
    assertEquals(2, outcome.exitCode());
    assertTrue(outcome.stderr().startsWith("hourglass: Unknown option: '--no-such-option'"), outcome.stderr());
    assertFalse(outcome.stderr().contains("Exception"), "no stack trace: " + outcome.stderr());
  }

  @Test
  void badInputNamesTheFieldAndExitsTwo() throws Exception {
    Outcome outcome = hourglass("bench", "engine", "--pending", "0");
    assertEquals(2, outcome.exitCode());
    assertEquals("hourglass: --pending: each count must be at least 1, got 0", outcome.stderr().strip());
  }

  @Test
  void benchEngineJsonHasTheFieldsScriptsRead() throws Exception {
    Outcome outcome = hourglass("bench", "engine", "--pending", "1000,5000", "--steps", "20000", "--trials", "1", "--json");
    assertEquals(0, outcome.exitCode(), outcome.stderr());
    JsonNode results = new ObjectMapper().readTree(outcome.stdout()).get("results");
    assertEquals(2, results.size());
    assertEquals(1000, results.get(0).get("pending").asInt());
    assertEquals(5000, results.get(1).get("pending").asInt());
    for (JsonNode row : results) {
      double hourglass = row.get("hourglassEventsPerSecond").asDouble();
      double ssj = row.get("ssjEventsPerSecond").asDouble();
      assertTrue(hourglass > 0 && ssj > 0, row.toString());
      assertEquals(hourglass / ssj, row.get("ratio").asDouble(), 1e-9 * hourglass / ssj);
    }
  }

  private static Outcome hourglass(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return run(command);
  }

  private static Outcome run(List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("hourglass-out", ".txt");
    Path err = Files.createTempFile("hourglass-err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("HOURGLASS_NO_BUILD", "1");
    Process process = builder.start();
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
