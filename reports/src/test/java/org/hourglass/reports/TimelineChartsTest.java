package org.hourglass.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hourglass.dualpipe.DualPipeSchedule;
import org.hourglass.dualpipe.Durations;
import org.hourglass.dualpipe.Execution;
import org.hourglass.dualpipe.ScheduleExecutor;
import org.hourglass.sim.SimTime;
import org.hourglass.sim.SpanLog;
import org.junit.jupiter.api.Test;

class TimelineChartsTest {
  @Test
  void aDualPipeRunBecomesOneRowPerRankWithEveryOp() {
    Execution run = ScheduleExecutor.run(DualPipeSchedule.generate(8, 20), Durations.ofUnits(1, 2, 1, 3, 0));
    Chart chart = TimelineCharts.of("dualpipe", run);
    assertEquals(8, chart.categories().size());
    assertEquals(run.timelines().stream().mapToInt(List::size).sum(), chart.spans().size());
    Set<String> groups = chart.spans().stream().map(Chart.TimelineSpan::group).collect(Collectors.toSet());
    assertTrue(groups.containsAll(Set.of("F", "F (chunk 1)", "B", "W", "F&B")), groups.toString());
    double end = chart.spans().stream().mapToDouble(Chart.TimelineSpan::end).max().orElseThrow();
    assertEquals(run.makespanPs() / (double) SimTime.PS_PER_US, end, 1e-9, "Durations' units are microseconds");
    assertEquals("µs", chart.x().unit());
  }

  @Test
  void spanLogResourcesBecomeRowsInRegistrationOrder() {
    SpanLog log = new SpanLog();
    int comm = log.resource("gpu1/comm");
    int compute = log.resource("gpu0/compute");
    int link = log.resource("link/ib0");
    log.record(compute, 0, 3 * SimTime.PS_PER_MS, "gemm");
    log.record(comm, SimTime.PS_PER_MS, 2 * SimTime.PS_PER_MS, "dispatch");
    log.record(link, 0, SimTime.PS_PER_MS, "bytes");
    Chart chart = TimelineCharts.of("gpus", "GPUs", log, r -> r.startsWith("gpu"));
    assertEquals(List.of("gpu1/comm", "gpu0/compute"), chart.categories());
    assertEquals("ms", chart.x().unit());
    assertEquals(List.of("compute", "comm"), chart.spans().stream().map(Chart.TimelineSpan::group).toList());
    assertEquals(3.0, chart.spans().get(0).end());
  }

  @Test
  void theTimeUnitKeepsTheEndAtOneOrMore() {
    assertEquals("ns", TimelineCharts.TimeUnit.fitting(999_999).name());
    assertEquals("µs", TimelineCharts.TimeUnit.fitting(SimTime.PS_PER_US).name());
    assertEquals("s", TimelineCharts.TimeUnit.fitting(12 * SimTime.PS_PER_S).name());
  }
}
