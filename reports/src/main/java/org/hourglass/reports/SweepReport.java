package org.hourglass.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hourglass.scenarios.PlanResult;
import org.hourglass.scenarios.PublishedReference;
import org.hourglass.scenarios.Scenario;
import org.hourglass.scenarios.ScenarioLoader;
import org.hourglass.scenarios.Sweep;

/**
 * The report of a sweep ({@code hourglass sweep --report}): every point's settings and plan (or why
 * it was refused) as a table, and total GPU-hours along the first axis, one line per combination of
 * the other axes, bars where the first axis is not numeric. On the published DeepSeek-V3 scenario
 * the report's published total is marked at the scenario's own value of the first axis.
 */
public final class SweepReport {
  private static final String CHART_ID = "sweep-gpu-hours";
  /** Numeric fields a scenario file may leave to their defaults, read from the loaded scenario instead. */
  private static final Map<String, java.util.function.Function<Scenario, Double>> DEFAULTED = Map.of(
      "cluster.gpus", s -> (double) s.cluster().gpus(),
      "plan.pp", s -> (double) s.plan().pp(),
      "plan.ep", s -> (double) s.plan().ep(),
      "plan.dp", s -> (double) s.plan().dp(),
      "plan.tp", s -> (double) s.plan().tp(),
      "plan.cp", s -> (double) s.plan().cp(),
      "plan.nodeLimit", s -> (double) s.plan().nodeLimit(),
      "plan.microBatchSequences", s -> (double) s.plan().microBatchSequences(),
      "plan.communicationSms", s -> (double) s.plan().communicationSms());

  private SweepReport() {}

  /**
   * The report of {@code points}, the sweep of {@code scenarioName} (loaded as {@code base}) over
   * {@code axes}, in the order {@link Sweep#product} gives them.
   */
  public static Report of(String scenarioName, Scenario base, Map<String, List<String>> axes, List<Sweep.Point> points,
      String simulatorVersion) {
    String axisList = String.join(" x ", axes.entrySet().stream().map(e -> e.getKey() + " = " + String.join(", ", e.getValue()))
        .toList());
    Inputs inputs = PlanReport.inputsBuilder(base, simulatorVersion, PlanReport.Calibration.none(base))
        .add("sweep", axisList + " (" + points.size() + " points, each planned in full)").build();
    Section results = Section.builder("Results")
        .paragraph("Each point is the base scenario with the point's settings applied; a point whose settings are "
            + "impossible keeps its reason instead of a number.")
        .block(table(axes, points))
        .block(chart(scenarioName, base, axes, points))
        .build();
    return new Report("Sweep of " + base.name() + ": " + String.join(", ", axes.keySet()), inputs, List.of(results));
  }

  private static Table table(Map<String, List<String>> axes, List<Sweep.Point> points) {
    Table.Builder t = Table.builder("Every point of the sweep");
    axes.keySet().forEach(t::textColumn);
    t.numberColumn("total", "GPU-hours", "#,##0").numberColumn("days", "d", "0.0").numberColumn("cost", "USD", "#,##0")
        .numberColumn("MFU", "% of BF16 peak", "0.0").textColumn("refusal");
    for (Sweep.Point p : points) {
      List<Object> row = new ArrayList<>(p.settings().values());
      PlanResult plan = p.plan();
      if (plan == null) {
        row.addAll(java.util.Arrays.asList(null, null, null, null, p.refusal()));
      } else {
        row.addAll(List.of(plan.totalGpuHours(), plan.days(), plan.costUsd(), 100 * plan.mfuBf16(), ""));
      }
      t.row(row.toArray());
    }
    return t.build();
  }

  private static Chart chart(String scenarioName, Scenario base, Map<String, List<String>> axes, List<Sweep.Point> points) {
    String first = axes.keySet().iterator().next();
    List<String> xs = axes.get(first);
    Map<String, List<Double>> lines = new LinkedHashMap<>();
    for (Sweep.Point p : points) {
      String others = others(p.settings(), first);
      lines.computeIfAbsent(others, k -> new ArrayList<>()).add(p.plan() == null ? null : p.plan().totalGpuHours());
    }
    List<Chart.Series> series = lines.entrySet().stream()
        .map(e -> new Chart.Series(e.getKey().isEmpty() ? "total GPU-hours" : e.getKey(), e.getValue())).toList();
    String title = "Total GPU-hours along " + first;
    Chart.Axis y = new Chart.Axis("total GPU-hours", "GPU-hours");
    List<Double> numeric = DISCRETE_AXES.contains(first) ? null : numbers(xs);
    if (numeric == null) {
      Chart bars = Chart.bar(CHART_ID, title, new Chart.Axis(first, ""), y, xs, series);
      return published(base).map(total -> bars.withMarker(Chart.Marker.horizontal(label(total), total))).orElse(bars);
    }
    Chart line = Chart.line(CHART_ID, title, new Chart.Axis(first, ""), y, numeric, series);
    Optional<Double> total = published(base);
    if (total.isEmpty()) {
      return line;
    }
    Optional<Double> baseX = ScenarioLoader.valueAt(scenarioName, first).flatMap(SweepReport::number)
        .or(() -> Optional.ofNullable(DEFAULTED.get(first)).map(field -> field.apply(base)));
    return line.withMarker(baseX.map(x -> Chart.Marker.point(label(total.get()), x, total.get()))
        .orElse(Chart.Marker.horizontal(label(total.get()), total.get())));
  }

  /**
   * Axes whose values are choices, not quantities: a node limit of 3 is not "between" 2 and 4 in any
   * sense a line would claim, so they get one bar per value.
   */
  private static final java.util.Set<String> DISCRETE_AXES = java.util.Set.of("plan.nodeLimit", "plan.schedule", "plan.pp",
      "plan.ep", "plan.tp", "plan.cp", "plan.virtualStages", "plan.microBatchSequences", "plan.communicationSms",
      "precision", "kernels", "cluster.gpu", "cluster.base");

  private static Optional<Double> published(Scenario base) {
    return PublishedReference.describes(base) ? Optional.of(PublishedReference.gpuHours("total")) : Optional.empty();
  }

  private static String label(double total) {
    return String.format("DeepSeek-V3 published total, %.3fM", total / 1e6);
  }

  private static String others(Map<String, String> settings, String first) {
    List<String> parts = new ArrayList<>();
    settings.forEach((path, value) -> {
      if (!path.equals(first)) {
        parts.add(path + "=" + value);
      }
    });
    return String.join(", ", parts);
  }

  private static List<Double> numbers(List<String> values) {
    List<Double> out = new ArrayList<>();
    for (String v : values) {
      Optional<Double> n = number(v);
      if (n.isEmpty()) {
        return null;
      }
      out.add(n.get());
    }
    return out;
  }

  private static Optional<Double> number(String text) {
    try {
      return Optional.of(Double.parseDouble(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
