package org.hourglass.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hourglass.reports.Report;
import org.hourglass.reports.SweepReport;
import org.hourglass.scenarios.ScenarioLoader;
import org.hourglass.scenarios.Sweep;
import org.hourglass.scenarios.SweepTable;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.hourglass.sim.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hourglass sweep SCENARIO --set path=v1,v2 ...}: the cross product, planned in parallel. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Plans the cross product of scenario overrides in parallel; prints a table, optionally a CSV and a report.")
final class SweepCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = "--quiet", description = "No progress on standard error.")
  boolean quiet;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", defaultValue = ScenarioLoader.DEFAULT,
      description = "Built-in scenario or YAML file (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--set", required = true, paramLabel = "PATH=V1,V2,...",
      description = "An axis of the sweep, e.g. plan.nodeLimit=1,2,4,8 (repeatable).")
  List<String> axes;

  @Option(names = "--csv", paramLabel = "FILE", description = "Also write the results as CSV.")
  Path csv;

  @Option(names = "--report", paramLabel = "DIR",
      description = "Also write report.md, report.html, report.json and the GPU-hours chart into DIR.")
  Path reportDir;

  @Option(names = "--spark", paramLabel = "MASTER", description = "Run the points as tasks of a Spark job on MASTER (local[2],"
      + " local[*], spark://host:7077); the table is the same. Needs the spark module's jar (mvn -B -DskipTests package).")
  String spark;

  @Option(names = "--threads", description = "Points planned at once (default: the machine's cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public void run() {
    if (threads < 1) {
      throw new InvalidInputException("--threads", "must be at least 1, got " + threads);
    }
    Map<String, List<String>> parsed = Sweep.axes(axes);
    if (reportDir != null) {
      PlanReportFiles.prepare(reportDir);
    }
    if (spark != null) {
      runOnSpark();
      return;
    }
    int total = Sweep.product(parsed).size();
    List<Sweep.Point> points = Sweep.run(scenario, parsed, Fp8ComputeCosts::new, threads, new ProgressBar("sweep", total, quiet));
    List<String> header = SweepTable.header(parsed.keySet());
    List<List<String>> rows = SweepTable.rows(points, threads);
    PrintWriter out = spec.commandLine().getOut();
    out.print(SweepTable.render(header, rows));
    out.flush();
    if (csv != null) {
      writeCsv(csv, SweepTable.csv(header, rows));
    }
    if (reportDir != null) {
      writeReport(parsed, points);
    }
  }

  /**
   * The same sweep as a Spark job: the spark module's jar (built beside this one, not inside it) runs
   * each point as a task on {@code --spark}'s master and prints the same table; its exit code is ours.
   */
  private void runOnSpark() {
    if (reportDir != null) {
      throw new InvalidInputException("--report", "is written by the local sweep; with --spark, write --csv and report from it");
    }
    Path jar = SparkJob.jar();
    List<String> command = new ArrayList<>(SparkJob.javaCommand(jar));
    command.addAll(List.of("--master", spark, scenario));
    axes.forEach(a -> command.addAll(List.of("--set", a)));
    if (csv != null) {
      command.addAll(List.of("--csv", csv.toAbsolutePath().toString()));
    }
    if (quiet) {
      command.add("--quiet");
    }
    int code = SparkJob.run(command);
    if (code != 0) {
      throw new ExitException(code, "sweep: the Spark job exited with " + code);
    }
  }

  private void writeReport(Map<String, List<String>> parsed, List<Sweep.Point> points) {
    Report report = SweepReport.of(scenario, ScenarioLoader.load(scenario), parsed, points, PlanReportFiles.simulatorVersion());
    PlanReportFiles.write(reportDir, report, null, spec.commandLine().getErr());
  }


  static void writeCsv(Path file, List<String> lines) {
    try {
      Files.write(file, lines);
    } catch (IOException e) {
      throw new InvalidInputException("--csv", "cannot write " + file + ": " + e.getMessage());
    }
  }
}
