package org.hourglass.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code hourglass plan} as a planner uses it: the default DeepSeek-V3 scenario and the what-ifs,
 * checked for the invariants a user expects. Plans are run once each and shared between tests; the
 * what-ifs are planned together, in one run, as {@code plan A B C --json} prints them.
 */
class PlanCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEFAULT = "deepseek-v3-2048-h800";
  private static final Map<String, JsonNode> PLANS = new HashMap<>();

  /** The what-ifs the tests compare with the default, planned side by side in one run (one JVM, warmed once). */
  private static final List<String> WHAT_IFS =
      List.of("dsv3-failures-double", "dsv3-bf16", "dsv3-1f1b", "dsv3-4096-h800", "dsv3-node-limit-2");

  private static synchronized JsonNode plan(String scenario) {
    if (scenario.equals(DEFAULT)) {
      return PLANS.computeIfAbsent(scenario, name -> read(CliProcess.runShared(Duration.ofMinutes(3), "plan", "--json")));
    }
    if (WHAT_IFS.contains(scenario) && !PLANS.containsKey(scenario)) {
      List<String> args = new ArrayList<>(List.of("plan"));
      args.addAll(WHAT_IFS);
      args.add("--json");
      JsonNode plans = read(CliProcess.run(Duration.ofMinutes(6), args.toArray(new String[0]))).get("plans");
      for (int i = 0; i < WHAT_IFS.size(); i++) {
        PLANS.put(WHAT_IFS.get(i), plans.get(i));
      }
    }
    return PLANS.computeIfAbsent(scenario, name -> read(CliProcess.run(Duration.ofMinutes(3), "plan", name, "--json")));
  }

  private static JsonNode read(CliProcess.Result r) {
    assertEquals(0, r.exitCode(), r.stderr());
    try {
      return JSON.readTree(r.stdout());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + r.stdout(), e);
    }
  }

  @Test
  void defaultPlanHasEveryPhaseAndTheFieldsScriptsRead() {
    JsonNode plan = plan("deepseek-v3-2048-h800");
    double total = plan.get("totalGpuHours").asDouble();
    double sum = 0;
    for (JsonNode phase : plan.get("phases")) {
      assertTrue(phase.get("gpuHours").asDouble() > 0, phase.toString());
      assertTrue(phase.get("steps").asDouble() > 0, phase.toString());
      assertTrue(phase.get("stepSeconds").asDouble() > 0, phase.toString());
      sum += phase.get("gpuHours").asDouble();
    }
    assertEquals(total, sum, 1e-6 * total);
    assertEquals("pre-training", plan.get("phases").get(0).get("name").asText());
    assertEquals(4, plan.get("phases").size());
    assertEquals(2 * total, plan.get("costUsd").asDouble(), 1e-6 * total, "$2 per GPU-hour");
    assertEquals(total / 2048 / 24, plan.get("days").asDouble(), 1e-9 * total);
    double bf16 = plan.get("mfuBf16").asDouble();
    assertTrue(bf16 > 0 && bf16 < 1, "MFU is a fraction: " + bf16);
    assertEquals(bf16 / 2, plan.get("mfuFp8").asDouble(), 1e-3, "the FP8 peak is twice the BF16 peak on H800");
    assertEquals(2_788_000, plan.get("publishedTotalGpuHours").asDouble(), "the check is shown beside the prediction");
  }

  @Test
  void theRunsMfuIsItsModelFlopsOverItsGpuTime() {
    // each simulated step reports its own MFU; from it, the model FLOPs per token at its length
    JsonNode plan = plan("deepseek-v3-2048-h800");
    double gpus = plan.get("gpus").asDouble();
    JsonNode main = plan.get("mainStep");
    double flops = 0;
    for (JsonNode phase : plan.get("phases")) {
      JsonNode steps = phase.get("simulatedSteps");
      JsonNode step = steps == null || steps.size() == 0 ? main : steps.get(steps.size() - 1);
      double perToken = step.get("mfuBf16").asDouble() * step.get("stepSeconds").asDouble() * gpus
          / step.get("tokensPerStep").asDouble();
      flops += phase.get("tokens").asDouble() * perToken;
    }
    double gpuSecondsAtPeak = plan.get("totalGpuHours").asDouble() * 3600;
    // the peak cancels: MFU = FLOPs / (GPU-seconds x peak), and each perToken above is FLOPs / peak
    assertEquals(flops / gpuSecondsAtPeak, plan.get("mfuBf16").asDouble(), 1e-6);
    JsonNode ramp = plan.get("phases").get(0).get("simulatedSteps");
    double equalSamples = 0;
    for (JsonNode step : ramp) {
      equalSamples += step.get("mfuBf16").asDouble() / ramp.size();
    }
    assertTrue(plan.get("mfuBf16").asDouble() > equalSamples + 0.02,
        "weighted by time, not by the ramp's equal samples (" + equalSamples + ")");
  }

  @Test
  void thePlanNamesItsAssumptionsAndItsStageSplit() {
    JsonNode plan = plan("deepseek-v3-2048-h800");
    JsonNode assumptions = plan.get("assumptions");
    assertTrue(assumptions.size() >= 10, assumptions.toString());
    boolean kernels = false;
    for (JsonNode a : assumptions) {
      assertFalse(a.get("source").asText().isBlank(), a.toString());
      kernels |= a.get("path").asText().equals("kernels") && a.get("value").asText().equals("cutlass-2024");
    }
    assertTrue(kernels, "the FP8 kernel generation is an assumption with its source");
    int blocks = 0;
    for (JsonNode b : plan.get("mainStep").get("blocksPerStage")) {
      blocks += b.asInt();
    }
    assertEquals(61, blocks, "the split covers DeepSeek-V3's 61 blocks");
    assertEquals(16, plan.get("mainStep").get("blocksPerStage").size());
  }

  @Test
  void sensitivityReplansEachRangedAssumptionAtBothEnds() {
    CliProcess.Result r = CliProcess.run(Duration.ofMinutes(3), "plan", "llama-3.1-405b-16384-h100", "--sensitivity", "--json");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode plan;
    try {
      plan = JSON.readTree(r.stdout());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + r.stdout(), e);
    }
    JsonNode attention = plan.get("sensitivity").get(0);
    assertEquals("attention", attention.get("path").asText());
    assertTrue(attention.get("highTotalGpuHours").asDouble() > plan.get("totalGpuHours").asDouble(),
        "FlashAttention-2 costs more than the scenario's FlashAttention-3: " + attention);
    JsonNode swing = plan.get("sensitivity").get(1);
    assertEquals("plan.virtualStages", swing.get("path").asText());
    assertTrue(swing.get("refusal").asText().contains("does not fit in memory"),
        "without recomputation only the scenario's 8 chunks per rank fit: " + swing);
    JsonNode split = plan.get("sensitivity").get(2);
    assertEquals("recipe.stageSplit", split.get("path").asText());
    assertTrue(split.get("lowTotalGpuHours").asDouble() > plan.get("totalGpuHours").asDouble(),
        "an even split costs more than Llama's own rule: " + split);
  }

  @Test
  void textReportPutsPredictionNextToPublishedWithError() {
    CliProcess.Result r = CliProcess.run(Duration.ofMinutes(3), "plan");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("2,664,000"), r.stdout());
    assertTrue(r.stdout().contains("2,788,000"), r.stdout());
    assertTrue(r.stdout().matches("(?s).*total\\s+[\\d,]+\\s+2,788,000\\s+[+-]\\d+\\.\\d%.*"), r.stdout());
    assertTrue(r.stdout().contains("the check, never an input"), r.stdout());
    assertTrue(r.stdout().matches("(?s).*Ideal and expected run.*\\n  days\\s+[\\d.]+\\s+[\\d.]+\\s+[\\d.]+\\s+[\\d.]+\\n.*"),
        "ideal days beside expected P50, P90, P99: " + r.stdout());
    assertTrue(r.stdout().contains("goodput ") && r.stdout().contains("interruptions (GPU "), r.stdout());
    // each long-context step in one line: cp 64's 240 micro-batches at 128K, attention first, the CP exchange among them
    assertTrue(r.stdout().matches("(?s).*\\nContext extension 128K step \\(240 micro-batches per pipeline\\): [\\d.]+ s, mean GPU; "
        + "compute: attention core [\\d.]+ s, [^;]*CP key-value exchange [\\d.]+ s[^;]*; idle: pipeline bubble .*"), r.stdout());
  }

  @Test
  void theExpectedRunTakesLongerThanTheIdealOneAndFailingMoreOftenLongerStill() {
    JsonNode base = plan("deepseek-v3-2048-h800").get("expectedRun");
    double ideal = base.get("idealDays").asDouble();
    assertEquals(plan("deepseek-v3-2048-h800").get("days").asDouble(), ideal, 1e-9, "the ideal run is the plan's");
    double p50 = base.at("/days/p50").asDouble();
    assertTrue(p50 > ideal && base.at("/days/p90").asDouble() >= p50 && base.at("/days/p99").asDouble() >= base.at("/days/p90").asDouble(),
        base.toString());
    double goodput = base.get("meanGoodput").asDouble();
    assertTrue(goodput > 0.5 && goodput < 1, "goodput " + goodput);
    assertEquals(4, base.get("byComponent").size());
    assertTrue(base.at("/checkpoint/youngMinutes").asDouble() > 0 && base.get("intervalSweep").size() > 3, base.toString());
    JsonNode doubled = plan("dsv3-failures-double").get("expectedRun");
    assertTrue(doubled.get("meanGoodput").asDouble() < goodput, "twice the failures, less goodput");
    assertTrue(doubled.get("meanInterruptions").asDouble() > 1.5 * base.get("meanInterruptions").asDouble());
    assertEquals(plan("dsv3-failures-double").get("totalGpuHours").asDouble(), plan("deepseek-v3-2048-h800").get("totalGpuHours")
        .asDouble(), "failures leave the ideal run alone");
  }

  @Test
  void aReliabilityBlockWithAFieldOutOfRangeIsRefusedNamingIt() {
    CliProcess.Result r = CliProcess.run("plan", "--set", "reliability.weibullShape=9");
    assertEquals(2, r.exitCode(), r.stdout());
    assertEquals("hourglass: reliability.weibullShape: must be in 0.2..5 (1: exponential), got 9.0", r.stderr().strip());
    CliProcess.Result unknown = CliProcess.run("plan", "--set", "reliability.checkpoint.intervalMinuts=5");
    assertEquals(2, unknown.exitCode(), unknown.stdout());
    assertTrue(unknown.stderr().contains("reliability.checkpoint.intervalMinuts"), unknown.stderr());
  }

  @Test
  void bf16CostsMoreThanFp8() {
    assertTrue(gpuHours("dsv3-bf16") > gpuHours("deepseek-v3-2048-h800"));
  }

  @Test
  void oneFOneBCostsMoreThanDualPipe() {
    assertTrue(gpuHours("dsv3-1f1b") > gpuHours("deepseek-v3-2048-h800"));
  }

  @Test
  void moreGpusFinishInFewerDays() {
    assertTrue(plan("dsv3-4096-h800").get("days").asDouble() < plan("deepseek-v3-2048-h800").get("days").asDouble());
  }

  /** The all-to-all model says a 2-node limit dispatches faster than 4 (NVLink, not IB, binds); the step agrees. */
  @Test
  void aTighterNodeLimitMovesAllToAllTimeTheWayTheModelPredicts() throws Exception {
    CliProcess.Result a2a = CliProcess.run(Duration.ofMinutes(2), "alltoall", "--ep", "64", "--node-limit", "2,4", "--json");
    assertEquals(0, a2a.exitCode(), a2a.stderr());
    JsonNode rows = JSON.readTree(a2a.stdout());
    double two = dispatchMicros(rows, 2);
    double four = dispatchMicros(rows, 4);
    assertTrue(two < four, "model: limit 2 dispatches faster than 4 (" + two + " vs " + four + " us)");
    double exposedTwo = exposedAllToAll(plan("dsv3-node-limit-2"));
    double exposedFour = exposedAllToAll(plan("deepseek-v3-2048-h800"));
    assertTrue(exposedTwo < exposedFour, "step: exposed all-to-all " + exposedTwo + " s vs " + exposedFour + " s");
  }

  @Test
  void badScenarioInputIsOneLineNamingTheField() {
    CliProcess.Result unknown = CliProcess.run("plan", "no-such-scenario");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.stderr().startsWith("hourglass: scenario: 'no-such-scenario' is neither a built-in scenario"),
        unknown.stderr());
    CliProcess.Result pp = CliProcess.run("plan", "--set", "plan.pp=7");
    assertEquals(2, pp.exitCode());
    assertTrue(pp.stderr().startsWith("hourglass: plan.pp: 7 does not divide the cluster's 2048 GPUs"), pp.stderr());
    CliProcess.Result gpus = CliProcess.run("plan", "--set", "cluster.gpus=1001");
    assertEquals(2, gpus.exitCode());
    assertTrue(gpus.stderr().startsWith("hourglass: cluster.gpus: 1001 is not a whole number of 8-GPU nodes"), gpus.stderr());
    assertFalse(gpus.stderr().contains("Exception"), gpus.stderr());
    CliProcess.Result tp = CliProcess.run("plan", "--set", "plan.tp=2");
    assertEquals(2, tp.exitCode());
    assertTrue(tp.stderr().startsWith("hourglass: plan.tp: tensor parallelism of an MoE model is not modelled"), tp.stderr());
  }

  @Test
  void aDenseModelPlansWithTensorParallelismAndShowsItsCollectives() {
    JsonNode llama = plan("llama-3.1-405b-8192-h100");
    assertEquals(8192, llama.get("gpus").asInt());
    JsonNode main = llama.get("mainStep");
    assertTrue(main.get("computeSecondsByKind").get("TENSOR_PARALLEL").asDouble() > 0, main.toString());
    assertEquals(0, main.get("computeSecondsByKind").get("GEMM_FP8").asDouble(), 0, "BF16 training");
    assertEquals(0, main.get("idleSeconds").get("EXPOSED_ALL_TO_ALL").asDouble(), 0, "a dense model has no all-to-all");
    CliProcess.Result text = CliProcess.run(Duration.ofMinutes(2), "plan", "llama-3.1-405b-8192-h100");
    assertTrue(text.stdout().contains("Plan: PP16 TP8 EP1 DP64") && text.stdout().contains("TP collectives"), text.stdout());
    assertTrue(text.stdout().contains("Held-out check: Llama 3.1 405B, 8,192 H100") && text.stdout().contains("430 published"),
        "the plan of a held-out run states its published check: " + text.stdout());
  }

  private static double gpuHours(String scenario) {
    return plan(scenario).get("totalGpuHours").asDouble();
  }

  private static double exposedAllToAll(JsonNode plan) {
    return plan.get("mainStep").get("idleSeconds").get("EXPOSED_ALL_TO_ALL").asDouble();
  }

  private static double dispatchMicros(JsonNode json, int limit) {
    for (JsonNode row : json.get("limits")) {
      if (row.get("nodeLimit").asInt() == limit) {
        return row.get("dispatchSeconds").asDouble() * 1e6;
      }
    }
    throw new AssertionError("no row for node limit " + limit + " in " + json);
  }
}
