package org.hourglass.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.hourglass.dualpipe.Execution;
import org.hourglass.dualpipe.Op;
import org.hourglass.dualpipe.Pass;
import org.hourglass.dualpipe.Task;
import org.hourglass.dualpipe.TimedOp;
import org.hourglass.sim.SimTime;
import org.hourglass.sim.SpanLog;

/**
 * TIMELINE chart specs from what the simulator ran: a pipeline schedule's execution (ranks as
 * rows, as in DualPipe's README figure and {@link PipelineTimelinePicture}) or any resources of an
 * engine span log. Times are shown in the largest of ns, µs, ms and s that keeps the step's end at 1 or more.
 */
public final class TimelineCharts {
  private TimelineCharts() {}

  /** A unit of simulated time for axes: its name and how many picoseconds it holds. */
  record TimeUnit(String name, long ps) {
    static TimeUnit fitting(long maxPs) {
      if (maxPs >= SimTime.PS_PER_S) {
        return new TimeUnit("s", SimTime.PS_PER_S);
      }
      if (maxPs >= SimTime.PS_PER_MS) {
        return new TimeUnit("ms", SimTime.PS_PER_MS);
      }
      return maxPs >= SimTime.PS_PER_US ? new TimeUnit("µs", SimTime.PS_PER_US) : new TimeUnit("ns", SimTime.PS_PER_NS);
    }

    double of(long ps) {
      return ps / (double) this.ps;
    }
  }

  /** The pipeline schedule as it ran: one row per rank, each op a span labelled with its micro-batch, coloured by pass and chunk. */
  public static Chart of(String id, Execution run) {
    TimeUnit unit = TimeUnit.fitting(run.makespanPs());
    List<String> rows = new ArrayList<>();
    List<Chart.TimelineSpan> spans = new ArrayList<>();
    for (int rank = 0; rank < run.timelines().size(); rank++) {
      String row = "Device " + rank;
      rows.add(row);
      for (TimedOp timed : run.timelines().get(rank)) {
        spans.add(new Chart.TimelineSpan(row, unit.of(timed.startPs()), unit.of(timed.endPs()), label(timed.op()), group(timed.op())));
      }
    }
    String title = String.format("%s: %d ranks, %d micro-batches", run.schedule().kind().displayName(),
        run.schedule().ranks(), run.schedule().microBatches());
    return Chart.timeline(id, title, new Chart.Axis("time", unit.name()), new Chart.Axis("rank", ""), rows, spans);
  }

  private static String label(Op op) {
    return op.isOverlapped() ? op.first().microBatch() + "/" + op.second().microBatch() : Integer.toString(op.first().microBatch());
  }

  /** The timeline group of an op: F, B, B*, W (with " (chunk 1)" for the second chunk or direction) or F&amp;B. */
  static String group(Op op) {
    if (op.isOverlapped()) {
      return "F&B";
    }
    Task task = op.first();
    String letter = task.pass() == Pass.BACKWARD_INPUT ? "B*" : task.pass().letter();
    return task.chunk() > 0 && task.pass() != Pass.WEIGHT ? letter + " (chunk 1)" : letter;
  }

  /**
   * The spans of the resources of {@code log} that {@code resources} accepts, one row per resource
   * in registration order, coloured by the resource's stream (the part after the last '/').
   */
  public static Chart of(String id, String title, SpanLog log, Predicate<String> resources) {
    return of(id, title, log, resources, span -> stream(span.resource()));
  }

  /** As {@link #of(String, String, SpanLog, Predicate)}, with the colour group of each span chosen by {@code group}. */
  public static Chart of(String id, String title, SpanLog log, Predicate<String> resources, Function<SpanLog.Span, String> group) {
    List<SpanLog.Span> kept = log.spans().stream().filter(s -> resources.test(s.resource())).toList();
    TimeUnit unit = TimeUnit.fitting(kept.stream().mapToLong(SpanLog.Span::endPs).max().orElse(0));
    List<String> rows = log.resources().stream().filter(resources).toList();
    List<Chart.TimelineSpan> spans = kept.stream()
        .map(s -> new Chart.TimelineSpan(s.resource(), unit.of(s.startPs()), unit.of(s.endPs()), s.label(), group.apply(s)))
        .toList();
    return Chart.timeline(id, title, new Chart.Axis("time", unit.name()), new Chart.Axis("resource", ""), rows, spans);
  }

  private static String stream(String resource) {
    return resource.substring(resource.lastIndexOf('/') + 1);
  }
}
