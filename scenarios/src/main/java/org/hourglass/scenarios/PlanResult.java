package org.hourglass.scenarios;

import java.util.List;
import org.hourglass.parallelism.StepReport;

/**
 * The whole training run of a scenario: GPU-hours per phase and in total, days on the cluster,
 * dollars, and the run's MFU: the model FLOPs of all its tokens over its GPU-seconds times the dense peak.
 */
public record PlanResult(Scenario scenario, List<PhaseResult> phases, double totalGpuHours, double days,
    double costUsd, double mfuBf16, double mfuFp8) {
  public PlanResult {
    phases = List.copyOf(phases);
  }

  /** The main pre-training step: the last of pre-training's simulated steps (the ramp's come before it). */
  public StepReport mainStep() {
    List<StepReport> steps = phase("pre-training").representativeSteps();
    return steps.get(steps.size() - 1);
  }

  /** The run's energy per phase and in total, and its price where the scenario gives one. */
  public RunEnergy energy() {
    return RunEnergy.of(scenario, phases);
  }

  /** The phase named {@code name}. */
  public PhaseResult phase(String name) {
    return phases.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }
}
