package org.hourglass.scenarios;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.hourglass.dualpipe.ScheduleKind;
import org.hourglass.parallelism.PlanSpec;
import org.hourglass.parallelism.StepReport;
import org.hourglass.parallelism.StepSimulator;
import org.hourglass.parallelism.costs.ComputeCostsProvider;
import org.hourglass.parallelism.step.IdleReason;
import org.hourglass.sim.InvalidInputException;
import org.hourglass.sim.SpanRecorder;

/**
 * The cheapest plan for a scenario on a given cluster that fits in memory and meets a deadline,
 * over pipeline and expert degrees, schedules, micro-batch sizes and node limits. Each candidate
 * is priced from its main pre-training step, simulated on every GPU: the whole run's tokens at that
 * step's cost per token (ramp and long-context phases are not simulated per candidate; the chosen
 * plan can be planned in full with {@code plan}). Candidates that do not fit or cannot run are kept
 * with their reason.
 */
public final class PlanSearch {
  /** The space searched. */
  public record Space(List<Integer> pp, List<Integer> ep, List<ScheduleKind> schedules, List<Integer> microBatchSequences,
      List<Integer> nodeLimits, List<Integer> virtualStages) {}

  /** One candidate: its plan, estimated GPU-hours and days, or why it was refused. */
  public record Candidate(PlanSpec plan, StepReport step, double gpuHours, double days, double costUsd, String refusal) {
    public boolean feasible() {
      return refusal == null;
    }
  }

  private PlanSearch() {}

  /** Evaluates every candidate of {@code space}; returns them cheapest first, refused ones last. */
  public static List<Candidate> run(String scenario, int gpus, double deadlineDays, Space space, ComputeCostsProvider costs,
      int threads, IntConsumer progress) {
    Scenario base = ScenarioLoader.load(scenario, Map.of("cluster.gpus", Integer.toString(gpus)));
    List<PlanSpec> plans = candidates(base, space);
    List<Candidate> results = new ArrayList<>(
        ParallelRuns.map(plans, plan -> evaluate(base, plan, deadlineDays, costs), threads, progress));
    results.sort(Comparator.comparing((Candidate c) -> !c.feasible()).thenComparingDouble(c -> c.feasible() ? c.costUsd() : 0));
    return results;
  }

  /** How many candidates a space holds, for the progress bar. */
  public static int size(Space space) {
    int schedules = 0;
    for (ScheduleKind s : space.schedules()) {
      schedules += s == ScheduleKind.INTERLEAVED_1F1B ? space.virtualStages().size() : 1;
    }
    return space.pp().size() * space.ep().size() * schedules * space.microBatchSequences().size()
        * space.nodeLimits().size();
  }

  private static List<PlanSpec> candidates(Scenario base, Space space) {
    int gpus = base.cluster().gpus();
    List<PlanSpec> plans = new ArrayList<>();
    for (int pp : space.pp()) {
      for (int ep : space.ep()) {
        for (ScheduleKind schedule : space.schedules()) {
          for (int mbs : space.microBatchSequences()) {
            for (int limit : space.nodeLimits()) {
              int tp = base.plan().tp();
              int dp = gpus % (pp * tp) == 0 ? gpus / (pp * tp) : 0;
              for (int v : schedule == ScheduleKind.INTERLEAVED_1F1B ? space.virtualStages() : List.of(1)) {
                plans.add(new PlanSpec(pp, ep, dp, 1, schedule, mbs, limit, base.plan().communicationSms(), tp, v));
              }
            }
          }
        }
      }
    }
    return plans;
  }

  private static Candidate evaluate(Scenario base, PlanSpec plan, double deadlineDays, ComputeCostsProvider costs) {
    try {
      if (plan.dp() == 0 || plan.dp() % plan.ep() != 0) {
        throw new InvalidInputException("plan", "pp " + plan.pp() + " x ep " + plan.ep() + " does not tile "
            + base.cluster().gpus() + " GPUs");
      }
      int perMicroBatch = plan.batchReplicas() * plan.microBatchSequences();
      int batch = base.recipe().batchRamp().toSequences();
      if (batch % perMicroBatch != 0) {
        throw new InvalidInputException("plan", batch + " sequences do not split over " + perMicroBatch);
      }
      StepReport step = new StepSimulator(base.job(), costs).simulate("search", plan, base.recipe().sequenceLength(),
          batch / perMicroBatch, SpanRecorder.OFF);
      double tokens = base.recipe().tokens() + base.recipe().contextExtensionTokens();
      double gpuHours = tokens / step.tokensPerStep() * step.stepSeconds() * base.cluster().gpus() / 3600;
      double days = gpuHours / base.cluster().gpus() / 24;
      String late = days > deadlineDays ? String.format("misses the deadline: %.1f days > %.1f", days, deadlineDays) : null;
      return new Candidate(plan, step, gpuHours, days, gpuHours * base.usdPerGpuHour(), late);
    } catch (InvalidInputException refused) {
      return new Candidate(plan, null, 0, 0, 0, refused.getMessage());
    }
  }

  /** Why {@code other} loses to {@code best}: the step-time components that grew most. */
  public static String whyItLoses(Candidate best, Candidate other) {
    if (!other.feasible()) {
      return other.refusal();
    }
    StepReport a = best.step();
    StepReport b = other.step();
    double perTokenA = a.stepSeconds() / a.tokensPerStep();
    double perTokenB = b.stepSeconds() / b.tokensPerStep();
    List<String> parts = new ArrayList<>();
    double computeDelta = (b.computeSeconds() / b.tokensPerStep() - a.computeSeconds() / a.tokensPerStep()) * a.tokensPerStep();
    parts.add(String.format("compute %+.2f s", computeDelta));
    for (IdleReason reason : IdleReason.values()) {
      double delta = (b.idleSeconds().get(reason) / b.tokensPerStep() - a.idleSeconds().get(reason) / a.tokensPerStep())
          * a.tokensPerStep();
      if (Math.abs(delta) >= 0.05) {
        parts.add(String.format("%s %+.2f s", reason.label(), delta));
      }
    }
    return String.format("%+.1f%% cost; per step of the best's tokens: %s", 100 * (perTokenB / perTokenA - 1),
        String.join(", ", parts));
  }
}
