package org.hourglass.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hourglass.parallelism.StepReport;
import org.hourglass.parallelism.costs.ComputeKind;
import org.hourglass.parallelism.step.IdleReason;

/**
 * Several plans side by side, each metric with its change against the first plan (the baseline):
 * the run's GPU-hours, days, dollars (each plan at its own price), energy and MFU, then the main
 * step's time and where it goes. Change = value / baseline - 1.
 */
public record PlanComparison(List<PlanResult> plans) {
  public PlanComparison {
    plans = List.copyOf(plans);
    if (plans.size() < 2) {
      throw new IllegalArgumentException("a comparison needs two plans or more, got " + plans.size());
    }
  }

  /** One compared figure: its value in each plan (null where a plan has none, e.g. energy unpriced). */
  public record Metric(String name, String unit, List<Double> values) {
    /** The change of plan {@code i} against the first, as a fraction; null for the first itself, where a value is missing or the baseline is 0. */
    public Double change(int i) {
      if (i == 0) {
        return null;
      }
      Double base = values.get(0);
      Double v = values.get(i);
      return base == null || v == null || base == 0 ? null : v / base - 1;
    }
  }

  /** Every compared figure, run totals first, then the main step's breakdown (kinds and reasons no plan has are left out). */
  public List<Metric> metrics() {
    List<Metric> rows = new ArrayList<>();
    rows.add(metric("GPU-hours", "GPU h", PlanResult::totalGpuHours));
    rows.add(metric("days", "d", PlanResult::days));
    rows.add(metric("price", "USD/GPU h", p -> p.scenario().usdPerGpuHour()));
    rows.add(metric("cost", "USD", PlanResult::costUsd));
    rows.add(metric("energy at the nodes", "MWh", p -> p.energy().itKwh() / 1000));
    rows.add(metric("energy cost", "USD", p -> p.energy().costUsd().orElse(null)));
    rows.add(metric("MFU of BF16 peak", "%", p -> 100 * p.mfuBf16()));
    rows.add(metric("main step", "s", p -> p.mainStep().stepSeconds()));
    for (ComputeKind kind : ComputeKind.values()) {
      Metric m = metric("compute, " + kind.label(), "s", p -> share(p.mainStep(), kind));
      if (m.values().stream().anyMatch(v -> v != null && v > 0)) {
        rows.add(m);
      }
    }
    for (IdleReason reason : IdleReason.values()) {
      Metric m = metric("idle, " + reason.label(), "s", p -> p.mainStep().idleSeconds().getOrDefault(reason, 0.0));
      if (m.values().stream().anyMatch(v -> v != null && v > 0)) {
        rows.add(m);
      }
    }
    return rows;
  }

  private static double share(StepReport step, ComputeKind kind) {
    return step.computeSeconds() * step.computeMixShare()[kind.ordinal()];
  }

  private Metric metric(String name, String unit, Function<PlanResult, Double> value) {
    return new Metric(name, unit, plans.stream().map(value).toList());
  }
}
