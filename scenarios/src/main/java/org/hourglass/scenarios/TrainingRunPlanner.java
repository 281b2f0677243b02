package org.hourglass.scenarios;

import java.util.ArrayList;
import java.util.List;
import org.hourglass.dualpipe.Schedules;
import org.hourglass.parallelism.PlanSpec;
import org.hourglass.parallelism.costs.ContextExchange;
import org.hourglass.parallelism.StepReport;
import org.hourglass.parallelism.StepSimulator;
import org.hourglass.parallelism.costs.ComputeCostsProvider;
import org.hourglass.sim.InvalidInputException;
import org.hourglass.sim.SpanRecorder;
import org.hourglass.workload.BatchRamp;
import org.hourglass.workload.Recomputation;
import org.hourglass.workload.TrainingFlops;
import org.hourglass.workload.TrainingPhase;
import org.hourglass.workload.TrainingRecipe;

/**
 * Turns simulated step times into the GPU-hours of a whole training run: the pre-training batch
 * ramp (several batch sizes simulated, the step time interpolated in micro-batches and integrated
 * over the ramp's tokens), the main pre-training phase, each long-context phase with its own plan,
 * and supervised fine-tuning at the main phase's cost per token.
 *
 * <p>GPU-hours = steps x step seconds x GPUs / 3600; days = the sum of phase wall-clock times.
 */
public final class TrainingRunPlanner {
  /** Batch sizes simulated across the ramp, its ends included. */
  static final int RAMP_POINTS = 4;
  /** Slices the ramp's tokens are integrated over. */
  private static final int RAMP_SLICES = 200;

  private final Scenario scenario;
  private final StepSimulator steps;
  private java.util.function.IntConsumer progress = done -> { };
  private int simulated;
  private int threads = Runtime.getRuntime().availableProcessors();

  public TrainingRunPlanner(Scenario scenario, ComputeCostsProvider costs) {
    this(scenario, new StepSimulator(scenario.job(), costs));
  }

  /**
   * A planner on a simulator shared with other plans of the same job (a sweep's points, a search's
   * winner): their routing draws, keyed by what determines them, are then computed once.
   */
  TrainingRunPlanner(Scenario scenario, StepSimulator steps) {
    if (!steps.job().equals(scenario.job())) {
      throw new IllegalArgumentException("a shared simulator must simulate this scenario's job");
    }
    this.scenario = scenario;
    this.steps = steps;
  }

  /** Step simulations a whole plan runs at most: the ramp's batch sizes, the main step, each long-context phase. */
  public int simulationsAtMost() {
    return RAMP_POINTS + scenario.recipe().contextExtension().size();
  }

  /** Plans every phase, telling {@code progress} how many step simulations are done (of {@link #simulationsAtMost()}). */
  public PlanResult plan(java.util.function.IntConsumer progress) {
    this.progress = progress;
    this.simulated = 0;
    PlanResult result = plan();
    progress.accept(simulationsAtMost());
    return result;
  }

  /** Plans every phase of the recipe; its step simulations, independent of one another, run on {@link #threads} threads. */
  public PlanResult plan() {
    TrainingRecipe recipe = scenario.recipe();
    int seq = recipe.sequenceLength();
    List<StepRequest> requests = new ArrayList<>();
    requests.add(new StepRequest("pre-training", scenario.plan(), seq,
        microBatches(scenario.plan(), "plan", recipe.batchRamp().toSequences(), "recipe.batchRamp.toSequences")));
    for (int microBatches : rampMicroBatches(recipe.batchRamp())) {
      requests.add(new StepRequest("pre-training ramp", scenario.plan(), seq, microBatches));
    }
    int firstContext = requests.size();
    for (int i = 0; i < recipe.contextExtension().size(); i++) {
      TrainingPhase phase = recipe.contextExtension().get(i);
      PlanSpec plan = scenario.contextPlans().get(i);
      requests.add(new StepRequest(contextName(phase), plan, phase.sequenceLength(),
          microBatches(plan, "contextExtensionPlans[" + i + "]", phase.globalBatchSequences(),
              "recipe.contextExtension[" + i + "].globalBatchSequences")));
    }
    // a step's events grow with its micro-batches: the longest start first
    List<StepReport> simulatedSteps = ParallelRuns.map(requests, StepRequest::microBatches,
        r -> steps.simulate(r.phase(), r.plan(), r.sequenceLength(), r.microBatches(), SpanRecorder.OFF, threads > 1),
        threads,
        done -> progress.accept(++simulated));
    StepReport main = simulatedSteps.get(0);
    List<PhaseResult> phases = new ArrayList<>();
    phases.add(pretraining(recipe, main, new ArrayList<>(simulatedSteps.subList(1, firstContext))));
    for (int i = 0; i < recipe.contextExtension().size(); i++) {
      phases.add(contextExtension(recipe.contextExtension().get(i), scenario.contextPlans().get(i),
          simulatedSteps.get(firstContext + i)));
    }
    if (recipe.sftSamples() > 0) {
      phases.add(postTraining(recipe, main));
    }
    return summarize(phases);
  }

