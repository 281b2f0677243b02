package org.hourglass.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hourglass.reports.Chart.Axis;
import org.hourglass.reports.Chart.Marker;
import org.hourglass.reports.Chart.Series;
import org.hourglass.scenarios.PhaseResult;
import org.hourglass.scenarios.PlanResult;
import org.hourglass.parallelism.PlanSpec;
import org.hourglass.scenarios.Scenario;
import org.hourglass.parallelism.StepReport;
import org.hourglass.parallelism.costs.ComputeKind;
import org.hourglass.parallelism.step.IdleReason;
import org.hourglass.workload.MemoryBreakdown;
import org.hourglass.workload.PipelineSchedule;
import org.hourglass.workload.StagePlan;
import org.hourglass.workload.TrainingLayout;
import org.hourglass.workload.TrainingMemory;

/**
 * The step and memory sections of a plan report: where each simulated step's time went (busy
 * compute by kind, idle compute by reason, as the step simulation charged it, so the stack of a
 * step is its length), and the training memory of each pipeline rank of the main plan
 * ({@link TrainingMemory}) against the GPU's HBM.
 */
final class PlanCharts {
  private static final double GIB = 1024.0 * 1024 * 1024;

  private PlanCharts() {}

  /** The main pre-training step: the last step the pre-training phase simulated (the batch ramp's end). */
  static Section stepSection(PlanResult plan) {
    StepReport main = plan.mainStep();
    return Section.builder("Where the step time goes")
        .paragraph(String.format("The main pre-training step (%d micro-batches per pipeline, %,.0f tokens) takes %.2f s. "
            + "Each GPU's step is its busy compute plus its idle compute, charged to one reason at a time; the bars "
            + "show the mean GPU. The all-to-all dispatch is bound by %s.", main.microBatches(), main.tokensPerStep(),
            main.stepSeconds(), main.dispatchBottleneck()))
        .block(breakdownTable(main))
        .block(breakdownChart(plan))
        .build();
  }

  private static Table breakdownTable(StepReport step) {
    Table.Builder t = Table.builder("Main pre-training step, mean GPU")
        .textColumn("part").numberColumn("time", "s", "0.000").numberColumn("share of step", "%", "0.0");
    for (ComputeKind kind : ComputeKind.values()) {
      double seconds = computeSeconds(step, kind);
      if (seconds > 0) { // a kind this plan never runs has no row
        t.row("compute: " + kind.label(), seconds, 100 * seconds / step.stepSeconds());
      }
    }
    for (IdleReason reason : IdleReason.values()) {
      double seconds = step.idleSeconds().get(reason);
      if (seconds > 0) {
        t.row("idle: " + reason.label(), seconds, 100 * seconds / step.stepSeconds());
      }
    }
    return t.row("step", step.stepSeconds(), 100.0).build();
  }

  private static double computeSeconds(StepReport step, ComputeKind kind) {
    return step.computeSeconds() * step.computeMixShare()[kind.ordinal()];
  }

  /** One stacked bar per simulated step of every phase: compute by kind, then idle by reason. */
  private static Chart breakdownChart(PlanResult plan) {
    List<String> categories = new ArrayList<>();
    List<StepReport> steps = new ArrayList<>();
    StepReport main = plan.mainStep();
    for (PhaseResult phase : plan.phases()) {
      for (StepReport step : phase.representativeSteps()) {
        categories.add(String.format("%s, %d mb", shortName(phase.name(), step == main), step.microBatches()));
        steps.add(step);
      }
    }
    return Chart.stackedBar("step-breakdown", "Step time of every simulated step, mean GPU",
        new Axis("simulated step: pre-training ramp and main, context extension (mb: micro-batches per pipeline)", ""), new Axis("time", "s"), categories, stepSeries(steps));
  }

  /**
   * One series per compute kind, then per idle reason, each with its seconds in every step, for a
   * stacked bar per step; a kind or reason no step has is left out.
   */
  static List<Series> stepSeries(List<StepReport> steps) {
    List<Series> series = new ArrayList<>();
    for (ComputeKind kind : ComputeKind.values()) {
      List<Double> values = steps.stream().map(s -> computeSeconds(s, kind)).toList();
      if (values.stream().anyMatch(v -> v > 0)) {
        series.add(new Series("compute: " + kind.label(), values));
      }
    }
    for (IdleReason reason : IdleReason.values()) {
      List<Double> values = steps.stream().map(s -> s.idleSeconds().getOrDefault(reason, 0.0)).toList();
      if (values.stream().anyMatch(v -> v > 0)) {
        series.add(new Series("idle: " + reason.label(), values));
      }
    }
    return series;
  }

