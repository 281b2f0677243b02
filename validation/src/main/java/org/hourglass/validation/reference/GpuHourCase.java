package org.hourglass.validation.reference;

import java.util.List;
import org.hourglass.scenarios.PhaseResult;
import org.hourglass.scenarios.PlanResult;
import org.hourglass.scenarios.PublishedReference;
import org.hourglass.scenarios.ScenarioLoader;
import org.hourglass.scenarios.TrainingRunPlanner;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;

/**
 * DeepSeek-V3's GPU-hour table against the planner: the built-in DeepSeek-V3 scenario planned end to end
 * with the fp8-costs compute models (about 10-15 s). No constant of the plan is fitted to these figures,
 * so every row is held-out. The two long-context phases are summed, as the table reports them together.
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
    return List.of(
        row("pre-training", plan.phase("pre-training").gpuHours()),
        row(CONTEXT, context),
        row("post-training", plan.phase("post-training").gpuHours()),
        row("total", plan.totalGpuHours()));
  }

  private Comparison row(String phase, double predictedGpuHours) {
    return Comparison.of("DeepSeek-V3 " + phase + " H800 GPU-hours", table(), predictedGpuHours, PublishedReference.gpuHours(phase),
        "GPU-hours", source()).withFit(Comparison.HELD_OUT);
  }
}
