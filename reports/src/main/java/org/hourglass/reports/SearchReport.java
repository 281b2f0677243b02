package org.hourglass.reports;

import java.util.ArrayList;
import java.util.List;
import org.hourglass.scenarios.PlanSearch;
import org.hourglass.scenarios.Scenario;
import org.hourglass.parallelism.StepReport;
import org.hourglass.parallelism.costs.ComputeKind;
import org.hourglass.parallelism.step.IdleReason;

/**
 * The report of a plan search ({@code hourglass search --report}): the cheapest candidate, every
 * candidate with its estimate and why it lost or was refused, and the main step of every simulated
 * candidate broken down as compute by kind and idle time by reason, so the reason a plan loses can
 * be seen. Candidates are priced as the search prices them: the run's tokens at the main step's cost.
 */
public final class SearchReport {
  private SearchReport() {}

  /**
   * The report of {@code ranked} (cheapest first, refused last), searched over {@code space} on
   * {@code base}, with the cheapest planned in full ({@code whole}; null where none is feasible).
   */
  public static Report of(Scenario base, PlanSearch.Space space, double deadlineDays, List<PlanSearch.Candidate> ranked,
      org.hourglass.scenarios.PlanResult whole, String simulatorVersion) {
    Inputs inputs = PlanReport.inputsBuilder(base, simulatorVersion, PlanReport.Calibration.none(base))
        .add("search", String.format("GPUs %s x tp %s x pp %s x ep %s x schedules %s x micro-batches %s x node limits %s x"
            + " global batch %s (%d candidates, %d pruned by the compute bound); deadline %.1f days", space.gpus(),
            space.tp().isEmpty() ? "the scenario's" : space.tp(), space.pp(), space.ep(),
            space.schedules().stream().map(k -> k.cliName()).toList(), space.microBatchSequences(), space.nodeLimits(),
            space.globalBatchSequences().isEmpty() ? "the recipe's" : space.globalBatchSequences(), ranked.size(),
            PlanSearch.pruned(ranked), deadlineDays))
        .build();
    PlanSearch.Candidate best = ranked.get(0);
    Section.Builder section = Section.builder("Candidates")
        .paragraph(best.feasible()
            ? String.format("Cheapest plan that fits and meets %.1f days: %s, %,.0f GPU-hours, %.1f days, $%,.0f.",
                deadlineDays, best.plan().label(), best.gpuHours(), best.days(), best.costUsd())
            : String.format("No candidate fits in memory and meets %.1f days.", deadlineDays))
        .paragraph("Each candidate is priced from its main pre-training step simulated on every GPU: the run's tokens "
            + "at that step's cost per token (the batch ramp and long-context phases are not simulated per candidate)."
            + (whole == null ? "" : String.format(" The cheapest, planned in full as plan prices it: %,.0f GPU-hours, %.1f days,"
                + " $%,.0f (%+.1f%% against its main-step estimate).", whole.totalGpuHours(), whole.days(), whole.costUsd(),
                100 * (whole.totalGpuHours() / best.gpuHours() - 1))))
        .block(table(base, best, ranked))
        .paragraph("Pareto front of days against dollars: " + PlanSearch.paretoFront(ranked).stream()
            .map(c -> String.format("%s on %d GPUs, %.1f days, $%,.0f", c.plan().label(), c.gpus(), c.days(), c.costUsd()))
            .collect(java.util.stream.Collectors.joining("; ")) + ".");
    List<PlanSearch.Candidate> simulated = ranked.stream().filter(c -> c.step() != null).toList();
    if (!simulated.isEmpty()) {
      section.block(breakdown(simulated));
    }
    return new Report("Plan search: " + base.model().name() + " on " + base.cluster().gpus() + " x "
        + base.cluster().gpu().name(), inputs, List.of(section.build()));
  }

  /** Every candidate, the scenario's own layout marked so that a reader sees what the search changes. */
  private static Table table(Scenario base, PlanSearch.Candidate best, List<PlanSearch.Candidate> ranked) {
    Table.Builder t = Table.builder("Every candidate, cheapest first")
        .textColumn("plan").numberColumn("GPU-hours", "", "#,##0").numberColumn("days", "d", "0.0")
        .numberColumn("cost", "USD", "#,##0").numberColumn("main step", "s", "0.00")
        .numberColumn("MFU", "% of BF16 peak", "0.0").textColumn("verdict");
    for (PlanSearch.Candidate c : ranked) {
      String verdict = c == best && c.feasible() ? "cheapest" : PlanSearch.whyItLoses(best, c);
      String label = c.plan().label() + (PlanSearch.isScenarioLayout(base, c) ? " [the scenario's layout]" : "");
      if (c.step() == null) {
        t.row(label, null, null, null, null, null, verdict);
      } else {
        t.row(label, c.gpuHours(), c.days(), c.costUsd(), c.step().stepSeconds(), 100 * c.step().mfuBf16(), verdict);
      }
    }
    return t.build();
  }

  private static Chart breakdown(List<PlanSearch.Candidate> simulated) {
    List<String> categories = simulated.stream().map(c -> c.plan().label()).toList();
    List<Chart.Series> series = new ArrayList<>();
    for (ComputeKind kind : ComputeKind.values()) {
      series.add(new Chart.Series("compute: " + kind.label(), simulated.stream()
          .map(c -> c.step().computeSeconds() * c.step().computeMixShare()[kind.ordinal()]).toList()));
    }
    for (IdleReason reason : IdleReason.values()) {
      series.add(new Chart.Series("idle: " + reason.label(),
          simulated.stream().map(c -> idle(c.step(), reason)).toList()));
    }
    return Chart.stackedBar("search-step-breakdown", "Main step of each simulated candidate, mean GPU",
        new Chart.Axis("candidate", ""), new Chart.Axis("time", "s"), categories, series);
  }

  private static double idle(StepReport step, IdleReason reason) {
    return step.idleSeconds().getOrDefault(reason, 0.0);
  }
}
