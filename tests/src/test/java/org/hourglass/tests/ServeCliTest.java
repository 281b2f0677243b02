package org.hourglass.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code hourglass serve} as a planner uses it: the built-in DeepSeek-V3 serving scenario and its what-ifs. */
class ServeCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theBuiltInScenarioPrintsNodesThroughputCostAndTheKvWhatIfs() {
    CliProcess.Result r = CliProcess.run(Duration.ofMinutes(2), "serve");
    assertEquals(0, r.exitCode(), r.stderr());
    String out = r.stdout();
    for (String expected : new String[] {"output tokens/s per GPU", "per node", "prefilled tokens/s per GPU", "nodes in all",
        "GPU-hours per day", "per million output tokens", "MHA-sized KV", "GQA-8-sized KV", "MQA-sized KV", "Simulated 60 s on the engine",
        "TTFT  p50", "TPOT  p50"}) {
      assertTrue(out.contains(expected), expected + " in\n" + out);
    }
  }

  @Test
  void jsonCarriesTheCapacityAnswerAndMhaCostsMoreThanMla() throws Exception {
    CliProcess.Result r = CliProcess.run(Duration.ofMinutes(2), "serve", "dsv3-serving-day6", "--json");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode plan = JSON.readTree(r.stdout());
    assertEquals(plan.get("nodes").asInt() * 8 * 24.0, plan.get("gpuHoursPerDay").asDouble());
    assertEquals(plan.get("gpuHoursPerDay").asDouble() * 2, plan.get("usdPerDay").asDouble(), 1e-6);
    JsonNode mla = plan.get("kvWhatIfs").get(0);
    JsonNode mha = plan.get("kvWhatIfs").get(1);
    assertEquals(70_272, mla.get("kvBytesPerToken").asDouble());
    assertTrue(mha.get("usdPerMillionOutputTokens").asDouble() > 10 * mla.get("usdPerMillionOutputTokens").asDouble());
    assertTrue(plan.get("decode").get("tokensPerSecondPerUser").asDouble() >= 20, "the service level holds");
    JsonNode engine = plan.get("simulation");
    assertEquals(60, engine.get("simulatedSeconds").asDouble(), "the engine runs a minute by default");
    assertTrue(engine.get("ttftSecondsp50").asDouble() <= engine.get("ttftSecondsp99").asDouble());
    assertTrue(engine.has("prefillQueueGrowing"));
  }

  @Test
  void aLongerContextShrinksTheBatchAndRaisesTheCost() throws Exception {
    JsonNode base = JSON.readTree(CliProcess.run(Duration.ofMinutes(2), "serve", "dsv3-serving-day6", "--json", "--simulate", "0").stdout());
    JsonNode longer = JSON.readTree(CliProcess.run(Duration.ofMinutes(2), "serve", "dsv3-serving-32k", "--json", "--simulate", "0")
        .stdout());
    assertTrue(longer.get("decode").get("batchPerGpu").asLong() < base.get("decode").get("batchPerGpu").asLong());
    assertTrue(longer.get("usdPerMillionOutputTokens").asDouble() > base.get("usdPerMillionOutputTokens").asDouble());
  }

  @Test
  void badInputNamesTheField() {
    CliProcess.Result r = CliProcess.run("serve", "--set", "decode.ep=100");
    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().startsWith("hourglass: decode.ep: "), r.stderr());
    CliProcess.Result unknown = CliProcess.run("serve", "--set", "traffic.promptTokes=100");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.stderr().contains("did you mean traffic.promptTokens?"), unknown.stderr());
  }

  @Test
  void theEngineRunGivesLatencyPercentilesAndIsDeterministic() throws Exception {
    CliProcess.Result a = CliProcess.run(Duration.ofMinutes(2), "serve", "dsv3-serving-day6", "--simulate", "10", "--json");
    assertEquals(0, a.exitCode(), a.stderr());
    JsonNode sim = JSON.readTree(a.stdout()).get("simulation");
    assertTrue(sim.get("finished").asInt() > 0 && sim.get("arrived").asInt() >= sim.get("finished").asInt());
    assertTrue(sim.get("ttftSecondsp50").asDouble() <= sim.get("ttftSecondsp99").asDouble());
    assertTrue(sim.get("tpotSecondsp50").asDouble() <= sim.get("tpotSecondsp99").asDouble());
    assertTrue(sim.get("tpotSecondsp99").asDouble() <= 1 / 20.0 * 1.05, "the batch cap keeps users near the service level");
    CliProcess.Result b = CliProcess.run(Duration.ofMinutes(2), "serve", "dsv3-serving-day6", "--simulate", "10", "--json");
    assertEquals(sim, JSON.readTree(b.stdout()).get("simulation"), "same scenario and seed, same numbers");
  }

  @Test
  void theReportHasTheCapacityTheBatchCurvesAndTheEngineRun(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    CliProcess.Result r = CliProcess.run(Duration.ofMinutes(2), "serve", "dsv3-serving-day6", "--simulate", "10", "--report",
        dir.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    for (String chart : new String[] {"cost-per-kv-what-if", "decode-throughput-against-batch", "decode-speed-per-user",
        "ttft-percentiles", "tpot-percentiles", "kv-occupancy"}) {
      assertTrue(java.nio.file.Files.exists(dir.resolve("charts/" + chart + ".png")), chart);
    }
    String html = java.nio.file.Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("Decode with other KV caches") && html.contains("MHA-sized KV"), "the what-ifs are in the report");
  }

  @Test
  void twoScenariosAreComparedSideBySideEachAtItsOwnPrice() throws Exception {
    CliProcess.Result r = CliProcess.run(Duration.ofMinutes(2), "serve", "dsv3-serving-day6", "dsv3-serving-h200", "--json");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode cmp = JSON.readTree(r.stdout());
    assertEquals(2, cmp.get("plans").size());
    for (JsonNode m : cmp.get("metrics")) {
      assertTrue(m.get("changes").get(0).isNull(), "the baseline has no change");
      if (m.get("name").asText().startsWith("GPU price")) {
        assertEquals(2.0, m.get("values").get(0).asDouble());
        assertEquals(4.0, m.get("values").get(1).asDouble(), "H200 at its catalog price");
      }
    }
  }
}
