package org.hourglass.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.hourglass.dualpipe.ScheduleKind;
import org.hourglass.reports.Report;
import org.hourglass.reports.SearchReport;
import org.hourglass.scenarios.PlanResult;
import org.hourglass.scenarios.PlanSearch;
import org.hourglass.scenarios.Scenario;
import org.hourglass.scenarios.SearchText;
import org.hourglass.scenarios.ScenarioLoader;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.hourglass.sim.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hourglass search SCENARIO --gpus N --deadline-days D}: the cheapest plan that fits and meets the deadline. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Searches pipeline and expert degrees, schedules, micro-batch sizes and node limits for the cheapest plan that fits in memory and meets the deadline; each candidate priced from its main step simulated on every GPU.")
final class SearchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = "--quiet", description = "No progress on standard error.")
  boolean quiet;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", defaultValue = ScenarioLoader.DEFAULT,
      description = "Built-in scenario or YAML file (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--gpus", required = true, split = ",", description = "Cluster sizes (one or more, e.g. 1024,2048,4096).")
  List<Integer> gpus;

  @Option(names = "--tp", split = ",", description = "Tensor-parallel degrees (default: the scenario's).")
  List<Integer> tp = List.of();

  @Option(names = "--global-batch", split = ",", paramLabel = "SEQUENCES",
      description = "Global batch sizes in sequences (default: the recipe's batch at the end of its ramp).")
  List<Integer> globalBatch = List.of();

  @Option(names = "--deadline-days", required = true, description = "Most days the run may take.")
  double deadlineDays;

  @Option(names = "--pp", split = ",", description = "Pipeline degrees (default: ${DEFAULT-VALUE}).", defaultValue = "8,16")
  List<Integer> pp;

  @Option(names = "--ep", split = ",", description = "Expert-parallel degrees (default: ${DEFAULT-VALUE}).", defaultValue = "32,64")
  List<Integer> ep;

  @Option(names = "--schedules", split = ",", description = "Schedules (default: ${DEFAULT-VALUE}).", defaultValue = "dualpipe,zb1p,1f1b")
  List<String> schedules;

  @Option(names = "--micro-batches", split = ",", description = "Sequences per micro-batch (default: ${DEFAULT-VALUE}).",
      defaultValue = "1,2")
  List<Integer> microBatches;

  @Option(names = "--node-limits", split = ",", description = "Node limits, 0 for none (default: ${DEFAULT-VALUE}).",
      defaultValue = "2,4")
  List<Integer> nodeLimits;

  @Option(names = "--virtual-stages", split = ",", defaultValue = "2,4",
      description = "Model chunks per rank tried with the interleaved schedule (default: ${DEFAULT-VALUE}).")
  List<Integer> virtualStages;

  @Option(names = "--show", description = "Alternatives shown beside the best (default: ${DEFAULT-VALUE}).", defaultValue = "4")
  int show;

  @Option(names = "--report", paramLabel = "DIR",
      description = "Also write report.md, report.html, report.json and the step-breakdown chart into DIR.")
  java.nio.file.Path reportDir;

  @Option(names = "--main-step-only",
      description = "Rank by the main step and stop there: do not plan the cheapest in full (faster by one plan; plan then prices it a few percent apart).")
  boolean mainStepOnly;

  @Option(names = "--spark", paramLabel = "MASTER",
      description = "Price the candidates as the tasks of a Spark job on MASTER (local[2], spark://host:7077, ...) instead of on this machine's threads.")
  String spark;

  @Option(names = "--threads", description = "Candidates evaluated at once (default: the machine's cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  private static void requireAtLeast(String option, List<Integer> values, int least) {
    if (values.isEmpty() || values.stream().anyMatch(v -> v < least)) {
      throw new InvalidInputException(option, "each value must be at least " + least + ", got " + values);
    }
  }

  @Override
  public void run() {
    requireAtLeast("--pp", pp, 1);
    requireAtLeast("--ep", ep, 1);
    requireAtLeast("--micro-batches", microBatches, 1);
    requireAtLeast("--node-limits", nodeLimits, 0);
    if (show < 0) {
      throw new InvalidInputException("--show", "must be 0 or more, got " + show);
    }
    if (threads < 1) {
      throw new InvalidInputException("--threads", "must be at least 1, got " + threads);
    }
    if (virtualStages.stream().anyMatch(v -> v < 2)) {
      throw new InvalidInputException("--virtual-stages", "interleaving needs 2 or more chunks per rank, got " + virtualStages);
    }
    requireAtLeast("--gpus", gpus, 1);
    if (!tp.isEmpty()) {
      requireAtLeast("--tp", tp, 1);
    }
    if (!globalBatch.isEmpty()) {
      requireAtLeast("--global-batch", globalBatch, 1);
    }
    if (!(deadlineDays > 0)) {
      throw new InvalidInputException("--deadline-days", "must be positive, got " + deadlineDays);
    }
    List<ScheduleKind> kinds = schedules.stream().map(s -> ScheduleKind.parse("--schedules", s)).toList();
    if (reportDir != null) {
      PlanReportFiles.prepare(reportDir);
    }
    PlanSearch.Space space = new PlanSearch.Space(gpus, tp, pp, ep, kinds, microBatches, nodeLimits, virtualStages, globalBatch);
    if (spark != null) {
      runOnSpark(space);
      return;
    }
    List<PlanSearch.Candidate> ranked = PlanSearch.run(scenario, deadlineDays, space, Fp8ComputeCosts::new, threads,
        new ProgressBar("search", PlanSearch.size(space), quiet));
    PlanSearch.Candidate best = ranked.get(0);
    PlanResult whole = best.feasible() && !mainStepOnly ? PlanSearch.wholeRun(scenario, best, Fp8ComputeCosts::new, threads) : null;
    if (reportDir != null) {
      writeReport(space, ranked, whole);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(SearchText.render(scenario, deadlineDays, space, show, ranked, whole));
    out.flush();
    if (!best.feasible()) {
      throw new ExitException(1, "search found no feasible plan");
    }
  }

  /**
   * The same search as a Spark job: the spark module's jar prices each candidate as a task on
   * {@code --spark}'s master and prints the same text; its exit code is ours.
   */
  private void runOnSpark(PlanSearch.Space space) {
    if (reportDir != null) {
      throw new InvalidInputException("--report", "is written by the local search; with --spark, run the report locally");
    }
    List<String> command = new ArrayList<>(SparkJob.javaCommand(SparkJob.jar(), "org.hourglass.spark.SparkSearch"));
    command.addAll(List.of("--master", spark, scenario, "--deadline-days", Double.toString(deadlineDays),
        "--show", Integer.toString(show)));
    space.toArgs().forEach(a -> command.addAll(List.of("--space", a)));
    if (quiet) {
      command.add("--quiet");
    }
    if (mainStepOnly) {
      command.add("--main-step-only");
    }
    int code = SparkJob.run(command);
    if (code != 0) {
      throw new ExitException(code, "search: the Spark job exited with " + code);
    }
  }

  private void writeReport(PlanSearch.Space space, List<PlanSearch.Candidate> ranked, PlanResult whole) {
    Scenario base = ScenarioLoader.load(scenario, java.util.Map.of("cluster.gpus", Integer.toString(gpus.get(0))));
    Report report = SearchReport.of(base, space, deadlineDays, ranked, whole, PlanReportFiles.simulatorVersion());
    PlanReportFiles.write(reportDir, report, null, spec.commandLine().getErr());
  }
}
