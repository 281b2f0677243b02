package org.hourglass.scenarios;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A sweep's results as the table and CSV a user reads: one row per point, the axes' values, the
 * ideal run's figures, the expected run's P50 and P90 days and goodput, and the refusal of a point
 * that could not be planned. Shared by the local sweep and the Spark one, so both print the same bytes.
 */
public final class SweepTable {
  private SweepTable() {}

  /** The header: the axes, then the figures. */
  public static List<String> header(Collection<String> axes) {
    List<String> header = new ArrayList<>(axes);
    header.addAll(List.of("totalGpuHours", "days", "costUsd", "mfuBf16", "mainStepSeconds", "expectedDaysP50", "expectedDaysP90",
        "goodput", "refusal"));
    return header;
  }

  /** One point's row, its expected run replayed on the engine (seeded: the same point gives the same row). */
  public static List<String> row(Sweep.Point p) {
    List<String> row = new ArrayList<>(p.settings().values());
    PlanResult plan = p.plan();
    if (plan == null) {
      row.addAll(List.of("", "", "", "", "", "", "", "", p.refusal()));
      return row;
    }
    row.addAll(List.of(String.format("%.0f", plan.totalGpuHours()), String.format("%.2f", plan.days()),
        String.format("%.0f", plan.costUsd()), String.format("%.4f", plan.mfuBf16()),
        String.format("%.3f", plan.mainStep().stepSeconds())));
    RunReliability.Expected expected;
    try {
      expected = RunReliability.of(plan.scenario(), plan);
    } catch (org.hourglass.sim.InvalidInputException notReplayed) {
      row.addAll(List.of("", "", "", "expected run: " + notReplayed.getMessage()));
      return row;
    }
    row.addAll(List.of(String.format("%.2f", expected.days(expected.summary().finish().p50Seconds())),
        String.format("%.2f", expected.days(expected.summary().finish().p90Seconds())),
        String.format("%.4f", expected.summary().meanGoodput()), ""));
    return row;
  }

  /** Every point's row, in the points' order, their expected runs replayed on {@code threads} threads. */
  public static List<List<String>> rows(List<Sweep.Point> points, int threads) {
    return ParallelRuns.map(points, SweepTable::row, threads, done -> { });
  }

  /** The table as text: columns padded to their widest cell, two spaces apart, one line per row. */
  public static String render(List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    for (int c = 0; c < header.size(); c++) {
      widths[c] = header.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder b = new StringBuilder(line(header, widths)).append('\n');
    rows.forEach(row -> b.append(line(row, widths)).append('\n'));
    return b.toString();
  }

  /** The table as CSV lines, cells with a comma or a quote quoted. */
  public static List<String> csv(List<String> header, List<List<String>> rows) {
    List<String> lines = new ArrayList<>();
    lines.add(String.join(",", header));
    for (List<String> row : rows) {
      lines.add(String.join(",", row.stream().map(SweepTable::quote).toList()));
    }
    return lines;
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      b.append(String.format("%-" + widths[c] + "s  ", cells.get(c)));
    }
    return b.toString().stripTrailing();
  }

  private static String quote(String cell) {
    return cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
  }
}
