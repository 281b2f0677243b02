package org.hourglass.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hourglass.sim.SpanLog;

/**
 * Writes a report as a directory people can open, send and archive: {@code report.md},
 * {@code report.html} (self-contained), {@code report.json}, {@code charts/<id>.png} and
 * {@code charts/<id>.svg} for every chart, and {@code trace.json} when given the span log of the
 * simulated step. Existing files of those names are replaced.
 */
public final class ReportWriter {
  /** The name of the trace file, which trace links in the report must name. */
  public static final String TRACE_FILE = "trace.json";

  private ReportWriter() {}

  /** Writes the report without a trace; returns the files written. */
  public static List<Path> write(Report report, Path dir) throws IOException {
    return write(report, dir, null);
  }

  /**
   * Writes the report and, when {@code trace} is not null, {@code trace.json}; returns the files
   * written. A trace link in the report must name {@code trace.json}, and then a trace must be given,
   * so no report links a file that is not there.
   */
  public static List<Path> write(Report report, Path dir, SpanLog trace) throws IOException {
    requireTraceLinksResolve(report, trace != null);
    Path charts = Files.createDirectories(dir.resolve("charts"));
    List<Path> written = new ArrayList<>();
    Map<String, String> svgs = new HashMap<>();
    for (Chart chart : report.charts()) {
      String svg = ChartImages.svgElement(chart);
      svgs.put(chart.id(), svg);
      written.add(text(charts.resolve(chart.id() + ".svg"), ChartImages.svgDocument(svg)));
      Path png = charts.resolve(chart.id() + ".png");
      ChartImages.writePng(chart, png);
      written.add(png);
    }
    written.add(text(dir.resolve("report.md"), MarkdownRenderer.render(report)));
    written.add(text(dir.resolve("report.html"), HtmlRenderer.render(report, c -> svgs.get(c.id()))));
    written.add(text(dir.resolve("report.json"), JsonRenderer.render(report)));
    if (trace != null) {
      Path file = dir.resolve(TRACE_FILE);
      ChromeTraceWriter.write(trace, traceMetadata(report), file);
      written.add(file);
    }
    return written;
  }

  private static void requireTraceLinksResolve(Report report, boolean traceGiven) {
    for (TraceRef ref : report.traces()) {
      if (!ref.file().equals(TRACE_FILE)) {
        throw new IllegalArgumentException("trace link names " + ref.file() + "; the writer writes the trace as " + TRACE_FILE);
      }
      if (!traceGiven) {
        throw new IllegalArgumentException("the report links " + TRACE_FILE + " but no span log was given to write it from");
      }
    }
  }

  /** The report's title and inputs, copied into the trace so it too says what produced it. */
  static Map<String, String> traceMetadata(Report report) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("report", report.title());
    data.put("scenario", report.inputs().scenario());
    data.put("scenarioSha256", report.inputs().scenarioSha256());
    report.inputs().values().forEach(v -> data.putIfAbsent(v.label(), v.value()));
    return data;
  }

  private static Path text(Path file, String content) throws IOException {
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
