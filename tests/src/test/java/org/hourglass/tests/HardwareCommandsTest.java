package org.hourglass.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The hardware list and show commands, run as a process. */
class HardwareCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void listNamesEveryBuiltInGpuAndCluster() {
    CliProcess.Result r = CliProcess.run("hardware", "list");
    assertEquals(0, r.exitCode(), r.stderr());
    for (String name : new String[] {"h800-sxm", "h100-sxm", "h200", "a100-80gb", "b200", "deepseek-v3-2048-h800"}) {
      assertTrue(r.stdout().contains(name), name);
    }
  }

  @Test
  void showH800GivesItsFiguresWithSources() throws IOException {
    CliProcess.Result text = CliProcess.run("hardware", "show", "h800");
    assertEquals(0, text.exitCode(), text.stderr());
    assertTrue(text.stdout().contains("h800-sxm") && text.stdout().contains("datasheet"), text.stdout());
    JsonNode j = JSON.readTree(CliProcess.run("hardware", "show", "h800", "--json").stdout());
    assertEquals(132, j.at("/sms/value").asInt());
    assertEquals(400e9, j.at("/nvlinkBytesPerSecond/value").asDouble());
    assertTrue(j.at("/nvlinkBytesPerSecond/source").asText().contains("400"));
  }

  @Test
  void showClusterGivesTheReportsBandwidths() throws IOException {
    JsonNode j = JSON.readTree(CliProcess.run("hardware", "show", "deepseek-v3-2048-h800", "--json").stdout());
    assertEquals(2048, j.get("gpus").asInt());
    assertEquals(160e9, j.at("/nvlinkAchievableBytesPerSecond/value").asDouble());
    assertEquals(50e9, j.at("/ibAchievableBytesPerSecond/value").asDouble());
  }

  @Test
  void unknownHardwareIsOneLineAndExitTwo() {
    CliProcess.Result r = CliProcess.run("hardware", "show", "h900");
    assertEquals(2, r.exitCode());
    assertEquals(1, r.stderr().strip().lines().count());
    assertTrue(r.stderr().contains("unknown GPU 'h900'"), r.stderr());
  }
}
