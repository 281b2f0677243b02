package org.hourglass.reports;

import java.util.ArrayList;
import java.util.List;
import org.hourglass.reports.Chart.Axis;
import org.hourglass.reports.Chart.Series;
import org.hourglass.scenarios.PhaseResult;
import org.hourglass.scenarios.EnergyPrice;
import org.hourglass.scenarios.PlanResult;
import org.hourglass.scenarios.RunEnergy;
import org.hourglass.scenarios.PublishedReference;
import org.hourglass.scenarios.Scenario;

/**
 * The cost section of a plan report: GPU-hours, cost, steps and step time per phase beside the
 * published figure and the error (predicted / published - 1), the run's days, cost and MFU, and the
 * GPU-hours and cost per phase as bars. The published table has one line for both context-extension
 * phases, so they are compared together.
 */
final class PlanSummary {
  private static final String CONTEXT = "context extension";

  private PlanSummary() {}

  /** A line of the published table: the phases it covers, their predicted GPU-hours, the published figure or null. */
  record PhaseGroup(String name, double gpuHours, Double publishedGpuHours) {}

  static Section section(PlanResult plan) {
    List<PhaseGroup> groups = groups(plan);
    Section.Builder section = Section.builder("Cost and time")
        .paragraph(headline(plan))
        .paragraph(energyLine(plan))
        .block(phaseTable(plan))
        .block(totalsTable(plan))
        .block(gpuHoursChart(groups));
    // rental alone would be the GPU-hours chart times the price; the cost chart exists where energy is priced too
    plan.energy().costUsd().ifPresent(priced -> section.block(costChart(plan)));
    return section.build();
  }

  private static String energyLine(PlanResult plan) {
    RunEnergy e = plan.energy();
    String at = String.format("Energy: %,.0f MWh at the nodes at full load (an upper bound)", e.itKwh() / 1000);
    return e.facilityKwh().isEmpty() ? at + "; not priced (the scenario has no energy block)."
        : at + String.format(", %,.0f MWh at the meter, $%,.0f. Sources: %s.", e.facilityKwh().get() / 1000, e.costUsd().get(), e.source());
  }

  /** The phases as the published table groups them: every context-extension phase in one line. */
  static List<PhaseGroup> groups(PlanResult plan) {
    List<PhaseGroup> groups = new ArrayList<>();
    List<PhaseResult> context = plan.phases().stream().filter(PlanSummary::isContext).toList();
    for (PhaseResult p : plan.phases()) {
      if (!isContext(p)) {
        groups.add(new PhaseGroup(p.name(), p.gpuHours(), published(plan.scenario(), p.name())));
      } else if (p == context.get(0)) {
        String name = context.size() == 1 ? p.name() : CONTEXT + " (" + String.join(" + ", context.stream()
            .map(c -> c.name().substring(CONTEXT.length()).trim()).toList()) + ")";
        groups.add(new PhaseGroup(name, context.stream().mapToDouble(PhaseResult::gpuHours).sum(),
            published(plan.scenario(), CONTEXT)));
      }
    }
    return groups;
  }

  private static boolean isContext(PhaseResult p) {
    return p.name().startsWith(CONTEXT);
  }

  private static Double published(Scenario s, String line) {
    return PublishedReference.describes(s) ? PublishedReference.gpuHours(line) : null;
  }

  /** Error of a prediction against a published figure, in percent; null without one. */
  static Double errorPercent(double predicted, Double published) {
    return published == null ? null : 100 * (predicted / published - 1);
  }

  private static String headline(PlanResult plan) {
    Scenario s = plan.scenario();
    String text = String.format("%s predicts %,.0f GPU-hours for the whole run: %.1f days on %d GPUs, $%,.0f at $%.2f per GPU-hour.",
        s.name(), plan.totalGpuHours(), plan.days(), s.cluster().gpus(), plan.costUsd(), s.usdPerGpuHour());
    Double total = published(s, "total");
    return total == null ? text : text + String.format(" DeepSeek published %,.0f GPU-hours (error %+.1f%%).", total,
        errorPercent(plan.totalGpuHours(), total));
  }

