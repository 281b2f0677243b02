package org.hourglass.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hourglass.reports.Report;
import org.hourglass.reports.SweepReport;
import org.hourglass.scenarios.PlanResult;
import org.hourglass.scenarios.ScenarioLoader;
import org.hourglass.scenarios.Sweep;
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

  @Option(names = "--threads", description = "Points planned at once (default: the machine's cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public void run() {
    if (threads < 1) {
      throw new InvalidInputException("--threads", "must be at least 1, got " + threads);
    }
    Map<String, List<String>> parsed = parseAxes(axes);
    if (reportDir != null) {
      PlanReportFiles.prepare(reportDir);
    }
    int total = Sweep.product(parsed).size();
    List<Sweep.Point> points = Sweep.run(scenario, parsed, Fp8ComputeCosts::new, threads, new ProgressBar("sweep", total, quiet));
    List<String> header = new ArrayList<>(parsed.keySet());
    header.addAll(List.of("totalGpuHours", "days", "costUsd", "mfuBf16", "mainStepSeconds", "expectedDaysP50", "expectedDaysP90",
        "goodput", "refusal"));
    List<List<String>> rows = new ArrayList<>();
    for (Sweep.Point p : points) {
      List<String> row = new ArrayList<>(p.settings().values());
      PlanResult plan = p.plan();
      if (plan == null) {
        row.addAll(List.of("", "", "", "", "", "", "", "", p.refusal()));
      } else {
        row.addAll(List.of(String.format("%.0f", plan.totalGpuHours()), String.format("%.2f", plan.days()),
            String.format("%.0f", plan.costUsd()), String.format("%.4f", plan.mfuBf16()),
            String.format("%.3f", plan.mainStep().stepSeconds())));
        var expected = org.hourglass.scenarios.RunReliability.of(plan.scenario(), plan);
        row.addAll(List.of(String.format("%.2f", expected.days(expected.summary().finish().p50Seconds())),
            String.format("%.2f", expected.days(expected.summary().finish().p90Seconds())),
            String.format("%.4f", expected.summary().meanGoodput()), ""));
      }
      rows.add(row);
    }
    print(spec.commandLine().getOut(), header, rows);
    if (csv != null) {
      writeCsv(header, rows);
    }
    if (reportDir != null) {
      writeReport(parsed, points);
    }
  }

  private void writeReport(Map<String, List<String>> parsed, List<Sweep.Point> points) {
    Report report = SweepReport.of(scenario, ScenarioLoader.load(scenario), parsed, points, PlanReportFiles.simulatorVersion());
    PlanReportFiles.write(reportDir, report, null, spec.commandLine().getErr());
  }


  static Map<String, List<String>> parseAxes(List<String> specs) {
    Map<String, List<String>> axes = new LinkedHashMap<>();
    for (String axis : specs) {
      int eq = axis.indexOf('=');
      if (eq <= 0 || eq == axis.length() - 1) {
        throw new InvalidInputException("--set", "'" + axis + "' is not PATH=V1,V2,...");
      }
      List<String> values = List.of(axis.substring(eq + 1).split(",", -1));
      if (values.stream().anyMatch(String::isBlank)) {
        throw new InvalidInputException("--set", "'" + axis + "' has an empty value; list V1,V2,... without gaps");
      }
      axes.put(axis.substring(0, eq), values);
    }
    return axes;
  }

  private static void print(PrintWriter out, List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    for (int c = 0; c < header.size(); c++) {
      widths[c] = header.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    out.println(line(header, widths));
    rows.forEach(row -> out.println(line(row, widths)));
    out.flush();
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      b.append(String.format("%-" + widths[c] + "s  ", cells.get(c)));
    }
    return b.toString().stripTrailing();
  }

  private void writeCsv(List<String> header, List<List<String>> rows) {
    List<String> lines = new ArrayList<>();
    lines.add(String.join(",", header));
    for (List<String> row : rows) {
      lines.add(String.join(",", row.stream().map(SweepCommand::quote).toList()));
    }
    try {
      Files.write(csv, lines);
    } catch (IOException e) {
      throw new InvalidInputException("--csv", "cannot write " + csv + ": " + e.getMessage());
    }
  }

  private static String quote(String cell) {
    return cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
  }
}
