package org.hourglass.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hourglass.scenarios.PhaseResult;
import org.hourglass.scenarios.PlanResult;
import org.hourglass.scenarios.Scenario;
import org.hourglass.scenarios.ScenarioLoader;
import org.hourglass.sim.SpanLog;
import org.junit.jupiter.api.Test;

/** The parts of a plan report that need no simulation: phase grouping, span colours, binning. */
class PlanReportPartsTest {
  @Test
  void aScenarioThePublishedTableDoesNotDescribeGetsNoPublishedFigures() {
    Scenario other = ScenarioLoader.load("dsv3-1f1b");
    PlanResult plan = new PlanResult(other, List.of(phase("pre-training", 100), phase("context extension 32K", 7),
        phase("context extension 128K", 5), phase("post-training", 1)), 113, 1, 226, 0.4, 0.2);
    List<PlanSummary.PhaseGroup> groups = PlanSummary.groups(plan);
    assertEquals(List.of("pre-training", "context extension (32K + 128K)", "post-training"),
        groups.stream().map(PlanSummary.PhaseGroup::name).toList());
    assertEquals(12, groups.get(1).gpuHours());
    assertTrue(groups.stream().allMatch(g -> g.publishedGpuHours() == null));
    Section cost = PlanSummary.section(plan);
    Chart hours = (Chart) cost.blocks().stream().filter(b -> b instanceof Chart c && c.id().equals("gpu-hours-per-phase"))
        .findFirst().orElseThrow();
    assertEquals(1, hours.series().size(), "no published series to compare with");
    Table phases = (Table) cost.blocks().stream().filter(b -> b instanceof Table).findFirst().orElseThrow();
    assertEquals("context extension (32K + 128K), together", phases.rows().get(3).get(0).text(), "right after the context phases");
    assertNull(phases.rows().get(3).get(6).number());
    assertNull(PlanSummary.errorPercent(100, null));
    assertEquals(-50, PlanSummary.errorPercent(50, 100.0), 1e-12);
  }

  private static PhaseResult phase(String name, double gpuHours) {
    return new PhaseResult(name, 1e9, 10, 1, gpuHours, List.of(), List.of());
  }

  @Test
  void spanLabelsMapToTheTimelineColourGroups() {
    assertEquals("F", StepTimeline.group("F0"));
    assertEquals("F (chunk 1)", StepTimeline.group("F1"));
    assertEquals("B", StepTimeline.group("B0"));
    assertEquals("B* (chunk 1)", StepTimeline.group("B1*"));
    assertEquals("W", StepTimeline.group("W"));
    assertEquals("comm", StepTimeline.group("B1 a2a"));
  }

  @Test
  void binsShowTheBusiestGroupOverlapAsFAndBAndNearIdleAsNothing() {
    SpanLog log = new SpanLog();
    int r = log.resource("gpu0/compute");
    log.record(r, 0, 90, "F0");
    log.record(r, 100, 140, "F0");
    log.record(r, 140, 200, "B1");
    log.record(r, 200, 230, "B0");
    log.record(r, 300, 380, "W");
    assertArrayEquals(new String[] {"F", "F&B", null, "W"}, new BinnedRow(100).fill(log.spans()).groups());
  }

  @Test
  void equalNeighbouringBinsBecomeOneSpan() {
    SpanLog log = new SpanLog();
    int r = log.resource("gpu0/compute");
    log.record(r, 0, 250, "B0");
    log.record(r, 400, 500, "F1");
    List<Chart.TimelineSpan> spans = StepTimeline.binned("rank 0", log.spans(), 100, new TimelineCharts.TimeUnit("ns", 1000));
    assertEquals(2, spans.size(), spans.toString());
    assertEquals("B", spans.get(0).group());
    assertEquals(0.3, spans.get(0).end(), 1e-12, "the half-busy third bin still counts as B");
    assertEquals("F (chunk 1)", spans.get(1).group());
  }
}
