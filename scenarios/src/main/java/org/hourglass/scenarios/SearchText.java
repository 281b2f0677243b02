package org.hourglass.scenarios;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The text a search prints, from its ranked candidates and the cheapest one planned in full: the
 * same bytes whether the candidates were priced on this machine's threads or as Spark tasks.
 */
public final class SearchText {
  private SearchText() {}

  /**
   * The refusals when no candidate is feasible, or the winner (with its run planned in full,
   * {@code whole}, or null where the search was asked for the main-step estimate only),
   * alternatives and Pareto front.
   */
  public static String render(String scenario, double deadlineDays, PlanSearch.Space space, int show,
      List<PlanSearch.Candidate> ranked, PlanResult whole) {
    StringBuilder out = new StringBuilder();
    PlanSearch.Candidate best = ranked.get(0);
    Describe d = new Describe(ScenarioLoader.load(scenario), space); // loaded once: every candidate is compared with it
    String gpus = space.gpus().stream().map(String::valueOf).collect(Collectors.joining(", "));
    if (!best.feasible()) {
      out.append(String.format("No candidate fits in memory and meets %.1f days on %s GPUs. Reasons:%n", deadlineDays, gpus));
      ranked.stream().limit(show + 1L).forEach(c -> out.append(String.format("  %s: %s%n", d.of(c), c.refusal())));
      return out.toString();
    }
    long pruned = PlanSearch.pruned(ranked);
    out.append(String.format("Cheapest plan on %s GPUs within %.1f days (%d candidates, each priced from its main step%s):%n",
        gpus, deadlineDays, ranked.size(),
        pruned == 0 ? "" : String.format("; %d pruned by the compute bound without simulating", pruned)));
    out.append(String.format("  %s: %,.0f GPU-hours, %.1f days, $%,.0f, main step %.2f s, MFU %.1f%% (BF16)%n", d.of(best),
        best.gpuHours(), best.days(), best.costUsd(), best.step().stepSeconds(), 100 * best.step().mfuBf16()));
    if (whole != null) {
      out.append(String.format("  planned in full, as plan prices it (batch ramp and long-context phases simulated): %,.0f GPU-hours, "
          + "%.1f days, $%,.0f (%+.1f%% against the main-step estimate the ranking uses)%n", whole.totalGpuHours(),
          whole.days(), whole.costUsd(), 100 * (whole.totalGpuHours() / best.gpuHours() - 1)));
    } else {
      out.append(String.format("  not planned in full (--main-step-only): plan, which simulates the batch ramp and the "
          + "long-context phases, prices this layout's whole run a few percent apart%n"));
    }
    out.append(String.format("Alternatives, and why they lose:%n"));
    ranked.stream().skip(1).limit(show).forEach(c -> out.append(String.format("  %s: %s%n", d.of(c), PlanSearch.whyItLoses(best, c))));
    int own = d.indexOfScenarioLayout(ranked);
    if (own > show) {
      PlanSearch.Candidate c = ranked.get(own);
      out.append(String.format("  ... %s (rank %d of %d): %s%n", d.of(c), own + 1, ranked.size(), PlanSearch.whyItLoses(best, c)));
    } else if (own < 0) {
      out.append(String.format("  (the scenario's own layout is not in the searched space)%n"));
    }
    List<PlanSearch.Candidate> front = PlanSearch.paretoFront(ranked);
    out.append(String.format("Pareto front of days against dollars (%d plan%s no other beats on both):%n", front.size(),
        front.size() == 1 ? "" : "s"));
    front.forEach(c -> out.append(String.format("  %6.1f days  $%,14.0f  %s%n", c.days(), c.costUsd(), d.of(c))));
    if (space.gpus().size() == 1) {
      out.append(String.format("  (one cluster size: days and dollars move together; give --gpus a list to trade one for the other)%n"));
    }
    return out.toString();
  }

  /** A candidate's name in the text: its layout, with the cluster size and batch where they vary. */
  private record Describe(Scenario base, PlanSearch.Space space) {
    String of(PlanSearch.Candidate c) {
      return c.plan().label() + (space.gpus().size() > 1 ? " on " + c.gpus() + " GPUs" : "")
          + (space.globalBatchSequences().size() > 1 ? ", batch " + c.globalBatchSequences() : "")
          + (PlanSearch.isScenarioLayout(base, c) ? " [the scenario's layout]" : "");
    }

    int indexOfScenarioLayout(List<PlanSearch.Candidate> ranked) {
      for (int i = 0; i < ranked.size(); i++) {
        if (PlanSearch.isScenarioLayout(base, ranked.get(i))) {
          return i;
        }
      }
      return -1;
    }
  }
}
