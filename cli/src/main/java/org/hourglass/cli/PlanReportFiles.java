package org.hourglass.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hourglass.reports.ComparisonReport;
import org.hourglass.reports.PlanReport;
import org.hourglass.reports.Report;
import org.hourglass.reports.ReportWriter;
import org.hourglass.scenarios.PlanComparison;
import org.hourglass.scenarios.PlanResult;
import org.hourglass.scenarios.ReplicaTrace;
import org.hourglass.scenarios.Sensitivity;
import org.hourglass.scenarios.TrainingRunPlanner;
import org.hourglass.sim.InvalidInputException;
import org.hourglass.sim.SpanLog;

/**
 * {@code plan --report DIR}: simulates the main step once more, recording pipeline replica 0 only,
 * and writes the plan's report, charts and trace into DIR. Sweep and search write theirs through
 * the same door.
 */
final class PlanReportFiles {
  /** The replica whose GPUs (0, dp, 2 dp, ...) the trace and timeline show. */
  static final int TRACED_REPLICA = 0;

  private PlanReportFiles() {}

  /**
   * Creates {@code dir} and checks it can be written, before any simulation runs, so a bad --report
   * fails in a moment instead of after the plan.
   */
  static void prepare(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException | SecurityException e) {
      throw new InvalidInputException("--report", "cannot create the report directory " + dir + ": " + e.getMessage());
    }
    if (!Files.isWritable(dir)) {
      throw new InvalidInputException("--report", dir + " is not writable");
    }
  }

  /**
   * Writes the report of {@code plan} and its {@code expected} run, made by {@code planner} under
   * {@code calibration}; says where on {@code err}.
   */
  static void write(Path dir, PlanResult plan, org.hourglass.scenarios.RunReliability.Expected expected, TrainingRunPlanner planner,
      PlanReport.Calibration calibration, List<Sensitivity.Swing> swings, PrintWriter err) {
    SpanLog trace = ReplicaTrace.mainStep(planner, plan.scenario(), TRACED_REPLICA);
    write(dir, PlanReport.of(plan, trace, simulatorVersion(), calibration, swings, expected), trace, err);
  }

  /** Writes the side-by-side report of {@code comparison}; says where on {@code err}. */
  static void writeComparison(Path dir, PlanComparison comparison, PrintWriter err) {
    write(dir, ComparisonReport.of(comparison, simulatorVersion()), null, err);
  }

  /** Writes {@code report} (and {@code trace}, unless null) into {@code dir}; says where on {@code err}. */
  static void write(Path dir, Report report, SpanLog trace, PrintWriter err) {
    try {
      List<Path> files = trace == null ? ReportWriter.write(report, dir) : ReportWriter.write(report, dir, trace);
      err.printf("hourglass: wrote %d report files to %s (open report.html)%n", files.size(), dir);
      err.flush();
    } catch (IOException e) {
      throw new InvalidInputException("--report", "cannot write the report into " + dir + ": " + e.getMessage());
    }
  }

  /** The version the jar was built as, e.g. 0.1.0-SNAPSHOT. */
  static String simulatorVersion() {
    return new Hourglass.Version().getVersion()[0].replaceFirst("^hourglass ", "");
  }
}
