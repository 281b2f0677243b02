package org.hourglass.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hourglass sweep} and {@code hourglass search} on small spaces, run as a user runs them. */
class SweepAndSearchCliTest {
  @TempDir Path dir;

  @Test
  void sweepPlansEveryPointKeepsRefusalsAndWritesCsv() throws Exception {
    Path csv = dir.resolve("sweep.csv");
    Path report = dir.resolve("report");
    CliProcess.Result r = CliProcess.run(Duration.ofMinutes(3), "sweep", "--set", "plan.pp=7,16", "--csv", csv.toString(),
        "--report", report.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    List<String> lines = Files.readAllLines(csv);
    assertEquals("plan.pp,totalGpuHours,days,costUsd,mfuBf16,mainStepSeconds,expectedDaysP50,expectedDaysP90,goodput,refusal",
        lines.get(0));
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.get(1).startsWith("7,,,,,,,,,") && lines.get(1).contains("does not divide"), lines.get(1));
    String[] planned = lines.get(2).split(",");
    assertEquals("16", planned[0]);
    double gpuHours = Double.parseDouble(planned[1]);
    assertEquals(2 * gpuHours, Double.parseDouble(planned[3]), 2.0, "cost is GPU-hours at $2");
    assertTrue(Double.parseDouble(planned[6]) > Double.parseDouble(planned[2]), "the expected run takes longer than the ideal one");
    double goodput = Double.parseDouble(planned[8]);
    assertTrue(goodput > 0.5 && goodput < 1, "goodput " + goodput);
    assertTrue(r.stdout().contains("plan.pp") && r.stdout().contains("refusal"), r.stdout());
    for (String file : List.of("report.md", "report.html", "report.json", "charts/sweep-gpu-hours.png", "charts/sweep-gpu-hours.svg")) {
      assertTrue(Files.size(report.resolve(file)) > 0, file);
    }
    String json = Files.readString(report.resolve("report.json"));
    assertTrue(json.contains("\"sweep-gpu-hours\"") && json.contains("DeepSeek-V3 published total"), json);
    assertTrue(Files.readString(report.resolve("report.md")).contains("does not divide"), "refusals are reported");
  }

  @Test
  void searchNamesTheCheapestFeasiblePlanAndWhyOthersLose() throws Exception {
    Path report = dir.resolve("search-report");
    CliProcess.Result r = CliProcess.run(Duration.ofMinutes(3), "search", "--gpus", "2048", "--deadline-days", "90",
        "--pp", "16", "--ep", "64", "--schedules", "dualpipe,1f1b", "--micro-batches", "1,2", "--node-limits", "4",
        "--report", report.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("Cheapest plan on 2048 GPUs within 90.0 days (4 candidates"), r.stdout());
    assertTrue(r.stdout().matches("(?s).*\\n  PP16 EP64 DP128 dualpipe mb1 limit 4 \\[the scenario's layout\\]: [\\d,]+ GPU-hours.*"),
        r.stdout());
    CliProcess.Result plan = CliProcess.runShared(Duration.ofMinutes(3), "plan", "--json");
    double planned = new com.fasterxml.jackson.databind.ObjectMapper().readTree(plan.stdout()).get("totalGpuHours").asDouble();
    assertTrue(r.stdout().contains(String.format(java.util.Locale.ROOT, "planned in full, as plan prices it (batch ramp and "
        + "long-context phases simulated): %,.0f GPU-hours", planned)), "search and plan agree on one layout: " + r.stdout());
    assertTrue(r.stdout().contains("1f1b mb1 limit 4: +"), "1F1B loses on cost: " + r.stdout());
    assertTrue(r.stdout().contains("does not fit in memory"), "micro-batch 2 is refused for memory: " + r.stdout());
    for (String file : List.of("report.md", "report.html", "report.json", "charts/search-step-breakdown.png")) {
      assertTrue(Files.size(report.resolve(file)) > 0, file);
    }
    String markdown = Files.readString(report.resolve("report.md"));
    // the scenario's own layout is marked in the table (Markdown escapes the brackets)
    assertTrue(markdown.contains("| PP16 EP64 DP128 dualpipe mb1 limit 4 \\[the scenario's layout\\] |")
        && markdown.contains("cheapest"), markdown);
    assertTrue(markdown.contains("exposed all-to-all +"), "the 1F1B row says why it loses: " + markdown);
    assertTrue(markdown.contains("does not fit in memory"), markdown);
  }

