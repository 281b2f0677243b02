package org.hourglass.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's first plans off DeepSeek's own case: Llama 3.1 70B on 1,024 H100s of an NDR
 * rail-optimised cluster, Mixtral 8x22B on GB200 NVL72, and the V3 run on H800 beside B200, each
 * from one command line on built-in recipes and clusters.
 */
class AnyModelAnyClusterCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String... args) throws Exception {
    CliProcess.Result r = CliProcess.run(Duration.ofMinutes(4), args);
    assertEquals(0, r.exitCode(), r.stderr());
    assertFalse(r.stderr().contains("%"), "no progress bar when stdout is a pipe: " + r.stderr());
    return JSON.readTree(r.stdout());
  }

  @Test
  void llama70bPlansOnTheNdrRailOptimisedClusterAtTheH100Price() throws Exception {
    JsonNode plan = json("plan", "llama-3.1-70b-1024-h100", "--json");
    assertEquals(1024, plan.get("gpus").asInt());
    assertEquals("h100-ndr-rail", plan.get("cluster").asText());
    assertTrue(plan.get("fabric").asText().contains("rail-optimised-fat-tree"), plan.get("fabric").asText());
    assertEquals(8, plan.get("layout").get("tp").asInt());
    assertEquals(3.0, plan.get("price").get("usdPerGpuHour").asDouble(), "the catalog's H100 price, not H800's $2");
    assertTrue(plan.get("price").get("source").asText().contains("2026"), "a price says when it was quoted");
    assertEquals(plan.get("totalGpuHours").asDouble() * 3.0, plan.get("costUsd").asDouble(), 1e-6 * plan.get("costUsd").asDouble());
    assertEquals(1, plan.get("phases").size(), "no empty context or post-training rows: " + plan.get("phases"));
    assertFalse(plan.has("estimate"), "H100 is Hopper, where the kernels were measured");
    assertTrue(plan.get("memoryPerGpu").get("fits").asBoolean());
    assertTrue(plan.get("energy").get("itKwh").asDouble() > 0);
    assertFalse(plan.get("energy").has("costUsd"), "no energy block: the energy cost is not invented");
    assertEquals("llama-3.1-70b", plan.get("resolvedScenario").get("model").asText());
    double mfu = plan.get("mfuBf16").asDouble();
    assertTrue(mfu > 0.2 && mfu < 0.7, "MFU " + mfu);
  }

  @Test
  void mixtralPlansOnGb200Nvl72WithTheAllToAllInsideTheRack() throws Exception {
    JsonNode plan = json("plan", "mixtral-8x22b-1152-gb200", "--json");
    assertEquals(1152, plan.get("gpus").asInt());
    assertTrue(plan.get("fabric").asText().contains("72 per NVLink domain"), plan.get("fabric").asText());
    assertTrue(plan.get("estimate").asText().contains("extrapolated from Hopper"), "Blackwell is labelled an estimate");
    assertEquals("nvlink", plan.get("mainStep").get("allToAllBottleneck").asText(),
        "an expert group of 8 inside a 72-GPU NVLink domain never crosses IB");
    assertEquals(4.54, plan.get("price").get("usdPerGpuHour").asDouble());
  }

  @Test
  void v3OnH800BesideB200EachAtItsOwnPrice(@TempDir Path dir) throws Exception {
    JsonNode cmp = json("plan", "dsv3-2048-h800", "dsv3-2048-b200", "--json", "--report", dir.toString());
    JsonNode h800 = cmp.get("plans").get(0);
    JsonNode b200 = cmp.get("plans").get(1);
    assertEquals(2.0, h800.get("price").get("usdPerGpuHour").asDouble());
    assertEquals(5.25, b200.get("price").get("usdPerGpuHour").asDouble());
    assertEquals(2_788_000, h800.get("publishedTotalGpuHours").asDouble(), "dsv3-2048-h800 is the published run");
    assertTrue(b200.get("estimate").asText().startsWith("b200 (blackwell)"), "B200 is labelled an estimate");
    boolean sawCost = false;
    for (JsonNode m : cmp.get("metrics")) {
      if (m.get("name").asText().equals("cost")) {
        sawCost = true;
        double change = m.get("changes").get(1).asDouble();
        assertEquals(b200.get("costUsd").asDouble() / h800.get("costUsd").asDouble() - 1, change, 1e-12);
        assertTrue(m.get("changes").get(0).isNull(), "the baseline has no change against itself");
      }
    }
    assertTrue(sawCost);
    assertTrue(Files.exists(dir.resolve("report.html")) && Files.exists(dir.resolve("charts/cost-per-alternative.png")));
    String md = Files.readString(dir.resolve("report.md"));
    assertTrue(md.contains("$2.00 per GPU-hour") && md.contains("$5.25 per GPU-hour"), md);
    assertTrue(md.contains("change \\[2\\]"), "the side-by-side table has the changes (Markdown escapes the brackets): " + md);
  }

  @Test
  void alltoallTakesAModelAndACluster() throws Exception {
    JsonNode a = json("alltoall", "--model", "mixtral-8x22b", "--cluster", "gb200-nvl72", "--ep", "8", "--json");
    assertEquals(1, a.get("nodes").asInt());
    assertEquals(1, a.get("limits").size());
    assertTrue(a.get("limits").get(0).get("dispatchBottleneck").asText().startsWith("nvlink"));
    JsonNode v3 = json("alltoall", "--json");
    assertEquals(8, v3.get("limits").size(), "V3 on H800 still sweeps node limits 1..8");
    CliProcess.Result dense = CliProcess.run("alltoall", "--model", "llama-3.1-70b");
    assertEquals(2, dense.exitCode());
    assertEquals("hourglass: --model: llama-3.1-70b has no routed experts (a dense model has no all-to-all)", dense.stderr().strip());
  }
}
