package org.hourglass.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hourglass.reports.PlanReport;
import org.hourglass.scenarios.PlanComparison;
import org.hourglass.scenarios.PlanResult;
import org.hourglass.scenarios.Scenario;
import org.hourglass.scenarios.RunReliability;
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
    description = "Simulates representative training steps of every phase on the whole cluster and sums GPU-hours, days,"
        + " cost and energy. SCENARIO is a built-in name or a YAML file (default: deepseek-v3-2048-h800); two or more"
        + " are planned side by side, each at its own price, with changes against the first.")
final class PlanCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "SCENARIO",
      description = "Built-in scenarios or YAML files (two or more: compared); built-ins: ${COMPLETION-CANDIDATES}",
      completionCandidates = BuiltInScenarios.class)
  List<String> scenarios = new ArrayList<>();

  @Option(names = "--quiet", description = "No progress on standard error.")
  boolean quiet;

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
    List<String> names = scenarios.isEmpty() ? List.of(ScenarioLoader.DEFAULT) : scenarios;
    if (names.size() > 1) {
      compare(names, costs, profile);
      return;
    }
    String scenario = names.get(0);
    Scenario loaded = ScenarioLoader.load(scenario, parseOverrides(overrides));
    if (reportDir != null) {
      PlanReportFiles.prepare(reportDir);
    }
    TrainingRunPlanner planner = new TrainingRunPlanner(loaded, costs);
    PlanResult plan;
    try (ProgressBar bar = new ProgressBar("plan " + loaded.name(), planner.simulationsAtMost(), quiet)) {
      plan = planner.plan(bar);
    }
    List<Sensitivity.Swing> swings = List.of();
    if (sensitivity) {
      try (ProgressBar bar = new ProgressBar("sensitivity", Sensitivity.plans(loaded), quiet)) {
        swings = Sensitivity.run(scenario, parseOverrides(overrides), costs, Runtime.getRuntime().availableProcessors(), bar);
      }
    }
    // replayed once (a second or more of seeded runs) for the text or JSON and the report alike
    RunReliability.Expected expected = RunReliability.of(loaded, plan);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      var root = PlanOutput.json(plan, profile, expected);
      if (sensitivity) {
        PlanOutput.sensitivityJson(root, plan, swings);
      }
      out.println(root.toString());
      out.flush();
    } else {
      PlanOutput.text(out, plan, profile, expected);
      if (sensitivity) {
        PlanOutput.sensitivityText(out, plan, swings);
      }
    }
    if (reportDir != null) {
      PlanReport.Calibration named = profile == null ? PlanReport.Calibration.none(loaded)
          : new PlanReport.Calibration(profile.file().getFileName() + " (" + profile.profile().device() + ")",
              profile.profile().sources());
      PlanReportFiles.write(reportDir, plan, expected, new TrainingRunPlanner(loaded, costs), named, swings,
          spec.commandLine().getErr());
    }
  }

  /** Plans every scenario (each loaded and checked before any is simulated) and prints them side by side. */
  private void compare(List<String> names, ComputeCostsProvider costs, CalibratedComputeCosts profile) {
    if (sensitivity) {
      throw new InvalidInputException("--sensitivity", "applies to one scenario; run it on each alone");
    }
    List<Scenario> loaded = new ArrayList<>();
    for (String name : names) {
      loaded.add(ScenarioLoader.load(name, parseOverrides(overrides)));
    }
    if (reportDir != null) {
      PlanReportFiles.prepare(reportDir);
    }
    List<TrainingRunPlanner> planners = loaded.stream().map(s -> new TrainingRunPlanner(s, costs)).toList();
    int total = planners.stream().mapToInt(TrainingRunPlanner::simulationsAtMost).sum();
    List<PlanResult> plans = new ArrayList<>();
    try (ProgressBar bar = new ProgressBar("plan " + names.size() + " scenarios", total, quiet)) {
      int before = 0;
      for (TrainingRunPlanner planner : planners) {
        int offset = before;
        plans.add(planner.plan(done -> bar.accept(offset + done)));
        before += planner.simulationsAtMost();
      }
    }
    PlanComparison comparison = new PlanComparison(plans);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(PlanOutput.comparisonJson(comparison, profile).toString());
    } else {
      PlanOutput.comparisonText(out, comparison);
    }
    out.flush();
    if (reportDir != null) {
      PlanReportFiles.writeComparison(reportDir, comparison, spec.commandLine().getErr());
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
