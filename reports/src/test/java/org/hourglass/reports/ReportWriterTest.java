package org.hourglass.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.hourglass.sim.SimTime;
import org.hourglass.sim.SpanLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  @TempDir Path dir;

  static SpanLog stepSpans() {
    SpanLog log = new SpanLog();
    for (int gpu = 0; gpu < 4; gpu++) {
      int compute = log.resource("gpu" + gpu + "/compute");
      int comm = log.resource("gpu" + gpu + "/comm");
      for (int mb = 0; mb < 3; mb++) {
        long start = (gpu + 3L * mb) * SimTime.PS_PER_MS;
        log.record(compute, start, start + 2 * SimTime.PS_PER_MS, "F" + mb);
        log.record(comm, start + SimTime.PS_PER_MS, start + 1_500_000_001L, "dispatch " + mb);
      }
    }
    return log;
  }

  @Test
  void writesEveryFileOfTheReportDirectory() throws Exception {
    Report report = SampleReports.full();
    List<Path> written = ReportWriter.write(report, dir, stepSpans());
    Set<String> names = new HashSet<>();
    try (Stream<Path> files = Files.walk(dir)) {
      files.filter(Files::isRegularFile).forEach(f -> names.add(dir.relativize(f).toString()));
    }
    Set<String> expected = new HashSet<>(Set.of("report.md", "report.html", "report.json", "trace.json"));
    report.charts().forEach(c -> expected.addAll(List.of("charts/" + c.id() + ".png", "charts/" + c.id() + ".svg")));
    assertEquals(expected, names);
    assertEquals(expected.size(), written.size());
    for (Path file : written) {
      assertTrue(Files.size(file) > 100, file + " is not empty");
    }
    assertEquals(ChartImages.WIDTH, ImageIO.read(dir.resolve("charts/memory.png").toFile()).getWidth());
    ChartImagesTest.parse(Files.readString(dir.resolve("charts/all-to-all.svg")));
  }

  @Test
  void theJsonReadsBackAndTheTracePassesTheSchemaCheck() throws Exception {
    Report report = SampleReports.full();
    ReportWriter.write(report, dir, stepSpans());
    assertEquals(report, JsonRenderer.read(Files.readString(dir.resolve("report.json"))));
    assertEquals(List.of(), TraceCheck.violations(dir.resolve("trace.json")));
    String trace = Files.readString(dir.resolve("trace.json"));
    assertTrue(trace.contains("\"scenarioSha256\":\"" + report.inputs().scenarioSha256() + "\""), "the trace names its inputs");
    assertTrue(trace.contains("\"dur\":500.000001"), "1.5 ms + 1 ps - 1 ms kept to the picosecond");
  }

  @Test
  void theHtmlIsSelfContained() throws Exception {
    ReportWriter.write(SampleReports.full(), dir, stepSpans());
    String html = Files.readString(dir.resolve("report.html"));
    assertEquals(SampleReports.full().charts().size(), count(html, "<svg "), "every chart inlined");
    assertFalse(html.contains("<script"));
    assertFalse(html.contains("<link"));
    Matcher external = Pattern.compile("(?:src|href)\\s*=\\s*[\"'](?:https?:)?//").matcher(html);
    assertFalse(external.find(), "no resource from the network");
    assertTrue(html.contains("<h2>Cost &lt;&amp;&gt; &quot;phases&quot;</h2>"));
    assertTrue(html.contains("<td class=\"num\">2,664,000</td>"));
    assertTrue(html.contains(SampleReports.inputs().scenarioSha256()));
    Set<String> ids = new HashSet<>();
    Matcher id = Pattern.compile("id='([^']+)'").matcher(html);
    while (id.find()) {
      assertTrue(ids.add(id.group(1)), "ids are unique across inlined charts: " + id.group(1));
    }
  }

  @Test
  void aTraceLinkNeedsATrace() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(SampleReports.full(), dir));
    assertTrue(e.getMessage().contains("no span log"), e.getMessage());
    Report other = new Report("r", SampleReports.inputs(),
        List.of(Section.builder("s").block(new TraceRef("step.json", "elsewhere")).build()));
    assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(other, dir, stepSpans()));
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
