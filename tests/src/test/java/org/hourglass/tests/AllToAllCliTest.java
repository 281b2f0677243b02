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

/** {@code hourglass alltoall} as a user runs it: the node-limit table as JSON, and bad input refused. */
class AllToAllCliTest {
  private static final Path JAR = Path.of(System.getProperty("hourglass.jar", "../cli/target/hourglass.jar"));

  private record Outcome(int exitCode, String stdout, String stderr) {}

  @Test
  void jsonHasOneRowPerNodeLimitAndIbBindsFromLimitFour() throws Exception {
    Outcome outcome = hourglass("alltoall", "--ep", "64", "--node-limit", "1..8", "--tokens", "512", "--json");
    assertEquals(0, outcome.exitCode(), outcome.stderr());
    JsonNode root = new ObjectMapper().readTree(outcome.stdout());
    assertEquals(3.2, root.get("nvlinkToIbRatio").asDouble(), 1e-12);
    JsonNode limits = root.get("limits");
    assertEquals(8, limits.size());
    for (int i = 0; i < 8; i++) {
      JsonNode row = limits.get(i);
      assertEquals(i + 1, row.get("nodeLimit").asInt());
      assertTrue(row.get("meanNodesPerToken").asDouble() <= i + 1 + 1e-9, row.toString());
      assertTrue(row.get("dispatchSeconds").asDouble() > 0, row.toString());
      assertTrue(row.get("combineSeconds").asDouble() > row.get("dispatchSeconds").asDouble(), "BF16 > FP8");
    }
    assertTrue(limits.get(0).get("dispatchBottleneck").asText().startsWith("nvlink"), limits.get(0).toString());
    assertTrue(limits.get(3).get("dispatchBottleneck").asText().startsWith("ib"), limits.get(3).toString());
  }

  @Test
  void tableNamesTheRatio() throws Exception {
    Outcome outcome = hourglass("alltoall", "--ep", "16", "--node-limit", "2", "--tokens", "256");
    assertEquals(0, outcome.exitCode(), outcome.stderr());
    assertTrue(outcome.stdout().contains("NVLink/IB = 3.2"), outcome.stdout());
  }

  @Test
  void badInputIsOneLineAndExitTwo() throws Exception {
    assertRefused("hourglass: --ep: must fill whole 8-GPU NVLink domains or divide one, got 12", "--ep", "12");
    assertRefused("hourglass: --node-limit: must be in 1..8 (EP64 spans 8 NVLink domains), got 9", "--node-limit", "1..9");
    assertRefused("hourglass: --node-limit: expected M, A..B or a comma list of integers, got 'four'",
        "--node-limit", "four");
    assertRefused("hourglass: --tokens: must be at least 1, got 0", "--tokens", "0");
  }

  private static void assertRefused(String message, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("alltoall"));
    all.addAll(List.of(args));
    Outcome outcome = hourglass(all.toArray(String[]::new));
    assertEquals(2, outcome.exitCode(), outcome.stderr());
    assertEquals(message, outcome.stderr().strip());
    assertFalse(outcome.stderr().contains("Exception"));
    assertEquals("", outcome.stdout());
  }

  private static Outcome hourglass(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("alltoall-out", ".txt");
    Path err = Files.createTempFile("alltoall-err", ".txt");
    try {
      Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