  @Test
  void aSweepOnSparkInLocalModePrintsTheLocalSweepByteForByte() throws Exception {
    Path localCsv = dir.resolve("local.csv");
    Path sparkCsv = dir.resolve("spark.csv");
    CliProcess.Result local = CliProcess.run(Duration.ofMinutes(3), "sweep", "llama-3.1-70b-1024-h100", "--set", "seed=1,1000",
        "--quiet", "--csv", localCsv.toString());
    assertEquals(0, local.exitCode(), local.stderr());
    CliProcess.Result spark = CliProcess.run(Duration.ofMinutes(4), "sweep", "llama-3.1-70b-1024-h100", "--set", "seed=1,1000",
        "--spark", "local[2]", "--csv", sparkCsv.toString());
    assertEquals(0, spark.exitCode(), spark.stderr());
    assertEquals(local.stdout(), spark.stdout(), "the same table, byte for byte");
    assertEquals(Files.readString(localCsv), Files.readString(sparkCsv), "the same CSV, byte for byte");
    assertEquals(3, Files.readAllLines(sparkCsv).size(), "a header and two points");
    assertTrue(spark.stderr().contains("sweep on Spark: 2 of 2 tasks done"), spark.stderr());
  }

  @Test
  void aSearchOnSparkInLocalModePrintsTheLocalSearchByteForByte() {
    String[] search = {"search", "llama-3.1-70b-1024-h100", "--gpus", "1024", "--pp", "4", "--ep", "1", "--schedules",
        "1f1b,zb1p", "--micro-batches", "1", "--node-limits", "0", "--deadline-days", "400", "--quiet"};
    CliProcess.Result local = CliProcess.run(Duration.ofMinutes(3), search);
    assertEquals(0, local.exitCode(), local.stderr());
    String[] onSpark = java.util.Arrays.copyOf(search, search.length + 1);
    onSpark[search.length - 1] = "--spark";
    onSpark[search.length] = "local[2]";
    CliProcess.Result spark = CliProcess.run(Duration.ofMinutes(4), onSpark);
    assertEquals(0, spark.exitCode(), spark.stderr());
    assertEquals(local.stdout(), spark.stdout(), "the same search text, byte for byte");
    assertTrue(local.stdout().contains("1f1b mb1 limit none [the scenario's layout]"), local.stdout());
    assertTrue(spark.stderr().contains("search on Spark: 2 of 2 tasks done"), spark.stderr());
    Path report = dir.resolve("search-report");
    String[] fast = java.util.Arrays.copyOf(search, search.length + 3);
    fast[search.length] = "--main-step-only";
    fast[search.length + 1] = "--report";
    fast[search.length + 2] = report.toString();
    CliProcess.Result ranked = CliProcess.run(Duration.ofMinutes(3), fast);
    assertEquals(0, ranked.exitCode(), ranked.stderr());
    assertTrue(ranked.stdout().contains("not planned in full (--main-step-only)")
        && !ranked.stdout().contains("planned in full, as plan prices it"), ranked.stdout());
    String markdown = readString(report.resolve("report.md"));
    assertTrue(markdown.contains("1f1b mb1 limit none \\[the scenario's layout\\]"), "the report's table marks it too");
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void impossibleSearchInputIsRefused() {
    CliProcess.Result r = CliProcess.run("search", "--gpus", "2048", "--deadline-days", "-3");
    assertEquals(2, r.exitCode());
    assertEquals("hourglass: --deadline-days: must be positive, got -3.0", r.stderr().strip());
  }
}
