package org.hourglass.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hourglass.scenarios.PhaseResult;
import org.hourglass.scenarios.PlanResult;
import org.hourglass.scenarios.ReplicaTrace;
import org.hourglass.scenarios.Scenario;
import org.hourglass.scenarios.ScenarioLoader;
import org.hourglass.parallelism.StepReport;
import org.hourglass.scenarios.TrainingRunPlanner;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.hourglass.sim.SimTime;
import org.hourglass.sim.SpanLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan report of the real default plan (DeepSeek-V3 on 2048 H800, run once for the class, with
 * pipeline replica 0 traced): every number in it is checked against the plan it came from.
 */
class PlanReportTest {
  private static Scenario scenario;
  private static PlanResult plan;
  private static SpanLog trace;
  private static Report report;
  @TempDir Path dir;

  @BeforeAll
  static void planTheDefaultRunOnce() {
    scenario = ScenarioLoader.load(ScenarioLoader.DEFAULT);
    TrainingRunPlanner planner = new TrainingRunPlanner(scenario, Fp8ComputeCosts::new);
    plan = planner.plan();
    trace = ReplicaTrace.mainStep(planner, scenario, 0);
    report = PlanReport.of(plan, trace, "test-version", PlanReport.Calibration.none(scenario));
  }

  @Test
  void inputsNameTheScenarioItsHashAndEveryStandardLabel() {
    Inputs in = report.inputs();
    assertEquals(scenario.name(), in.scenario());
    assertEquals(scenario.sha256(), in.scenarioSha256());
    assertEquals(PlanReport.NO_CALIBRATION, in.value("calibration profile").orElseThrow());
    assertTrue(in.value("calibration sources").orElseThrow().contains(scenario.cluster().ibSource()));
    assertEquals("test-version", in.value("simulator version").orElseThrow());
    assertEquals(Long.toString(scenario.seed()), in.value("seed").orElseThrow());
    assertTrue(in.value("plan").orElseThrow().startsWith("PP16 EP64 DP128"), in.value("plan").orElseThrow());
    assertTrue(in.value("precision").orElseThrow().startsWith("FP8 GEMMs"));
    for (String label : List.of("model", "cluster", "price", "plan, context extension 1", "plan, context extension 2")) {
      assertTrue(in.value(label).isPresent(), label);
    }
  }

  @Test
  void phaseTableShowsEachPhaseBesidePublishedWithTheContextPhasesTogether() {
    Table phases = table("GPU-hours per phase, predicted beside published");
    for (PhaseResult p : plan.phases()) {
      assertEquals(p.gpuHours(), cell(phases, p.name(), "GPU-hours"), 1e-9);
    }
    double pre = plan.phase("pre-training").gpuHours();
    assertEquals(2_664_000, cell(phases, "pre-training", "published"));
    assertEquals(100 * (pre / 2_664_000 - 1), cell(phases, "pre-training", "error"), 1e-9);
    double context = plan.phase("context extension 32K").gpuHours() + plan.phase("context extension 128K").gpuHours();
    String together = "context extension (32K + 128K), together";
    assertEquals(context, cell(phases, together, "GPU-hours"), 1e-9);
    assertEquals(119_000, cell(phases, together, "published"));
    assertEquals(100 * (context / 119_000 - 1), cell(phases, together, "error"), 1e-9);
    assertNull(row(phases, "context extension 32K").get(column(phases, "published")).number(), "compared only together");
    assertEquals(plan.totalGpuHours(), cell(phases, "total", "GPU-hours"), 1e-9);
    assertEquals(plan.costUsd(), cell(phases, "total", "cost"), 1e-6);
  }

  @Test
  void runTotalsAreThePlansDaysCostAndMfu() {
    Table totals = table("The whole run");
    List<Cell> only = totals.rows().get(0);
    assertEquals(plan.days(), only.get(1).number(), 1e-12);
    assertEquals(plan.costUsd(), only.get(2).number(), 1e-6);
    assertEquals(100 * plan.mfuBf16(), only.get(3).number(), 1e-12);
  }

  @Test
  void gpuHoursAndCostChartsCarryThePublishedSeriesPerPublishedLine() {
    Chart hours = chart("gpu-hours-per-phase");
    assertEquals(List.of("pre-training", "context extension (32K + 128K)", "post-training"), hours.categories());
    assertEquals(List.of(2_664_000.0, 119_000.0, 5_000.0), hours.series().get(1).values());
    double sum = hours.series().get(0).values().stream().mapToDouble(Double::doubleValue).sum();
    assertEquals(plan.totalGpuHours(), sum, 1e-6 * sum);
    Chart cost = chart("cost-per-phase");
    assertEquals(List.of("GPU rental", "energy"), cost.series().stream().map(Chart.Series::label).toList(),
        "cost is rental and energy, not the GPU-hours chart times a price");
    PhaseResult pre = plan.phase("pre-training");
    assertEquals(pre.gpuHours() * scenario.usdPerGpuHour(), cost.series().get(0).values().get(0), 1e-6);
    var energy = scenario.energy().orElseThrow();
    assertEquals(plan.energy().itKwhByPhase().get("pre-training") * energy.pue() * energy.usdPerKwh(),
        cost.series().get(1).values().get(0), 1e-6);
  }

