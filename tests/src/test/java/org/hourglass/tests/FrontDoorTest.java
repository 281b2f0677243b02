package org.hourglass.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The front door as a user meets it: the launcher, --version, --help, exit codes, bench engine. */
class FrontDoorTest {
  private static final Path ROOT = Path.of(System.getProperty("hourglass.root", "..")).toAbsolutePath().normalize();

  @Test
  void launcherRunsTheBuiltJar() {
    CliProcess.Result outcome = CliProcess.runCommand(Duration.ofSeconds(60), List.of(ROOT.resolve("hourglass").toString(), "--version"));
    assertEquals(0, outcome.exitCode(), outcome.stderr());
    assertTrue(outcome.stdout().startsWith("hourglass "), outcome.stdout());
  }

  @Test
  void helpListsTheSubcommandsAndExitsZero() {
    CliProcess.Result outcome = hourglass("--help");
    assertEquals(0, outcome.exitCode());
    assertTrue(outcome.stdout().contains("bench"), outcome.stdout());
    assertEquals(0, hourglass("bench", "engine", "--help").exitCode());
  }

  @Test
  void badUsageIsOneLineOfReasonAndExitTwo() {
    CliProcess.Result outcome = hourglass("--no-such-option");
    assertEquals(2, outcome.exitCode());
    assertTrue(outcome.stderr().startsWith("hourglass: Unknown option: '--no-such-option'"), outcome.stderr());
    assertFalse(outcome.stderr().contains("Exception"), "no stack trace: " + outcome.stderr());
  }

  @Test
  void badInputNamesTheFieldAndExitsTwo() {
    CliProcess.Result outcome = hourglass("bench", "engine", "--pending", "0");
    assertEquals(2, outcome.exitCode());
    assertEquals("hourglass: --pending: each count must be at least 1, got 0", outcome.stderr().strip());
  }

  @Test
  void benchEngineJsonHasTheFieldsScriptsRead() throws Exception {
    CliProcess.Result outcome = hourglass("bench", "engine", "--pending", "1000,5000", "--steps", "20000", "--trials", "1", "--json");
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

  private static CliProcess.Result hourglass(String... args) {
    return CliProcess.run(Duration.ofSeconds(120), args);
  }
}
