package org.hourglass.validation.calibration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hourglass.sim.InvalidInputException;

/**
 * Reads DeepEP's published bandwidth tables (one CSV holding the normal-kernel table and the
 * low-latency table, each under its own header; '#' lines are the provenance). The comm-models
 * module's predictions are checked against these rows; they are never its inputs.
 */
public final class DeepEpTable {
  private DeepEpTable() {}

  /**
   * One row. Latencies are NaN for the normal kernels, whose table gives bandwidth only.
   *
   * @param kind {@code normal} or {@code low_latency}
   * @param domain the bottleneck link, {@code nvlink} or {@code rdma}
   * @param expertParallel EP size
   * @param dispatchGbps dispatch bandwidth, GB/s
   * @param combineGbps combine bandwidth, GB/s
   * @param dispatchLatencyUs dispatch latency, microseconds
   * @param combineLatencyUs combine latency, microseconds
   */
  public record Row(String kind, String domain, int expertParallel, double dispatchGbps, double combineGbps,
      double dispatchLatencyUs, double combineLatencyUs) {}

  /** What the file says, rows in file order with the provenance lines. */
  public record Table(List<Row> rows, List<String> sources) {}

  /** Reads {@code file}. */
  public static Table read(Path file) {
    List<Row> rows = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    int lineNo = 0;
    for (String line : DeepGemmTable.lines(file)) {
      lineNo++;
      if (line.startsWith("#")) {
        sources.add(line.substring(1).strip());
      } else if (!line.isBlank() && !line.startsWith("kind,")) {
        rows.add(row(file + ":" + lineNo, line.strip().split(",")));
      }
    }
    return new Table(rows, sources);
  }

  private static Row row(String where, String[] f) {
    try {
      if (f.length == 5) {
        return new Row(f[0], f[1], Integer.parseInt(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.NaN, Double.NaN);
      }
      if (f.length == 7) {
        return new Row(f[0], f[1], Integer.parseInt(f[2]), Double.parseDouble(f[4]), Double.parseDouble(f[6]),
            Double.parseDouble(f[3]), Double.parseDouble(f[5]));
      }
    } catch (NumberFormatException e) {
      throw new InvalidInputException(where, "not a number: " + e.getMessage());
    }
    throw new InvalidInputException(where, "expected 5 (normal) or 7 (low-latency) fields, got " + f.length);
  }
}
