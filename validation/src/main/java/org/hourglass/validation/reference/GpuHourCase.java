package org.hourglass.validation.reference;

import java.util.List;
import org.hourglass.scenarios.PhaseResult;
import org.hourglass.scenarios.PlanResult;
import org.hourglass.scenarios.PublishedReference;
import org.hourglass.scenarios.RunReliability;
import org.hourglass.scenarios.ScenarioLoader;
import org.hourglass.scenarios.TrainingRunPlanner;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;

/**
 * DeepSeek-V3's GPU-hour table against the planner: the built-in DeepSeek-V3 scenario planned end to end
 * with the fp8-costs compute models (about 10-15 s). No constant of the plan is fitted to these figures,
 * so every row is held-out. The two long-context phases are summed, as the table reports them together.
 * The published figures are a real run's GPU-hours, its interruptions included (the report: 180K GPU-hours
 * per trillion tokens, "3.7 days on our cluster"), so the total is compared twice: the failure-free plan,
 * and the expected run on the scenario's reliability figures (published failure rates of another
 * cluster, never DeepSeek's, which are not published).
 */
public final class GpuHourCase implements ReferenceCase {
  private static final String CONTEXT = "context extension";

  @Override
  public String table() {
    return "DeepSeek-V3 GPU-hour table";
  }

  @Override
  public String source() {
    return PublishedReference.SOURCE + "; predicted by plan " + PublishedReference.SCENARIO;
  }

  @Override
  public List<Comparison> compare() {
    PlanResult plan = new TrainingRunPlanner(ScenarioLoader.load(ScenarioLoader.DEFAULT), Fp8ComputeCosts::new).plan();
    double context = plan.phases().stream().filter(p -> p.name().startsWith(CONTEXT)).mapToDouble(PhaseResult::gpuHours).sum();
    RunReliability.Expected expected = RunReliability.of(plan.scenario(), plan);
    return List.of(
        row("pre-training", "pre-training", plan.phase("pre-training").gpuHours()),
        row(CONTEXT, CONTEXT, context),
        row("post-training", "post-training", plan.phase("post-training").gpuHours()),
        row("total", "total", plan.totalGpuHours()),
        row("total, expected run with interruptions, restarts and checkpoints (the scenario's reliability figures)",
            "total", expected.meanGpuHours()));
  }

  private Comparison row(String what, String phase, double predictedGpuHours) {
    return Comparison.of("DeepSeek-V3 " + what + " H800 GPU-hours", table(), predictedGpuHours, PublishedReference.gpuHours(phase),
        "GPU-hours", source()).withFit(Comparison.HELD_OUT);
  }
}
