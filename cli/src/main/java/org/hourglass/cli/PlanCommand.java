package org.hourglass.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hourglass.reports.PlanReport;
import org.hourglass.scenarios.PlanResult;
import org.hourglass.scenarios.Scenario;
import org.hourglass.scenarios.ScenarioLoader;
import org.hourglass.scenarios.Sensitivity;
import org.hourglass.scenarios.TrainingRunPlanner;
import org.hourglass.parallelism.costs.ComputeCostsProvider;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.hourglass.sim.InvalidInputException;
import org.hourglass.validation.calibration.CalibratedComputeCosts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hourglass plan [SCENARIO]}: the GPU-hours, days and dollars of a whole training run. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Simulates representative training steps of every phase on the whole cluster and sums GPU-hours,",
      "days and cost. SCENARIO is a built-in name or a YAML file (default: deepseek-v3-2048-h800)."
    })
final class PlanCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", defaultValue = ScenarioLoader.DEFAULT,
      description = "Built-in scenario or YAML file; built-ins: ${COMPLETION-CANDIDATES}",
      completionCandidates = BuiltInScenarios.class)
  String scenario;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a scenario field, e.g. plan.nodeLimit=2 (repeatable).")
  List<String> overrides = List.of();

  @Option(names = "--json", description = "Print one JSON object instead of the table.")
  boolean json;

  @Option(names = "--calibration", paramLabel = "PROFILE.json",
      description = "Run GEMMs at the efficiencies of a calibration profile (written by 'calibrate') instead of the published ones.")
  Path calibration;

  @Option(names = "--report", paramLabel = "DIR",
      description = "Also write report.md, report.html, report.json, charts/ and trace.json (pipeline replica 0) into DIR.")
  Path reportDir;

  @Option(names = "--sensitivity",
      description = "Also plan each assumption with a plausible range at its low and high value and show how the total moves"
          + " (two whole plans per assumption, run in parallel).")
  boolean sensitivity;

  @Override
  public void run() {
    CalibratedComputeCosts profile = calibration == null ? null : CalibratedComputeCosts.load(calibration);
    ComputeCostsProvider costs = profile == null ? Fp8ComputeCosts::new : profile;
    Scenario loaded = ScenarioLoader.load(scenario, parseOverrides(overrides));
    if (reportDir != null) {
      PlanReportFiles.prepare(reportDir);
    }
    PlanResult plan = new TrainingRunPlanner(loaded, costs).plan();
    List<Sensitivity.Swing> swings = sensitivity
        ? Sensitivity.run(scenario, parseOverrides(overrides), costs, Runtime.getRuntime().availableProcessors(), done -> { })
        : List.of();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      var root = PlanOutput.json(plan, profile);
      if (sensitivity) {
        PlanOutput.sensitivityJson(root, plan, swings);
      }
      out.println(root.toString());
      out.flush();
    } else {
      PlanOutput.text(out, plan, profile);
      if (sensitivity) {
        PlanOutput.sensitivityText(out, plan, swings);
      }
    }
    if (reportDir != null) {
      PlanReport.Calibration named = profile == null ? PlanReport.Calibration.none(loaded)
          : new PlanReport.Calibration(profile.file().getFileName() + " (" + profile.profile().device() + ")",
              profile.profile().sources());
      PlanReportFiles.write(reportDir, plan, new TrainingRunPlanner(loaded, costs), named, swings,
          spec.commandLine().getErr());
    }
  }

  /** {@code path=value} pairs, in order; a malformed one names itself. */
  static Map<String, String> parseOverrides(List<String> pairs) {
    Map<String, String> parsed = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new InvalidInputException("--set", "'" + pair + "' is not PATH=VALUE");
      }
      parsed.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return parsed;
  }

  /** The built-in scenario names, for --help. */
  static final class BuiltInScenarios implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return ScenarioLoader.builtInNames().iterator();
    }
  }
}