  /** The main pre-training step, traced into {@code spans}. */
  public StepReport mainStep(SpanRecorder spans) {
    TrainingRecipe recipe = scenario.recipe();
    return counted(steps.simulate("pre-training", scenario.plan(), recipe.sequenceLength(),
        microBatches(scenario.plan(), "plan", recipe.batchRamp().toSequences(), "recipe.batchRamp.toSequences"), spans,
        threads > 1));
  }

  /** One step simulation a plan needs: the phase it prices, its layout, sequence length and micro-batches per pipeline. */
  private record StepRequest(String phase, PlanSpec plan, int sequenceLength, int microBatches) {}

  /**
   * Threads the step simulations of one plan share (default: the machine's processors); on one
   * thread, each step's replica blocks also run one after another.
   */
  public TrainingRunPlanner threads(int threads) {
    this.threads = Math.max(1, threads);
    return this;
  }

  private PhaseResult pretraining(TrainingRecipe recipe, StepReport main, List<StepReport> points) {
    BatchRamp ramp = recipe.batchRamp();
    int seq = recipe.sequenceLength();
    points.add(main);
    double rampSeconds = 0;
    double rampSteps = 0;
    double slice = ramp.overTokens() / RAMP_SLICES;
    for (int i = 0; i < RAMP_SLICES; i++) {
      double batch = ramp.fromSequences() + (ramp.toSequences() - ramp.fromSequences()) * (i + 0.5) / RAMP_SLICES;
      double sliceSteps = slice / (batch * seq);
      rampSteps += sliceSteps;
      rampSeconds += sliceSteps * interpolate(points, batch / perStepSequencesPerMicroBatch());
    }
    double mainTokens = recipe.tokens() - ramp.overTokens();
    double mainSteps = mainTokens / main.tokensPerStep();
    double seconds = rampSeconds + mainSteps * main.stepSeconds();
    double totalSteps = rampSteps + mainSteps;
    List<String> notes = new ArrayList<>();
    if (ramp.overTokens() > 0) {
      notes.add(String.format("batch ramp %d -> %d sequences over %.0fB tokens: %d batch sizes simulated, step time "
          + "interpolated linearly in micro-batches (extrapolated below the schedule's minimum)",
          ramp.fromSequences(), ramp.toSequences(), ramp.overTokens() / 1e9, points.size()));
    } else {
      notes.add(String.format("no batch ramp: %d sequences a step throughout", ramp.toSequences()));
    }
    return new PhaseResult("pre-training", recipe.tokens(), totalSteps, seconds / totalSteps, gpuHours(seconds),
        points, notes);
  }

  /** Micro-batch counts of the ramp's batch sizes that the schedule accepts, from the smallest valid up. */
  private List<Integer> rampMicroBatches(BatchRamp ramp) {
    PlanSpec plan = scenario.plan();
    int perMicroBatch = perStepSequencesPerMicroBatch();
    int low = Math.max(1, ramp.fromSequences() / perMicroBatch);
    int high = ramp.toSequences() / perMicroBatch;
    List<Integer> points = new ArrayList<>();
    for (int i = 0; i < RAMP_POINTS - 1; i++) {
      int target = low + (high - low) * i / (RAMP_POINTS - 1);
      int valid = smallestValidAtLeast(plan, target, high);
      if (valid < high && !points.contains(valid)) {
        points.add(valid);
      }
    }
    return points;
  }

  private StepReport counted(StepReport step) {
    progress.accept(++simulated);
    return step;
  }

  private int smallestValidAtLeast(PlanSpec plan, int microBatches, int limit) {
    for (int c = microBatches; c < limit; c++) {
      try {
        Schedules.generate(plan.schedule(), plan.pp(), c, plan.virtualStages());
        return c;
      } catch (InvalidInputException refused) {
        // not a micro-batch count this schedule takes; try the next
      }
    }
    return limit;
  }

  /** Step seconds at {@code microBatches}, linear between simulated points and beyond the end ones. */
  private static double interpolate(List<StepReport> points, double microBatches) {
    List<StepReport> sorted = new ArrayList<>(points);
    sorted.sort((a, b) -> Integer.compare(a.microBatches(), b.microBatches()));
    if (sorted.size() == 1) {
      return sorted.get(0).stepSeconds() * microBatches / sorted.get(0).microBatches();
    }
    int i = 0;
    while (i < sorted.size() - 2 && microBatches > sorted.get(i + 1).microBatches()) {
      i++;
    }
    StepReport a = sorted.get(i);
    StepReport b = sorted.get(i + 1);
    double slope = (b.stepSeconds() - a.stepSeconds()) / (b.microBatches() - a.microBatches());
    return a.stepSeconds() + slope * (microBatches - a.microBatches());
  }

  private static String contextName(TrainingPhase phase) {
    return "context extension " + (phase.sequenceLength() / 1024) + "K";
  }

