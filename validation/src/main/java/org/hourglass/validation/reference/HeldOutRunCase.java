package org.hourglass.validation.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.hourglass.hardware.SpecNode;
import org.hourglass.scenarios.PhaseResult;
import org.hourglass.scenarios.Scenario;
import org.hourglass.scenarios.ScenarioLoader;
import org.hourglass.scenarios.StepReport;
import org.hourglass.scenarios.TrainingRunPlanner;
import org.hourglass.scenarios.costs.Fp8ComputeCosts;
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

  private static Comparison compare(SpecNode run) {
    String name = run.text("name");
    String source = run.text("source");
    if (run.has("pending")) {
      return new Comparison(name, TABLE, null, run.positive("published"), null, source,
          "pending: " + run.text("pending"), null);
    }
    String scenarioName = run.text("scenario");
    Scenario scenario = ScenarioLoader.load(scenarioName);
    TrainingRunPlanner planner = new TrainingRunPlanner(scenario, Fp8ComputeCosts::new);
    String metric = run.text("metric");
    double predicted;
    String unit;
    if (metric.equals(GPU_HOURS_PER_TRILLION)) {
      PhaseResult pretraining = planner.plan().phase("pre-training");
      predicted = pretraining.gpuHours() / (pretraining.tokens() / 1e12);
      unit = "GPU-hours per trillion tokens";
    } else if (metric.equals(TFLOPS_PER_GPU)) {
      StepReport step = planner.mainStep(SpanRecorder.OFF);
      predicted = step.mfuBf16() * scenario.cluster().gpu().bf16FlopsPerSecond().value() / 1e12;
      unit = "TFLOP/s per GPU";
    } else {
      throw new IllegalStateException(run.fieldPath("metric") + ": unknown metric '" + metric + "'");
    }
    return Comparison.of(name, TABLE, predicted, run.positive("published"), unit,
        source + "; predicted by plan " + scenarioName).withFit(Comparison.HELD_OUT);
  }
}