  private static Table phaseTable(PlanResult plan) {
    Table.Builder t = Table.builder("GPU-hours per phase, predicted beside published")
        .textColumn("phase")
        .numberColumn("tokens", "B tokens", "#,##0.0")
        .numberColumn("steps", "", "#,##0")
        .numberColumn("step time", "s", "0.00")
        .numberColumn("GPU-hours", "GPU h", "#,##0")
        .numberColumn("cost", "USD", "#,##0")
        .numberColumn("published", "GPU h", "#,##0")
        .numberColumn("error", "%", "+0.0;-0.0");
    double price = plan.scenario().usdPerGpuHour();
    List<PhaseGroup> groups = groups(plan);
    List<PhaseResult> context = plan.phases().stream().filter(PlanSummary::isContext).toList();
    for (PhaseResult p : plan.phases()) {
      PhaseGroup g = groups.stream().filter(x -> x.name().equals(p.name())).findFirst().orElse(null);
      Double pub = g == null ? null : g.publishedGpuHours();
      t.row(p.name(), p.tokens() / 1e9, p.steps(), p.stepSeconds(), p.gpuHours(), p.gpuHours() * price, pub,
          errorPercent(p.gpuHours(), pub));
      if (context.size() > 1 && p == context.get(context.size() - 1)) {
        PhaseGroup both = groups.stream().filter(x -> x.name().startsWith(CONTEXT)).findFirst().orElseThrow();
        t.row(both.name() + ", together", null, null, null, both.gpuHours(), both.gpuHours() * price,
            both.publishedGpuHours(), errorPercent(both.gpuHours(), both.publishedGpuHours()));
      }
    }
    Double total = published(plan.scenario(), "total");
    return t.row("total", null, null, null, plan.totalGpuHours(), plan.costUsd(), total,
        errorPercent(plan.totalGpuHours(), total)).build();
  }

  private static Table totalsTable(PlanResult plan) {
    return Table.builder("The whole run")
        .numberColumn("GPU-hours", "GPU h", "#,##0")
        .numberColumn("days", "d", "0.0")
        .numberColumn("cost", "USD", "#,##0")
        .numberColumn("MFU of BF16 peak", "%", "0.0")
        .numberColumn("MFU of FP8 peak", "%", "0.0")
        .row(plan.totalGpuHours(), plan.days(), plan.costUsd(), 100 * plan.mfuBf16(), 100 * plan.mfuFp8())
        .build();
  }

  private static Chart gpuHoursChart(List<PhaseGroup> groups) {
    return Chart.bar("gpu-hours-per-phase", "GPU-hours per phase", new Axis("phase", ""), new Axis("GPU-hours", "GPU h"),
        names(groups), series(groups, 1.0));
  }

  /** Each phase's cost as GPU rental and energy, stacked: the two move apart with the GPU's power and price. */
  private static Chart costChart(PlanResult plan) {
    double price = plan.scenario().usdPerGpuHour();
    EnergyPrice energy = plan.scenario().energy().orElseThrow();
    RunEnergy e = plan.energy();
    List<String> names = plan.phases().stream().map(PhaseResult::name).toList();
    List<Series> series = List.of(
        new Series("GPU rental", plan.phases().stream().map(p -> p.gpuHours() * price).toList()),
        new Series("energy", plan.phases().stream()
            .map(p -> e.itKwhByPhase().get(p.name()) * energy.pue() * energy.usdPerKwh()).toList()));
    return Chart.stackedBar("cost-per-phase", String.format("Cost per phase: GPU rental at $%.2f per GPU-hour and energy", price),
        new Axis("phase", ""), new Axis("cost", "USD"), names, series);
  }

  private static List<String> names(List<PhaseGroup> groups) {
    return groups.stream().map(PhaseGroup::name).toList();
  }

  /** The predicted series and, where any phase has one, the published series, both times {@code scale}. */
  private static List<Series> series(List<PhaseGroup> groups, double scale) {
    List<Series> series = new ArrayList<>();
    series.add(new Series("predicted", groups.stream().map(g -> g.gpuHours() * scale).toList()));
    if (groups.stream().anyMatch(g -> g.publishedGpuHours() != null)) {
      series.add(new Series("DeepSeek published", groups.stream()
          .map(g -> g.publishedGpuHours() == null ? null : g.publishedGpuHours() * scale).toList()));
    }
    return series;
  }
}
