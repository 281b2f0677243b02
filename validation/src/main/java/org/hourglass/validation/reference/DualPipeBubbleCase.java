package org.hourglass.validation.reference;

import java.util.ArrayList;
import java.util.List;
import org.hourglass.dualpipe.BubbleFormula;
import org.hourglass.dualpipe.Durations;
import org.hourglass.dualpipe.Execution;
import org.hourglass.dualpipe.Schedule;
import org.hourglass.dualpipe.ScheduleExecutor;
import org.hourglass.dualpipe.ScheduleKind;
import org.hourglass.dualpipe.Schedules;

/**
 * The bubble table of the DeepSeek-V3 report (table 2) and the DualPipe README: the simulated largest
 * per-rank idle time of a generated schedule run on the engine, against the table's closed form at the
 * same chunk durations (F = 1, B = 2, W = 1, F&amp;B = 3 or 2.2 units, zero hand-off latency; the forms
 * are exact for W = F). The W = 0.5 row shows the DualPipe form is an approximation when W differs from F.
 */
public final class DualPipeBubbleCase implements ReferenceCase {
  private record Row(ScheduleKind kind, int ranks, int microBatches, double f, double b, double w, double fb) {}

  private static final List<Row> ROWS = List.of(
      new Row(ScheduleKind.ONE_F_ONE_B, 8, 20, 1, 2, 1, Double.NaN),
      new Row(ScheduleKind.ZB1P, 8, 20, 1, 2, 1, Double.NaN),
      new Row(ScheduleKind.DUALPIPE, 8, 20, 1, 2, 1, 3),
      new Row(ScheduleKind.DUALPIPE, 16, 32, 1, 2, 1, 3),
      new Row(ScheduleKind.DUALPIPE, 8, 20, 1, 2, 1, 2.2),
      new Row(ScheduleKind.DUALPIPE, 8, 20, 1, 2, 0.5, 2.5));

  @Override
  public String table() {
    return "DualPipe bubble table";
  }

  @Override
  public String source() {
    return "DeepSeek-V3 report (arXiv 2412.19437) table 2; github deepseek-ai/DualPipe README";
  }

  @Override
  public List<Comparison> compare() {
    List<Comparison> out = new ArrayList<>();
    for (Row r : ROWS) {
      Durations d = Durations.ofUnits(r.f, r.b, r.w, r.fb, 0);
      Schedule s = Schedules.generate(r.kind, r.ranks, r.microBatches);
      Execution e = ScheduleExecutor.run(s, d);
      double formula = Durations.toUnits(BubbleFormula.bubblePs(s, d).orElseThrow());
      String name = String.format("%s bubble, PP=%d, %d micro-batches, F=%s B=%s W=%s F&B=%s", r.kind.displayName(), r.ranks,
          r.microBatches, r.f, r.b, r.w, Double.isNaN(r.fb) ? "F+B" : r.fb);
      out.add(Comparison.of(name, table(), Durations.toUnits(e.maxBubblePs()), formula, "chunk units", source()));
    }
    return out;
  }
}