  private PhaseResult contextExtension(TrainingPhase phase, PlanSpec plan, StepReport step) {
    String name = contextName(phase);
    int microBatches = step.microBatches();
    double seconds = phase.steps() * step.stepSeconds();
    String split = plan.cp() == 1 ? "cp 1 (each sequence on one GPU)" : String.format(
        "cp %d (each sequence split over %d GPUs, %s all-gathered before each attention core)", plan.cp(), plan.cp(),
        scenario.contextExchange() == ContextExchange.LATENT ? "MLA's latent" : "K and V");
    List<String> notes = List.of(String.format("plan: %s, %d micro-batches per pipeline", split, microBatches));
    return new PhaseResult(name, phase.tokens(), phase.steps(), step.stepSeconds(), gpuHours(seconds), List.of(step), notes);
  }

  private PhaseResult postTraining(TrainingRecipe recipe, StepReport main) {
    double tokens = recipe.sftSamples() * recipe.sftEpochs() * scenario.sftTokensPerSample();
    double seconds = tokens / main.tokensPerStep() * main.stepSeconds();
    List<String> notes = List.of("SFT only, at the main pre-training step's cost per token; " + scenario.sftTokensSource(),
        "reinforcement learning (" + recipe.reinforcement() + ") is not modelled");
    return new PhaseResult("post-training", tokens, tokens / main.tokensPerStep(), main.stepSeconds(), gpuHours(seconds),
        List.of(), notes);
  }

  private int perStepSequencesPerMicroBatch() {
    return scenario.plan().batchReplicas() * scenario.plan().microBatchSequences();
  }

  /**
   * The most micro-batches per pipeline a step is simulated with: the engine's events grow with
   * them (DeepSeek-V3's main step, 120 micro-batches, fires 4.2M events in about 2 s), so 2,048 keep
   * one step within about half a minute. Beyond it a layout has left almost no data-parallel
   * replicas to share the batch (DeepSeek-V2 with cp = 128: 9,216 micro-batches of 32 tokens).
   */
  static final int MAX_MICRO_BATCHES = 2048;

  /**
   * Micro-batches per pipeline for a global batch; a batch that does not split evenly is refused, and
   * so is one that needs more than {@link #MAX_MICRO_BATCHES}, naming what set it in {@code planField}.
   */
  private static int microBatches(PlanSpec plan, String planField, int batchSequences, String field) {
    int perMicroBatch = plan.batchReplicas() * plan.microBatchSequences();
    if (batchSequences % perMicroBatch != 0) {
      throw new InvalidInputException(field, batchSequences + " sequences do not split into micro-batches of "
          + plan.microBatchSequences() + " over " + plan.batchReplicas() + " data-parallel replicas (dp / cp)");
    }
    int microBatches = batchSequences / perMicroBatch;
    if (microBatches > MAX_MICRO_BATCHES) {
      throw new InvalidInputException(planField + (plan.cp() > 1 ? ".cp" : ".microBatchSequences"), String.format(
          "%d sequences a step over %d data-parallel replicas (dp %d / cp %d) in micro-batches of %d make %,d micro-batches "
              + "per pipeline, more than the %,d a step is simulated with; lower cp or raise microBatchSequences",
          batchSequences, plan.batchReplicas(), plan.dp(), plan.cp(), plan.microBatchSequences(), microBatches,
          MAX_MICRO_BATCHES));
    }
    return microBatches;
  }

  private double gpuHours(double seconds) {
    return seconds * scenario.cluster().gpus() / 3600.0;
  }

  /**
   * Totals, and the run's MFU as its definition says: the model FLOPs of every phase's tokens
   * (recomputation not counted) over the run's GPU-seconds times the dense peak. Each phase's FLOPs
   * per token are at its sequence length.
   */
  private PlanResult summarize(List<PhaseResult> phases) {
    double gpuHours = phases.stream().mapToDouble(PhaseResult::gpuHours).sum();
    double days = gpuHours / scenario.cluster().gpus() / 24.0;
    double flops = 0;
    for (PhaseResult phase : phases) {
      List<StepReport> steps = phase.representativeSteps();
      int seq = steps.isEmpty() ? scenario.recipe().sequenceLength() : steps.get(steps.size() - 1).sequenceLength();
      flops += phase.tokens() * TrainingFlops.of(scenario.model(), seq, Recomputation.NONE).mainModelTotal();
    }
    double gpuSeconds = gpuHours * 3600;
    var gpu = scenario.cluster().gpu();
    double bf16 = gpuSeconds > 0 ? flops / (gpuSeconds * gpu.bf16FlopsPerSecond().value()) : 0;
    double fp8 = gpuSeconds > 0 && gpu.fp8FlopsPerSecond().value() > 0
        ? flops / (gpuSeconds * gpu.fp8FlopsPerSecond().value()) : 0;
    return new PlanResult(scenario, phases, gpuHours, days, gpuHours * scenario.usdPerGpuHour(), bf16, fp8);
  }
}
