package org.hourglass.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hourglass.scenarios.PlanResult;
import org.hourglass.scenarios.Scenario;
import org.hourglass.scenarios.ScenarioLoader;
import org.hourglass.scenarios.Sweep;
import org.junit.jupiter.api.Test;

class SweepReportTest {
  private static final Scenario DEFAULT = ScenarioLoader.load(ScenarioLoader.DEFAULT);

  private static Sweep.Point planned(Map<String, String> settings, double gpuHours) {
    return new Sweep.Point(settings, new PlanResult(DEFAULT, List.of(), gpuHours, 40, 2 * gpuHours, 0.4, 0.2), null);
  }

  private static Map<String, String> at(String... pathValue) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 0; i < pathValue.length; i += 2) {
      settings.put(pathValue[i], pathValue[i + 1]);
    }
    return settings;
  }

  @Test
  void aNumericAxisIsALinePerCombinationWithThePublishedPointAtTheScenariosOwnValue() {
    Map<String, List<String>> axes = new LinkedHashMap<>();
    axes.put("cluster.gpus", List.of("1024", "2048"));
    axes.put("plan.nodeLimit", List.of("2", "4"));
    List<Sweep.Point> points = List.of(
        new Sweep.Point(at("cluster.gpus", "1024", "plan.nodeLimit", "2"), null, "plan: does not fit"),
        new Sweep.Point(at("cluster.gpus", "1024", "plan.nodeLimit", "4"), null, "plan: does not fit"),
        planned(at("cluster.gpus", "2048", "plan.nodeLimit", "2"), 2.0e6),
        planned(at("cluster.gpus", "2048", "plan.nodeLimit", "4"), 2.2e6));
    Report report = SweepReport.of(ScenarioLoader.DEFAULT, DEFAULT, axes, points, "test");
    Chart chart = report.charts().get(0);
    assertEquals(ChartKind.LINE, chart.kind());
    assertEquals(List.of(1024.0, 2048.0), chart.xValues());
    assertEquals(List.of("plan.nodeLimit=2", "plan.nodeLimit=4"), chart.series().stream().map(Chart.Series::label).toList());
    assertNull(chart.series().get(0).values().get(0), "a refused point is a gap");
    assertEquals(2.2e6, chart.series().get(1).values().get(1));
    Chart.Marker published = chart.markers().get(0);
    assertEquals(2048.0, published.x(), "cluster.gpus is left to its default in the file; the loaded scenario has 2048");
    assertEquals(2_788_000.0, published.y());
    Table table = (Table) report.sections().get(0).blocks().get(1);
    assertEquals("plan: does not fit", table.rows().get(0).get(6).text());
    assertEquals(2.0e6, table.rows().get(2).get(2).number());
    assertTrue(report.inputs().value("sweep").orElseThrow().contains("4 points"));
  }

  @Test
  void aTextAxisIsBarsWithThePublishedTotalAsALineAndAWhatIfHasNoPublishedMark() {
    Map<String, List<String>> axes = Map.of("plan.schedule", List.of("dualpipe", "1f1b"));
    List<Sweep.Point> points = List.of(planned(at("plan.schedule", "dualpipe"), 2.2e6), planned(at("plan.schedule", "1f1b"), 2.9e6));
    Chart bars = SweepReport.of(ScenarioLoader.DEFAULT, DEFAULT, axes, points, "test").charts().get(0);
    assertEquals(ChartKind.BAR, bars.kind());
    assertEquals(List.of("dualpipe", "1f1b"), bars.categories());
    assertNull(bars.markers().get(0).x());
    Scenario whatIf = ScenarioLoader.load("dsv3-bf16");
    assertTrue(SweepReport.of("dsv3-bf16", whatIf, axes, points, "test").charts().get(0).markers().isEmpty(),
        "the published figure belongs to the published scenario only");
  }

  @Test
  void aNumericButDiscreteAxisLikeTheNodeLimitIsBarsNotALine() {
    Map<String, List<String>> axes = Map.of("plan.nodeLimit", List.of("1", "2", "4"));
    List<Sweep.Point> points = List.of(planned(at("plan.nodeLimit", "1"), 2.0e6), planned(at("plan.nodeLimit", "2"), 2.1e6),
        planned(at("plan.nodeLimit", "4"), 2.2e6));
    Chart bars = SweepReport.of(ScenarioLoader.DEFAULT, DEFAULT, axes, points, "test").charts().get(0);
    assertEquals(ChartKind.BAR, bars.kind(), "node limit 3 is not between 2 and 4 in any sense a line claims");
    assertEquals(List.of("1", "2", "4"), bars.categories());
  }
}
