package org.hourglass.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hourglass.scenarios.Scenario;
import org.hourglass.sim.SpanLog;

/**
 * The timeline section of a plan report: one simulated step of one pipeline replica, a row per
 * pipeline rank and stream (compute, comm), as in DualPipe's README figure, with a link to the
 * full trace. A row is drawn at about a pixel's resolution ({@link #binned}), so the picture
 * holds a few thousand spans where the step has tens of thousands; the trace keeps every span.
 */
final class StepTimeline {
  /** Bins per step a row is drawn at: about one per pixel of the plot. */
  static final int BINS = 1000;

  private StepTimeline() {}

  static Section section(Scenario s, SpanLog replica) {
    int dp = s.plan().dp();
    Map<String, List<SpanLog.Span>> rows = rows(replica, dp);
    int replicaIndex = replica.resources().isEmpty() ? 0 : gpuOf(replica.resources().get(0)) % dp;
    return Section.builder("One simulated step")
        .paragraph(String.format("The main pre-training step as simulated on pipeline replica %d: GPU rank x %d + %d of "
            + "each pipeline rank, its compute and communication streams. Every GPU of the cluster was simulated; %,d "
            + "spans of this replica were kept. F and B are forward and backward chunks, B* the input-gradient half of "
            + "a split backward, W the weight gradients, F&B forward and backward chunks overlapped, comm the expert all-to-all; "
            + "each row is drawn at %d bins per step, a bin showing what kept the stream busy most of it.", replicaIndex, dp, replicaIndex,
            replica.spans().size(), BINS))
        .paragraph(whyEndsDiffer(s))
        .block(chart(s, rows))
        .block(new TraceRef(ReportWriter.TRACE_FILE, "Every kept span of the step (GPUs as processes, compute and comm "
            + "streams as threads); open it in ui.perfetto.dev beside DeepSeek's published profile data."))
        .build();
  }

  /** Why the first and last rows of the timeline do not look alike. */
  static String whyEndsDiffer(Scenario s) {
    boolean bidirectional = s.plan().schedule().name().startsWith("DUALPIPE");
    String flow = bidirectional
        ? "DualPipe feeds micro-batches from both ends at once, so rank 0 and the last rank are mirror images: each runs the"
            + " first stage of one direction and the last stage of the other, and the bubbles sit in the middle ranks' warm-up"
            + " and drain."
        : "Rank 0 starts at once while the last rank waits for the first micro-batch to cross every stage; in the drain it"
            + " is the other way round, so the idle time sits at the start of the last rows and at the end of the first.";
    return "Why the first and last ranks differ: " + flow + " The first stage also holds the embedding and the last the output"
        + " head" + (s.model().mtpDepth() > 0 ? " and the MTP module" : "") + ", which the layer split balances by giving them fewer"
        + " transformer blocks.";
  }

  /** Each resource's spans in time order, under its row name, rows in the order the simulation registered them. */
  private static Map<String, List<SpanLog.Span>> rows(SpanLog log, int dp) {
    Map<String, List<SpanLog.Span>> rows = new LinkedHashMap<>();
    log.resources().forEach(r -> rows.put(rowName(r, dp), new ArrayList<>()));
    log.spans().forEach(span -> rows.get(rowName(span.resource(), dp)).add(span));
    rows.values().forEach(spans -> spans.sort((a, b) -> Long.compare(a.startPs(), b.startPs())));
    return rows;
  }

  private static String rowName(String resource, int dp) {
    String stream = resource.substring(resource.lastIndexOf('/') + 1);
    return "rank " + gpuOf(resource) / dp + (stream.equals("compute") ? "" : " " + stream);
  }

  private static int gpuOf(String resource) {
    return Integer.parseInt(resource.substring(3, resource.indexOf('/')));
  }

  private static Chart chart(Scenario s, Map<String, List<SpanLog.Span>> rows) {
    long endPs = rows.values().stream().flatMap(List::stream).mapToLong(SpanLog.Span::endPs).max().orElse(0);
    TimelineCharts.TimeUnit unit = TimelineCharts.TimeUnit.fitting(endPs);
    long binPs = Math.max(1, (endPs + BINS - 1) / BINS);
    List<Chart.TimelineSpan> spans = new ArrayList<>();
    rows.forEach((row, list) -> spans.addAll(binned(row, list, binPs, unit)));
    String title = String.format("%s, %d ranks: one step of one pipeline replica", s.plan().schedule().displayName(),
        s.plan().pp());
    return Chart.timeline("step-timeline", title, new Chart.Axis("time", unit.name()), new Chart.Axis("rank (compute, comm)", ""),
        List.copyOf(rows.keySet()), spans);
  }

  /**
   * The row drawn at {@link #BINS} bins per step: each bin takes the group that kept the stream busy
   * longest in it, or F&amp;B when forward and backward work each took a tenth of its busy time (DualPipe's
   * overlapped chunks), or nothing when the stream was busy less than half of it; runs of equal bins become one span.
   */
  static List<Chart.TimelineSpan> binned(String row, List<SpanLog.Span> spans, long binPs, TimelineCharts.TimeUnit unit) {
    List<Chart.TimelineSpan> out = new ArrayList<>();
    String[] bins = new BinnedRow(binPs).fill(spans).groups();
    int i = 0;
    while (i < bins.length) {
      int j = i + 1;
      while (j < bins.length && Objects.equals(bins[j], bins[i])) {
        j++;
      }
      if (bins[i] != null) {
        out.add(new Chart.TimelineSpan(row, unit.of(i * binPs), unit.of(j * binPs), bins[i], bins[i]));
      }
      i = j;
    }
    return out;
  }

  /**
   * The timeline colour group of a step span's label ({@code F0}, {@code B1}, {@code B0*}, {@code W},
   * or any of them followed by {@code a2a} for the expert all-to-all): F, B, B*, W with
   * " (chunk 1)" for the second chunk, or comm.
   */
  static String group(String label) {
    if (label.endsWith(" a2a")) {
      return "comm";
    }
    if (label.equals("W")) {
      return "W";
    }
    String pass = label.endsWith("*") ? label.charAt(0) + "*" : label.substring(0, 1);
    return label.charAt(1) == '0' ? pass : pass + " (chunk 1)";
  }
}
