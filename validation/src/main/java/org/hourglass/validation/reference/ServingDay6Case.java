package org.hourglass.validation.reference;

import java.util.List;
import java.util.Map;
import org.hourglass.fp8.KernelGeneration;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.hourglass.scenarios.ServingScenarioLoader;
import org.hourglass.serving.ServingJob;
import org.hourglass.serving.ServingPlanner;

/**
 * DeepSeek's published online-service day (Day 6 overview, 2025-02-27/28) against the serving
 * planner run on its own units ({@code dsv3-serving-day6}). Workload figures the plan needed beyond
 * what Day 6 publishes are assumptions in that scenario file: the mean prompt length (the mean KV
 * length stands in) and the TTFT target. Checks, never inputs.
 */
public final class ServingDay6Case implements ReferenceCase {
  static final String SCENARIO = "dsv3-serving-day6";

  @Override
  public String table() {
    return "DeepSeek-V3 online service, Day 6";
  }

  @Override
  public String source() {
    return "github deepseek-ai/open-infra-index 202502OpenSourceWeek day_6 overview (3122a25), reference/serving.md s6; the plan"
        + " needed two workload assumptions Day 6 does not publish: the mean prompt (its mean KV length, 4,989, stands in) and a"
        + " TTFT target (5 s)";
  }

  @Override
  public List<Comparison> compare() {
    ServingJob job = ServingScenarioLoader.load(SCENARIO, Map.of()).job();
    int sms = (int) job.cluster().gpu().sms().value();
    ServingPlanner.Plan plan = new ServingPlanner(new Fp8ComputeCosts(job.cluster().gpu(), sms, KernelGeneration.DEEPGEMM_2025))
        .plan(job);
    return List.of(
        Comparison.of("decode output tokens/s per node", table(), plan.decode().tokensPerSecondPerNode(), 14_800, "tokens/s", source())
            .withFit(Comparison.HELD_OUT),
        Comparison.of("prefill input tokens/s per node, cache hits included", table(), plan.prefillInputTokensPerSecondPerNode(),
            73_700, "tokens/s", source()).withFit(Comparison.HELD_OUT),
        Comparison.of("output speed per user", table(), plan.decode().tokensPerSecondPerUser(), 21, "tokens/s", source())
            .withFit(Comparison.HELD_OUT),
        Comparison.of("nodes for the day's average traffic (published: 226.75 on average, 278 at peak)", table(), plan.nodes(), 226.75,
            "nodes", source()).withFit(Comparison.HELD_OUT));
  }
}
