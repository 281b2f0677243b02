package org.hourglass.reports;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hourglass.reports.Chart.Axis;
import org.hourglass.reports.Chart.Marker;
import org.hourglass.reports.Chart.Series;
import org.hourglass.reports.Chart.TimelineSpan;

/**
 * A report with one block of every kind and one chart of every kind, for renderer tests. Its
 * numbers are test data for the drawing code, not simulation results; only the marked
 * "DeepSeek published" point (2.788M H800 GPU-hours, DeepSeek-V3 report) is a published figure.
 */
final class SampleReports {
  private SampleReports() {}

  static Report full() {
    return new Report("Training plan: DeepSeek-V3 on 2048 x H800", inputs(), List.of(cost(), step(), memory(), traffic()));
  }

  static Inputs inputs() {
    return Inputs.builder("deepseek-v3-h800", Inputs.sha256Hex("scenario: test".getBytes(StandardCharsets.UTF_8)))
        .model("DeepSeek-V3 (671B total, 37B activated)")
        .cluster("2048 x H800 SXM, 8 per node, 400 Gb/s InfiniBand per GPU")
        .plan("PP16 EP64 DP128, ZeRO-1, DualPipe, 20 micro-batches")
        .calibration("datasheet-only", List.of("NVIDIA H800 datasheet", "DeepEP README (normal kernels)"))
        .simulatorVersion("0.1.0-SNAPSHOT")
        .seed(42)
        .build();
  }

  static Section cost() {
    Table phases = Table.builder("GPU-hours and cost per phase")
        .textColumn("phase")
        .numberColumn("GPU-hours", "GPU h", "#,##0")
        .numberColumn("cost", "USD", "#,##0")
        .row("pre-training", 2_664_000, 5_328_000)
        .row("context extension", 119_000, 238_000)
        .row("post-training | SFT+RL", 5_000, 10_000)
        .row("total", 2_788_000, null)
        .build();
    Chart bars = Chart.bar("cost-per-phase", "GPU-hours per phase", new Axis("phase", ""), new Axis("GPU-hours", "GPU h"),
        List.of("pre-training", "context extension", "post-training"),
        List.of(Series.of("GPU-hours", 2_664_000, 119_000, 5_000)));
    Chart sweep = Chart.line("sweep-gpus", "GPU-hours against cluster size", new Axis("GPUs", ""),
            new Axis("GPU-hours", "M GPU h"), List.of(1024.0, 2048.0, 4096.0),
            List.of(Series.of("simulated", 2.70, 2.79, 2.95)))
        .withMarker(Marker.point("DeepSeek published", 2048, 2.788));
    return Section.builder("Cost <&> \"phases\"")
        .paragraph("Pre-training dominates; the published total is marked on the sweep.")
        .block(phases).block(bars).block(sweep).build();
  }

  static Section step() {
    Chart breakdown = Chart.stackedBar("step-breakdown", "Step time breakdown", new Axis("schedule", ""), new Axis("time", "s"),
        List.of("DualPipe", "1F1B"),
        List.of(Series.of("compute: GEMM", 9.0, 9.0), Series.of("compute: attention", 2.0, 2.0),
            Series.of("exposed communication", 0.5, 3.0), Series.of("bubble", 0.8, 2.5),
            Series.of("straggler wait", 0.2, 0.2)));
    List<TimelineSpan> spans = new ArrayList<>();
    for (int rank = 0; rank < 4; rank++) {
      for (int mb = 0; mb < 4; mb++) {
        double start = rank + mb * 3.0;
        spans.add(new TimelineSpan("rank " + rank, start, start + 1, Integer.toString(mb), "F"));
        spans.add(new TimelineSpan("rank " + rank, start + 1, start + 3, Integer.toString(mb), "B"));
      }
    }
    Chart timeline = Chart.timeline("step-timeline", "One step as simulated", new Axis("time", "ms"), new Axis("rank", ""),
        List.of("rank 0", "rank 1", "rank 2", "rank 3"), spans);
    return Section.builder("Step time")
        .block(breakdown).block(timeline)
        .block(new TraceRef("trace.json", "Every GPU's compute and communication in one simulated step."))
        .build();
  }

  static Section memory() {
    Chart memory = Chart.stackedBar("memory", "Memory per GPU by pipeline stage", new Axis("stage", ""), new Axis("memory", "GB"),
        List.of("stage 0", "stage 1", "stage 15"),
        List.of(Series.of("parameters", 20, 22, 21), Series.of("gradients", 10, 11, 10),
            Series.of("optimizer states", 8, 8, 8), Series.of("activations", 25, 18, 6)))
        .withMarker(Marker.horizontal("HBM capacity 80 GB", 80));
    return Section.builder("Memory").block(memory).build();
  }

  static Section traffic() {
    int n = 8;
    List<String> columns = new ArrayList<>();
    List<Series> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      columns.add("gpu" + i);
    }
    for (int src = 0; src < n; src++) {
      double[] bytes = new double[n];
      for (int dst = 0; dst < n; dst++) {
        bytes[dst] = src == dst ? 0 : (src / 4 == dst / 4 ? 4.0 : 1.0) + 0.1 * ((src + dst) % 3);
      }
      rows.add(Series.of("gpu" + src, bytes));
    }
    Chart heat = Chart.heatMap("all-to-all", "All-to-all traffic, one dispatch", new Axis("destination", ""),
        new Axis("source", ""), new Axis("traffic", "MB"), columns, rows);
    return Section.builder("All-to-all traffic").block(heat).build();
  }
}
