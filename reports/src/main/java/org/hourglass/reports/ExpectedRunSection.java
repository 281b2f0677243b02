package org.hourglass.reports;

import java.util.ArrayList;
import java.util.List;
import org.hourglass.reliability.ExpectedRun;
import org.hourglass.scenarios.RunReliability;

/** The report's section on the run as it really goes: ideal against expected, the finish distribution, and days against checkpoint interval. */
final class ExpectedRunSection {
  private static final int BINS = 20;

  private ExpectedRunSection() {}

  static Section of(RunReliability.Expected e) {
    ExpectedRun.Summary s = e.summary();
    ExpectedRun.Finish f = s.finish();
    Table.Builder t = Table.builder("Ideal and expected run").textColumn("run").numberColumn("days", "d", "#,##0.0")
        .numberColumn("GPU-hours", "GPU h", "#,##0").numberColumn("cost", "USD", "#,##0");
    double ideal = e.idealDays() * 86_400;
    t.row("ideal (no failures, no checkpoints)", e.idealDays(), e.gpuHours(ideal), e.usd(ideal));
    t.row("expected, P50", e.days(f.p50Seconds()), e.gpuHours(f.p50Seconds()), e.usd(f.p50Seconds()));
    t.row("expected, P90", e.days(f.p90Seconds()), e.gpuHours(f.p90Seconds()), e.usd(f.p90Seconds()));
    t.row("expected, P99", e.days(f.p99Seconds()), e.gpuHours(f.p99Seconds()), e.usd(f.p99Seconds()));
    Table.Builder causes = Table.builder("Interruptions and lost time by component (means over the runs)").textColumn("component")
        .numberColumn("per 1000 node-days", "", "0.00").numberColumn("interruptions", "", "0.0")
        .numberColumn("GPU-hours redone", "", "#,##0").numberColumn("GPU-hours down", "", "#,##0").textColumn("source");
    for (int c = 0; c < s.spec().components().size(); c++) {
      var comp = s.spec().components().get(c);
      causes.row(comp.component(), comp.perThousandNodeDays() * s.spec().rateScale(), s.meanInterruptions()[c],
          e.gpuHours(s.meanLostSeconds()[c]), e.gpuHours(s.meanDownSeconds()[c]), comp.source());
    }
    return Section.builder("The run as it really goes")
        .paragraph(String.format("%d seeded runs of the whole plan on the engine, failures on each component's stream, %s: mean"
            + " goodput %.1f%%, %.1f interruptions. Checkpoints of %.1f TB every %.0f min (%s); the best interval on the engine"
            + " is %.0f min, Young's %.0f min, Daly's %.0f min. %s", s.runs(), e.fromScenario() ? "the scenario's reliability block"
            : "built-in reliability figures", 100 * s.meanGoodput(), s.meanTotalInterruptions(), e.checkpointBytes() / 1e12,
            s.spec().checkpointIntervalSeconds() / 60, s.spec().asynchronous() ? "asynchronous" : "synchronous",
            s.bestIntervalSeconds() / 60, s.youngSeconds() / 60, s.dalySeconds() / 60, s.spec().source()))
        .block(t.build()).block(causes.build()).block(finishes(e)).block(sweep(e)).build();
  }

  private static Chart finishes(RunReliability.Expected e) {
    double[] walls = e.summary().finishes();
    double lo = java.util.Arrays.stream(walls).min().orElseThrow();
    double hi = java.util.Arrays.stream(walls).max().orElseThrow();
    double width = Math.max((hi - lo) / BINS, 1);
    double[] counts = new double[BINS];
    for (double w : walls) {
      counts[Math.min(BINS - 1, (int) ((w - lo) / width))]++;
    }
    List<String> bins = new ArrayList<>();
    List<Double> shares = new ArrayList<>();
    for (int b = 0; b < BINS; b++) {
      bins.add(String.format("%.2f", e.days(lo + (b + 0.5) * width)));
      shares.add(100 * counts[b] / walls.length);
    }
    return Chart.bar("finish-distribution", "Days to finish over the seeded runs", new Chart.Axis("days to finish", "d"),
        new Chart.Axis("runs", "%"), bins, List.of(new Chart.Series("runs", shares)));
  }

  private static Chart sweep(RunReliability.Expected e) {
    List<Double> minutes = new ArrayList<>();
    List<Double> days = new ArrayList<>();
    for (ExpectedRun.IntervalPoint p : e.summary().sweep()) {
      minutes.add(p.intervalSeconds() / 60);
      days.add(e.days(p.meanWallSeconds()) - e.idealDays());
    }
    return Chart.line("days-against-checkpoint-interval", String.format("Days lost to failures and checkpoints against the"
        + " checkpoint interval (the scenario's: %.0f min)", e.summary().spec().checkpointIntervalSeconds() / 60),
        new Chart.Axis("checkpoint interval", "min"), new Chart.Axis("mean days beyond the ideal run", "d"), minutes,
        List.of(new Chart.Series("expected run", days)));
  }
}
