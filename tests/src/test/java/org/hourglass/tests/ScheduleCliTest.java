package org.hourglass.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hourglass schedule} run as a user runs it: the packaged jar in its own process. */
class ScheduleCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void dualPipeJsonGivesTheReferenceMakespanAndPerRankLists() throws Exception {
    CliProcess.Result r = run("schedule", "--kind", "dualpipe", "--ranks", "8", "--micro-batches", "20",
        "--f", "1", "--b", "2", "--w", "1", "--fb", "3", "--json");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode json = JSON.readTree(r.stdout());
    assertEquals(66.0, json.get("makespan").asDouble(), 1e-9);
    assertEquals(8, json.get("bubblePerRank").size());
    assertEquals(8, json.get("peakActivationsPerRank").size());
    double worst = 0;
    for (JsonNode bubble : json.get("bubblePerRank")) {
      worst = Math.max(worst, bubble.asDouble());
    }
    assertEquals(6.0, worst, 1e-9);
    assertEquals(9, json.get("peakActivationsPerRank").get(0).asInt());
    assertTrue(json.get("opsPerRank").get(0).asText().startsWith("F0 F0 F0 F0 F0 F0 F0 F1 B1* W F1"));
  }

  @Test
  void timesAreInTheUnitsOfF() throws Exception {
    JsonNode unit = JSON.readTree(run("schedule", "--ranks", "8", "--micro-batches", "20", "--fb", "3", "--json").stdout());
    JsonNode scaled = JSON.readTree(run("schedule", "--ranks", "8", "--micro-batches", "20",
        "--f", "10", "--b", "20", "--w", "10", "--fb", "30", "--json").stdout());
    assertEquals(10 * unit.get("makespan").asDouble(), scaled.get("makespan").asDouble(), 1e-9);
  }

  @Test
  void textOutputShowsBubblePerRankAndWritesATimelinePng() throws Exception {
    Path png = dir.resolve("timeline.png");
    CliProcess.Result r = run("schedule", "--kind", "dualpipe", "--ranks", "8", "--micro-batches", "20", "--fb", "2.5", "--png", png.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("max bubble"), r.stdout());
    assertTrue(r.stdout().contains("table formula bubble 4.5000"), r.stdout());
    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue(image.getWidth() >= 800 && image.getHeight() > 8 * 20, image.getWidth() + "x" + image.getHeight());
  }

  @Test
  void compareListsEveryScheduleAndDrawsABarChart() throws Exception {
    Path png = dir.resolve("compare.png");
    CliProcess.Result r = run("schedule", "--compare", "--ranks", "16", "--micro-batches", "40", "--png", png.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    for (String name : List.of("GPipe", "1F1B", "ZB1P", "DualPipe", "DualPipeV")) {
      assertTrue(r.stdout().contains(name), name + " in\n" + r.stdout());
    }
    assertTrue(r.stdout().contains("refused: Interleaved 1F1B"), r.stdout());
    assertTrue(ImageIO.read(png.toFile()).getWidth() > 0);
  }

  @Test
  void compareJsonHasOneEntryPerSchedule() throws Exception {
    CliProcess.Result r = run("schedule", "--compare", "--ranks", "8", "--micro-batches", "32", "--json");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode json = JSON.readTree(r.stdout());
    assertEquals(6, json.get("schedules").size());
    assertEquals(0, json.get("refused").size());
  }

  @Test
  void oddRanksForDualPipeAreRefusedWithTheRule() throws Exception {
    CliProcess.Result r = run("schedule", "--kind", "dualpipe", "--ranks", "7", "--micro-batches", "20");
    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().contains("--ranks") && r.stderr().contains("even number of ranks"), r.stderr());
    assertEquals("", r.stdout());
  }

  @Test
  void tooFewMicroBatchesAreRefusedWithTheRule() throws Exception {
    CliProcess.Result r = run("schedule", "--kind", "dualpipe", "--ranks", "8", "--micro-batches", "10");
    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().contains("--micro-batches") && r.stderr().contains("at least 2 x ranks = 16"), r.stderr());
  }

  @Test
  void unknownKindAndNegativeDurationAreRefused() throws Exception {
    CliProcess.Result kind = run("schedule", "--kind", "chimera", "--ranks", "8", "--micro-batches", "16");
    assertEquals(2, kind.exitCode());
    assertTrue(kind.stderr().contains("--kind") && kind.stderr().contains("dualpipev"), kind.stderr());
    CliProcess.Result negative = run("schedule", "--ranks", "8", "--micro-batches", "16", "--f", "-1");
    assertEquals(2, negative.exitCode());
    assertTrue(negative.stderr().contains("--forward: must be a finite duration"), negative.stderr());
  }

  private static CliProcess.Result run(String... args) {
    return CliProcess.run(args);
  }
}
