package org.hourglass.validation.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.hourglass.hardware.SpecNode;
import org.hourglass.scenarios.PlanResult;
import org.hourglass.scenarios.ScenarioLoader;
import org.hourglass.scenarios.TrainingRunPlanner;
import org.hourglass.scenarios.costs.Fp8ComputeCosts;

/**
 * Public training runs other than DeepSeek-V3, each with a published cost and the built-in scenario
 * that describes it ({@code held-out-runs.yaml}). Nothing in any model was fitted to these figures,
 * so every row is held-out; a run whose layout cannot be simulated yet is listed as pending, naming
 * what is missing. Planning a run takes about as long as the DeepSeek-V3 plan.
 */
public final class HeldOutRunCase implements ReferenceCase {
  static final String RESOURCE = "/org/hourglass/validation/reference/held-out-runs.yaml";
  private static final String TABLE = "Held-out public training runs";
  private static final String GPU_HOURS_PER_TRILLION = "pretraining-gpu-hours-per-trillion-tokens";

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
    String metric = run.text("metric");
    if (!metric.equals(GPU_HOURS_PER_TRILLION)) {
      throw new IllegalStateException(run.fieldPath("metric") + ": unknown metric '" + metric + "'");
    }
    String scenario = run.text("scenario");
    PlanResult plan = new TrainingRunPlanner(ScenarioLoader.load(scenario), Fp8ComputeCosts::new).plan();
    var pretraining = plan.phase("pre-training");
    double predicted = pretraining.gpuHours() / (pretraining.tokens() / 1e12);
    return Comparison.of(name, TABLE, predicted, run.positive("published"), "GPU-hours per trillion tokens",
        source + "; predicted by plan " + scenario).withFit(Comparison.HELD_OUT);
  }
}