  /** "main" and "ramp" for pre-training steps, the sequence length (e.g. "32K") for context-extension ones. */
  private static String shortName(String phase, boolean main) {
    if (phase.startsWith("pre-training")) {
      return main ? "main" : "ramp";
    }
    return phase.replace("context extension", "").trim();
  }

  /** The memory section, or empty for a schedule the memory model does not know. */
  static Optional<Section> memorySection(Scenario s) {
    Optional<PipelineSchedule> schedule = memorySchedule(s.plan());
    if (schedule.isEmpty()) {
      return Optional.empty();
    }
    PlanSpec p = s.plan();
    TrainingLayout layout = new TrainingLayout(p.pp(), p.ep(), p.dp(), p.tp(), schedule.get(), p.microBatchSequences(),
        s.recipe().sequenceLength());
    StagePlan stages = new StagePlan(s.model(), p.pp());
    int ranks = schedule.get().stagesPerRank() == 2 ? p.pp() / 2 : p.pp();
    List<MemoryBreakdown> perRank = new ArrayList<>();
    for (int rank = 0; rank < ranks; rank++) {
      perRank.add(TrainingMemory.ofRank(s.model(), stages, layout, s.recipe().precision(), s.recipe().recomputation(),
          s.recipe().dataParallelSharding(), s.cluster().gpu(), rank));
    }
    return Optional.of(Section.builder("Memory per GPU")
        .paragraph(memoryText(s, schedule.get(), perRank))
        .block(memoryChart(s, perRank))
        .build());
  }

  private static Optional<PipelineSchedule> memorySchedule(PlanSpec p) {
    return switch (p.schedule()) {
      case ONE_F_ONE_B -> Optional.of(PipelineSchedule.ONE_F_ONE_B);
      case ZB1P -> Optional.of(PipelineSchedule.ZB1P);
      case DUALPIPE -> Optional.of(PipelineSchedule.DUALPIPE);
      default -> Optional.empty();
    };
  }

  private static String memoryText(Scenario s, PipelineSchedule schedule, List<MemoryBreakdown> perRank) {
    MemoryBreakdown peak = perRank.stream().max((a, b) -> Double.compare(a.totalBytes(), b.totalBytes())).orElseThrow();
    String mirror = schedule.stagesPerRank() == 2
        ? " Under DualPipe rank r holds stages r and " + (s.plan().pp() - 1) + " - r, so ranks 0.." + (perRank.size() - 1)
            + " cover every GPU." : "";
    return String.format("Pre-training memory of each pipeline rank (ZeRO-1 over %d data-parallel GPUs, recomputation %s). "
        + "The fullest rank, %d, needs %.1f GiB of the %s's %.1f GiB: %s. Not counted: CUDA context, communication "
        + "buffers, workspaces, allocator fragmentation.%s", s.plan().dp(), s.recipe().recomputation().spelling(),
        peak.rank(), peak.totalBytes() / GIB, s.cluster().gpu().name(), peak.hbmBytes() / GIB,
        peak.fits() ? "it fits" : "it does NOT fit", mirror);
  }

  private static Chart memoryChart(Scenario s, List<MemoryBreakdown> perRank) {
    List<String> ranks = perRank.stream().map(m -> "rank " + m.rank()).toList();
    List<Series> series = List.of(
        gib("working weights", perRank.stream().map(MemoryBreakdown::weightBytes).toList()),
        gib("gradients", perRank.stream().map(MemoryBreakdown::gradientBytes).toList()),
        gib("master weights (ZeRO-1)", perRank.stream().map(MemoryBreakdown::masterWeightBytes).toList()),
        gib("optimizer moments (ZeRO-1)", perRank.stream().map(MemoryBreakdown::optimizerMomentBytes).toList()),
        gib("activations", perRank.stream().map(MemoryBreakdown::activationBytes).toList()));
    double hbm = perRank.get(0).hbmBytes() / GIB;
    return Chart.stackedBar("memory-per-gpu", "Training memory per GPU by pipeline rank", new Axis("pipeline rank", ""),
            new Axis("memory", "GiB"), ranks, series)
        .withMarker(Marker.horizontal(String.format("%s HBM %.0f GiB", s.cluster().gpu().name(), hbm), hbm));
  }

  private static Series gib(String label, List<Double> bytes) {
    return new Series(label, bytes.stream().map(b -> b / GIB).toList());
  }
}
