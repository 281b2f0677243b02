package org.hourglass.validation.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.hourglass.hardware.SpecNode;
import org.hourglass.scenarios.PhaseResult;
import org.hourglass.scenarios.PlanResult;
import org.hourglass.scenarios.Scenario;
import org.hourglass.scenarios.ScenarioLoader;
import org.hourglass.parallelism.StepReport;
import org.hourglass.scenarios.TrainingRunPlanner;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.hourglass.sim.SpanRecorder;

/**
 * Public training runs other than DeepSeek-V3, each with a published cost (GPU-hours per trillion
 * pre-training tokens, or a main step's model TFLOPS per GPU) and the built-in scenario that
 * describes it ({@code held-out-runs.yaml}). Nothing in any model was fitted to these figures,
 * so every row is held-out; a run whose layout cannot be simulated yet is listed as pending, naming
 * what is missing. Planning a run takes about as long as the DeepSeek-V3 plan.
 */
public final class HeldOutRunCase implements ReferenceCase {
  static final String RESOURCE = "/org/hourglass/validation/reference/held-out-runs.yaml";
  private static final String TABLE = "Held-out public training runs";
  private static final String GPU_HOURS_PER_TRILLION = "pretraining-gpu-hours-per-trillion-tokens";
  private static final String TFLOPS_PER_GPU = "main-step-tflops-per-gpu";

  @Override
  public String table() {
    return TABLE;
  }

  @Override
  public String source() {
    return "published training costs, one source per row (" + RESOURCE + ")";
  }

  @Override
  public List<Comparison> compare() {
    return runs().stream().map(HeldOutRunCase::compare).toList();
  }

  /** The runs as the data file lists them. */
  static List<SpecNode> runs() {
    try (InputStream in = HeldOutRunCase.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return SpecNode.parse(in, RESOURCE).children("runs");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The held-out rows that {@code plan}'s scenario is the check for, computed from {@code plan}
   * itself (no second simulation); none when the scenario is not a held-out run's.
   */
  public static List<Comparison> compareWith(PlanResult plan) {
    return runs().stream().filter(run -> run.has("scenario") && run.text("scenario").equals(plan.scenario().name()))
        .map(run -> comparison(run, metricOf(run, plan))).toList();
  }

  private static Comparison compare(SpecNode run) {
    if (run.has("pending")) {
      return new Comparison(run.text("name"), TABLE, null, run.positive("published"), null, run.text("source"),
          "pending: " + run.text("pending"), null);
    }
    Scenario scenario = ScenarioLoader.load(run.text("scenario"));
    TrainingRunPlanner planner = new TrainingRunPlanner(scenario, Fp8ComputeCosts::new);
    // a throughput needs only the main step, not the whole run
    Metric value = run.text("metric").equals(TFLOPS_PER_GPU) ? tflops(planner.mainStep(SpanRecorder.OFF), scenario)
        : metricOf(run, planner.plan());
    return comparison(run, value);
  }

  private record Metric(double value, String unit) {}

  private static Metric metricOf(SpecNode run, PlanResult plan) {
    String metric = run.text("metric");
    if (metric.equals(GPU_HOURS_PER_TRILLION)) {
      PhaseResult pretraining = plan.phase("pre-training");
      return new Metric(pretraining.gpuHours() / (pretraining.tokens() / 1e12), "GPU-hours per trillion tokens");
    }
    if (metric.equals(TFLOPS_PER_GPU)) {
      return tflops(plan.mainStep(), plan.scenario());
    }
    throw new IllegalStateException(run.fieldPath("metric") + ": unknown metric '" + metric + "'");
  }

  private static Metric tflops(StepReport mainStep, Scenario scenario) {
    return new Metric(mainStep.mfuBf16() * scenario.cluster().gpu().bf16FlopsPerSecond().value() / 1e12, "TFLOP/s per GPU");
  }

  private static Comparison comparison(SpecNode run, Metric predicted) {
    return Comparison.of(run.text("name"), TABLE, predicted.value(), run.positive("published"), predicted.unit(),
        run.text("source") + "; predicted by plan " + run.text("scenario")).withFit(Comparison.HELD_OUT);
  }
}
