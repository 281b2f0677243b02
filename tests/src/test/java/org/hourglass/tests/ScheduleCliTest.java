package org.hourglass.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hourglass schedule} run as a user runs it: the packaged jar in its own process. */
class ScheduleCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private record Result(int exitCode, String out, String err) {}

  @Test
  void dualPipeJsonGivesTheReferenceMakespanAndPerRankLists() throws Exception {
    Result r = run("schedule", "--kind", "dualpipe", "--ranks", "8", "--micro-batches", "20",
        "--f", "1", "--b", "2", "--w", "1", "--fb", "3", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode json = JSON.readTree(r.out());
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
    JsonNode unit = JSON.readTree(run("schedule", "--ranks", "8", "--micro-batches", "20", "--fb", "3", "--json").out());
    JsonNode scaled = JSON.readTree(run("schedule", "--ranks", "8", "--micro-batches", "20",
        "--f", "10", "--b", "20", "--w", "10", "--fb", "30", "--json").out());
    assertEquals(10 * unit.get("makespan").asDouble(), scaled.get("makespan").asDouble(), 1e-9);
  }

  @Test
  void textOutputShowsBubblePerRankAndWritesATimelinePng() throws Exception {
    Path png = dir.resolve("timeline.png");
    Result r = run("schedule", "--kind", "dualpipe", "--ranks", "8", "--micro-batches", "20", "--fb", "2.5", "--png", png.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("max bubble"), r.out());
    assertTrue(r.out().contains("table formula bubble 4.5000"), r.out());
    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue(image.getWidth() >= 800 && image.getHeight() > 8 * 20, image.getWidth() + "x" + image.getHeight());
  }

  @Test
  void compareListsEveryScheduleAndDrawsABarChart() throws Exception {
    Path png = dir.resolve("compare.png");
    Result r = run("schedule", "--compare", "--ranks", "16", "--micro-batches", "40", "--png", png.toString());
    assertEquals(0, r.exitCode(), r.err());
    for (String name : List.of("GPipe", "1F1B", "ZB1P", "DualPipe", "DualPipeV")) {
      assertTrue(r.out().contains(name), name + " in\n" + r.out());
    }
    assertTrue(r.out().contains("refused: Interleaved 1F1B"), r.out());
    assertTrue(ImageIO.read(png.toFile()).getWidth() > 0);
  }

  @Test
  void compareJsonHasOneEntryPerSchedule() throws Exception {
    Result r = run("schedule", "--compare", "--ranks", "8", "--micro-batches", "32", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode json = JSON.readTree(r.out());
    assertEquals(6, json.get("schedules").size());
    assertEquals(0, json.get("refused").size());
  }

  @Test
  void oddRanksForDualPipeAreRefusedWithTheRule() throws Exception {
    Result r = run("schedule", "--kind", "dualpipe", "--ranks", "7", "--micro-batches", "20");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--ranks") && r.err().contains("even number of ranks"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void tooFewMicroBatchesAreRefusedWithTheRule() throws Exception {
    Result r = run("schedule", "--kind", "dualpipe", "--ranks", "8", "--micro-batches", "10");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--micro-batches") && r.err().contains("at least 2 x ranks = 16"), r.err());
  }

  @Test
  void unknownKindAndNegativeDurationAreRefused() throws Exception {
    Result kind = run("schedule", "--kind", "chimera", "--ranks", "8", "--micro-batches", "16");
    assertEquals(2, kind.exitCode());
    assertTrue(kind.err().contains("--kind") && kind.err().contains("dualpipev"), kind.err());
    Result negative = run("schedule", "--ranks", "8", "--micro-batches", "16", "--f", "-1");
    assertEquals(2, negative.exitCode());
    assertTrue(negative.err().contains("f: must be a finite duration"), negative.err());
  }

  private Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("java", "-Djava.awt.headless=true", "-jar", jar()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread errReader = new Thread(() -> copy(process.getErrorStream(), err));
    errReader.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "hourglass finished");
    errReader.join();
    return new Result(process.exitValue(), out, err.toString(StandardCharsets.UTF_8));
  }

  private static void copy(InputStream in, ByteArrayOutputStream to) {
    try {
      in.transferTo(to);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String jar() {
    String jar = System.getProperty("hourglass.jar");
    assertTrue(jar != null && Files.exists(Path.of(jar)), "packaged jar at " + jar);
    return jar;
  }
}