  @Test
  void everyStackedStepAddsUpToItsStepTime() {
    Chart breakdown = chart("step-breakdown");
    List<StepReport> steps = plan.phases().stream().flatMap(p -> p.representativeSteps().stream()).toList();
    assertEquals(steps.size(), breakdown.categories().size());
    for (int i = 0; i < steps.size(); i++) {
      int bar = i;
      double stacked = breakdown.series().stream().mapToDouble(s -> s.values().get(bar)).sum();
      assertEquals(steps.get(i).stepSeconds(), stacked, 1e-6 * stacked, breakdown.categories().get(i));
    }
    assertTrue(breakdown.categories().contains("main, 120 mb"), breakdown.categories().toString());
  }

  @Test
  void memoryBarsStayUnderTheHbmLineTheyAreDrawnAgainst() {
    Chart memory = chart("memory-per-gpu");
    double hbmGib = scenario.cluster().gpu().hbmBytes().value() / (1024.0 * 1024 * 1024);
    assertEquals(hbmGib, memory.markers().get(0).y(), 1e-9);
    assertEquals(scenario.plan().pp() / 2, memory.categories().size(), "DualPipe: rank r and its mirror hold the same stages");
    for (int rank = 0; rank < memory.categories().size(); rank++) {
      int r = rank;
      double total = memory.series().stream().mapToDouble(s -> s.values().get(r)).sum();
      assertTrue(total > 10 && total <= hbmGib, "rank " + rank + ": " + total + " GiB");
    }
  }

  @Test
  void timelineShowsEveryRankOfOneReplicaWithinTheStepInAFewThousandSpans() {
    Chart timeline = chart("step-timeline");
    assertEquals(2 * scenario.plan().pp(), timeline.categories().size());
    assertEquals("rank 0", timeline.categories().get(0));
    assertEquals("rank 15 comm", timeline.categories().get(timeline.categories().size() - 1));
    long lastPs = trace.spans().stream().mapToLong(SpanLog.Span::endPs).max().orElseThrow();
    double stepSeconds = plan.mainStep().stepSeconds();
    assertTrue(timeline.spans().stream().allMatch(s -> s.start() >= 0 && s.end() <= stepSeconds * 1.01));
    assertTrue(SimTime.toSeconds(lastPs) <= stepSeconds);
    assertTrue(timeline.spans().size() < 10_000 && timeline.spans().size() < trace.spans().size() / 5,
        timeline.spans().size() + " drawn for " + trace.spans().size() + " traced");
    assertTrue(timeline.spans().stream().anyMatch(s -> s.group().equals("F&B")), "DualPipe overlaps forward and backward");
  }

  @Test
  void theWrittenTraceIsAFewMegabytesAndPassesTheSchemaCheck() throws Exception {
    List<Path> written = ReportWriter.write(report, dir, trace);
    Path traceFile = dir.resolve(ReportWriter.TRACE_FILE);
    assertTrue(written.contains(traceFile));
    assertEquals(List.of(), TraceCheck.violations(traceFile));
    long bytes = Files.size(traceFile);
    assertTrue(bytes > 100_000 && bytes < 10_000_000, "trace.json is " + bytes + " bytes");
    assertTrue(Files.size(dir.resolve("report.json")) < 2_000_000, "the timeline is drawn at pixel resolution");
    assertTrue(Files.readString(dir.resolve("report.md")).contains("2,664,000"));
  }

  private Table table(String title) {
    return report.sections().stream().flatMap(s -> s.blocks().stream()).filter(Table.class::isInstance)
        .map(Table.class::cast).filter(t -> t.title().equals(title)).findFirst().orElseThrow();
  }

  private Chart chart(String id) {
    return report.charts().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  private static int column(Table table, String name) {
    for (int i = 0; i < table.columns().size(); i++) {
      if (table.columns().get(i).name().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no column " + name);
  }

  private static List<Cell> row(Table table, String first) {
    return table.rows().stream().filter(r -> first.equals(r.get(0).text())).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + first));
  }

  private static double cell(Table table, String rowName, String columnName) {
    Double value = row(table, rowName).get(column(table, columnName)).number();
    assertNotNull(value, rowName + " / " + columnName);
    return value;
  }
}
