package org.hourglass.reports;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.hourglass.scenarios.PhaseResult;
import org.hourglass.scenarios.PlanComparison;
import org.hourglass.scenarios.PlanResult;
import org.hourglass.scenarios.Scenario;

/**
 * The report of plans compared ({@code hourglass plan A B --report DIR}): each plan's inputs, every
 * compared figure with its change against the first plan, and charts per alternative: cost and
 * GPU-hours stacked by phase (each plan at its own price, so the two charts differ in shape), and
 * the main step stacked by where its time goes.
 */
public final class ComparisonReport {
  private ComparisonReport() {}

  public static Report of(PlanComparison comparison, String simulatorVersion) {
    List<PlanResult> plans = comparison.plans();
    Scenario base = plans.get(0).scenario();
    Inputs.Builder in = Inputs.builder(String.join(" vs ", plans.stream().map(p -> p.scenario().name()).toList()), base.sha256());
    for (int i = 0; i < plans.size(); i++) {
      Scenario s = plans.get(i).scenario();
      in.add("[" + (i + 1) + "] " + s.name(), s.cluster().fabricDescription() + "; " + PlanReport.plan(s.plan())
          + String.format("; $%.2f per GPU-hour (%s); scenario sha256 %s", s.usdPerGpuHour(), s.priceSource(), s.sha256())
          + s.cluster().extrapolation().map(x -> "; estimate: " + x).orElse(""));
    }
    in.simulatorVersion(simulatorVersion);
    Section table = Section.builder("Side by side")
        .paragraph("Changes are against [1], " + base.name() + ". Each plan is priced at its own GPU price; energy is at full"
            + " node load, an upper bound.")
        .block(table(comparison))
        .build();
    Section charts = Section.builder("Per alternative")
        .block(byPhase(plans, "cost-per-alternative", "Cost per alternative, by phase", "USD",
            PhaseResult::gpuHours, true))
        .block(byPhase(plans, "gpu-hours-per-alternative", "GPU-hours per alternative, by phase", "GPU h", PhaseResult::gpuHours, false))
        .block(mainStep(plans))
        .build();
    return new Report("Plans compared: " + String.join(", ", plans.stream().map(p -> p.scenario().name()).toList()),
        in.build(), List.of(table, charts));
  }

  private static Table table(PlanComparison comparison) {
    List<PlanResult> plans = comparison.plans();
    Table.Builder t = Table.builder("Every compared figure").textColumn("figure").textColumn("unit");
    for (int i = 0; i < plans.size(); i++) {
      t.numberColumn("[" + (i + 1) + "] " + plans.get(i).scenario().name(), "", "#,##0.##");
      if (i > 0) {
        t.numberColumn("change [" + (i + 1) + "]", "%", "+0.0;-0.0");
      }
    }
    for (PlanComparison.Metric m : comparison.metrics()) {
      List<Object> row = new ArrayList<>(List.of(m.name(), m.unit()));
      for (int i = 0; i < plans.size(); i++) {
        row.add(m.values().get(i));
        if (i > 0) {
          Double c = m.change(i);
          row.add(c == null ? null : 100 * c);
        }
      }
      t.row(row.toArray());
    }
    return t.build();
  }

  /** A bar per plan stacked by phase; {@code priced} multiplies each plan's GPU-hours by its own price. */
  private static Chart byPhase(List<PlanResult> plans, String id, String title, String unit,
      ToDoubleFunction<PhaseResult> value, boolean priced) {
    Set<String> phases = new LinkedHashSet<>();
    plans.forEach(p -> p.phases().forEach(ph -> phases.add(ph.name())));
    List<Chart.Series> series = new ArrayList<>();
    for (String phase : phases) {
      series.add(new Chart.Series(phase, plans.stream().map(p -> p.phases().stream().filter(ph -> ph.name().equals(phase))
          .findFirst().map(ph -> value.applyAsDouble(ph) * (priced ? p.scenario().usdPerGpuHour() : 1)).orElse(null)).toList()));
    }
    return Chart.stackedBar(id, title, new Chart.Axis("plan", ""), new Chart.Axis(priced ? "cost" : "GPU-hours", unit),
        labels(plans), series);
  }

  private static Chart mainStep(List<PlanResult> plans) {
    return Chart.stackedBar("main-step-per-alternative", "Main pre-training step per alternative, mean GPU",
        new Chart.Axis("plan", ""), new Chart.Axis("time", "s"), labels(plans),
        PlanCharts.stepSeries(plans.stream().map(PlanResult::mainStep).toList()));
  }

  private static List<String> labels(List<PlanResult> plans) {
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      labels.add("[" + (i + 1) + "] " + plans.get(i).scenario().name());
    }
    return labels;
  }
}
