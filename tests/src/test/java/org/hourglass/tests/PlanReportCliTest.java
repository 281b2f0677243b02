package org.hourglass.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.hourglass.reports.TraceCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hourglass plan --report DIR --json}, run once as a user runs it: the JSON still comes
 * alone on stdout, and DIR holds the report in every format, its charts and a trace that passes
 * the schema check and opens in headless Chromium where it is installed.
 */
class PlanReportCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static Path reportDir;
  private static JsonNode printed;

  @BeforeAll
  static void planWithAReport() throws Exception {
    reportDir = dir.resolve("out");
    CliProcess.Result r = CliProcess.run(Duration.ofMinutes(4), "plan", "--report", reportDir.toString(), "--json");
    assertEquals(0, r.exitCode(), r.stderr());
    printed = JSON.readTree(r.stdout());
    assertTrue(r.stderr().contains("report files to"), r.stderr());
  }

  @Test
  void writesTheReportInEveryFormatWithItsChartsAndTrace() throws Exception {
    Set<String> names = new HashSet<>();
    try (Stream<Path> files = Files.walk(reportDir)) {
      files.filter(Files::isRegularFile).forEach(f -> names.add(reportDir.relativize(f).toString()));
    }
    for (String name : List.of("report.md", "report.html", "report.json", "trace.json")) {
      assertTrue(names.contains(name), name + " in " + names);
    }
    for (String chart : List.of("gpu-hours-per-phase", "cost-per-phase", "step-breakdown", "memory-per-gpu", "step-timeline")) {
      for (String ext : List.of(".png", ".svg")) {
        Path file = reportDir.resolve("charts/" + chart + ext);
        assertTrue(Files.size(file) > 1000, file + " is not empty");
      }
    }
  }

  @Test
  void reportJsonHasTheInputsAndEveryPhaseThePlanPrinted() throws Exception {
    JsonNode report = JSON.readTree(reportDir.resolve("report.json").toFile());
    assertEquals(1, report.get("formatVersion").asInt());
    assertEquals(printed.get("scenarioSha256").asText(), report.at("/inputs/scenarioSha256").asText());
    JsonNode phaseTable = null;
    for (JsonNode section : report.get("sections")) {
      for (JsonNode block : section.get("blocks")) {
        if (block.path("type").asText().equals("table") && block.path("title").asText().startsWith("GPU-hours per phase")) {
          phaseTable = block;
        }
      }
    }
    assertTrue(phaseTable != null, "the phase table is in report.json");
    for (JsonNode phase : printed.get("phases")) {
      boolean found = false;
      for (JsonNode row : phaseTable.get("rows")) {
        if (row.get(0).asText().equals(phase.get("name").asText())) {
          assertEquals(phase.get("gpuHours").asDouble(), row.get(4).asDouble(), 1e-6 * phase.get("gpuHours").asDouble());
          found = true;
        }
      }
      assertTrue(found, phase.get("name") + " has a row");
    }
  }

  @Test
  void traceOfOneReplicaIsModestAndPassesTheSchemaCheck() throws Exception {
    Path trace = reportDir.resolve("trace.json");
    assertEquals(List.of(), TraceCheck.violations(trace));
    assertTrue(Files.size(trace) < 10_000_000, "one replica, not the whole cluster: " + Files.size(trace) + " bytes");
    JsonNode events = JSON.readTree(trace.toFile()).get("traceEvents");
    Set<Integer> pids = new HashSet<>();
    events.forEach(e -> pids.add(e.get("pid").asInt()));
    assertEquals(16, pids.size(), "one GPU per pipeline rank");
  }

  @Test
  void theHtmlReportRendersInHeadlessChromium() throws Exception {
    Optional<Path> chromium = chromium();
    assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install chromium); skipping the browser check");
    Path shot = dir.resolve("shot.png");
    List<String> command = List.of(chromium.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + dir.resolve("profile"), "--screenshot=" + shot, "--window-size=1200,1600",
        reportDir.resolve("report.html").toUri().toString());
    CliProcess.Result r = CliProcess.runCommand(Duration.ofSeconds(90), command);
    assertEquals(0, r.exitCode(), r.stderr());
    BufferedImage image = ImageIO.read(shot.toFile());
    Set<Integer> colours = new HashSet<>();
    long nonWhite = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int pixel = image.getRGB(x, y) & 0xFFFFFF;
        colours.add(pixel);
        nonWhite += pixel == 0xFFFFFF ? 0 : 1;
      }
    }
    double share = nonWhite / (double) (image.getWidth() * image.getHeight());
    assertTrue(colours.size() > 64, "text and charts, not a blank page: " + colours.size() + " colours");
    assertTrue(share > 0.02 && share < 0.9, "ink on paper: " + share);
  }

  private static Optional<Path> chromium() {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .flatMap(d -> Stream.of(Path.of(d, "chromium"), Path.of(d, "chromium-browser")))
        .filter(Files::isExecutable).findFirst();
  }

  @Test
  void aReportDirectoryThatCannotBeCreatedIsRefusedBeforeThePlanRuns(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    CliProcess.Result r = CliProcess.run(Duration.ofMinutes(1), "plan", "--report", file.resolve("report").toString());
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().startsWith("hourglass: --report: cannot create the report directory"), r.stderr());
    assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
    assertTrue(r.stdout().isEmpty(), "refused before planning: " + r.stdout());
  }
}
