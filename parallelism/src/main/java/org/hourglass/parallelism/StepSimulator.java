package org.hourglass.parallelism;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hourglass.comm.Fabric;
import org.hourglass.comm.MoeRouting;
import org.hourglass.dualpipe.Route;
import org.hourglass.dualpipe.Schedule;
import org.hourglass.dualpipe.Schedules;
import org.hourglass.hardware.ClusterFigures;
import org.hourglass.parallelism.costs.ComputeCosts;
import org.hourglass.parallelism.costs.ComputeCostsProvider;
import org.hourglass.parallelism.costs.ContextParallel;
import org.hourglass.parallelism.costs.ExpertTraffic;
import org.hourglass.parallelism.costs.StepCostModel;
import org.hourglass.parallelism.costs.TensorParallel;
import org.hourglass.parallelism.step.IdleReason;
import org.hourglass.parallelism.step.StageWork;
import org.hourglass.parallelism.step.StepResult;
import org.hourglass.parallelism.step.StepSimulation;
import org.hourglass.sim.InvalidInputException;
import org.hourglass.sim.SimTime;
import org.hourglass.sim.SpanRecorder;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.MemoryBreakdown;
import org.hourglass.workload.MoeSpec;
import org.hourglass.workload.PipelineSchedule;
import org.hourglass.workload.Recomputation;
import org.hourglass.workload.TrainingFlops;
import org.hourglass.workload.TrainingLayout;
import org.hourglass.workload.TrainingMemory;
import org.hourglass.workload.StagePlan;
import org.hourglass.workload.TrainingRecipe;

/**
 * Simulates one training step of a job's phase on every GPU: builds the schedule, the rank
 * map, each stage's work from the cost models, the data-parallel sync and optimizer times, runs
 * {@link StepSimulation}, and reports where the time went.
 */
public final class StepSimulator {
  /** Assumed link latencies: 1 us over NVLink, 2 us over InfiniBand (microseconds against milliseconds). */
  public static final long NVLINK_LATENCY_PS = SimTime.PS_PER_US;
  public static final long IB_LATENCY_PS = 2 * SimTime.PS_PER_US;
  /** Assumed: each fat-tree level beyond leaf-spine adds two switch hops of about 0.25 us. */
  public static final long SWITCH_LEVEL_PS = SimTime.PS_PER_US / 2;

  /** Scale-out latency through a fat-tree of {@code levels}: {@link #IB_LATENCY_PS} at two levels. */
  public static long ibLatencyPs(int levels) {
    return Math.max(SimTime.PS_PER_US, IB_LATENCY_PS + (levels - 2) * SWITCH_LEVEL_PS);
  }

  private static final Map<String, String> PLAN_FIELDS = Map.of("--pp", "plan.pp", "--ep", "plan.ep", "--dp", "plan.dp",
      "--tp", "plan.tp", "--micro-batch", "plan.microBatchSequences", "--seq-len", "recipe.sequenceLength");

  private final TrainingJob job;
  private final ComputeCostsProvider costs;
  private final Map<String, ExpertTraffic> trafficCache = new java.util.concurrent.ConcurrentHashMap<>();

  public StepSimulator(TrainingJob job, ComputeCostsProvider costs) {
    this.job = job;
    this.costs = costs;
  }

  /** The job whose steps this simulates. */
  public TrainingJob job() {
    return job;
  }

  /**
   * The per-GPU training memory of {@code plan} (workload's model: weights, gradients, ZeRO-1
   * sharded optimizer states, activations of the schedule's micro-batches in flight), or empty for a
   * schedule the memory model does not know. Under context parallelism a GPU holds seq / cp tokens
   * of each micro-batch, and its activations include one layer's gathered keys and values of the
   * whole sequence ({@link ContextParallel#workspaceBytes}).
   */
  public Optional<MemoryBreakdown> memory(PlanSpec plan, int sequenceLength) {
    return memory(job, plan, sequenceLength);
  }

  /** As {@link #memory(PlanSpec, int)}, for {@code job}'s steps, with no cost model (memory needs none). */
  public static Optional<MemoryBreakdown> memory(TrainingJob job, PlanSpec plan, int sequenceLength) {
    PipelineSchedule schedule;
    try {
      schedule = PipelineSchedule.parse(plan.schedule().cliName(), "plan.schedule");
    } catch (InvalidInputException unknownToTheMemoryModel) {
      return Optional.empty();
    }
    try {
      TrainingLayout layout = new TrainingLayout(plan.pp(), plan.ep(), plan.dp(), plan.tp(), schedule,
          plan.microBatchSequences(), sequenceLength / plan.cp(), Math.max(plan.virtualStages(), PipelineSchedule.INTERLEAVED_CHUNKS));
      TrainingRecipe recipe = job.recipe();
      double exchange = ContextParallel.workspaceBytes(job.model().attention(), plan.tp(), plan.cp(), job.contextExchange(),
          sequenceLength);
      return Optional.of(TrainingMemory.peak(job.model(), layout, recipe.precision(), recipe.recomputation(),
          recipe.dataParallelSharding(), job.cluster().gpu()).plusActivations(exchange));
    } catch (InvalidInputException refused) {
      // the layout names the memory command's flags; a plan's user wrote plan fields
      throw new InvalidInputException(PLAN_FIELDS.getOrDefault(refused.field(), refused.field()), refused.reason());
    }
  }

  /** Refuses a plan whose busiest GPU does not fit in HBM, naming the phase and the parts. */
  private void requireFits(String phase, PlanSpec plan, int sequenceLength) {
    memory(plan, sequenceLength).filter(m -> !m.fits()).ifPresent(m -> {
      throw new InvalidInputException("plan", String.format(
          "%s does not fit in memory: pipeline rank %d needs %.1f GiB of %.1f GiB (weights %.1f, gradients %.1f, "
              + "optimizer %.1f, activations %.1f for %d micro-batches in flight)", phase, m.rank(), gib(m.totalBytes()),
          gib(m.hbmBytes()), gib(m.weightBytes()), gib(m.gradientBytes()),
          gib(m.masterWeightBytes() + m.optimizerMomentBytes()), gib(m.activationBytes()), m.microBatchesInFlight()));
    });
  }

  private static double gib(double bytes) {
    return bytes / (1L << 30);
  }

  /** One step of {@code phase} with {@code microBatches} micro-batches per pipeline. */
  public StepReport simulate(String phase, PlanSpec plan, int sequenceLength, int microBatches, SpanRecorder spans) {
    return simulate(phase, plan, sequenceLength, microBatches, spans, true);
  }

  /**
   * As above, the step's independent replica blocks on the common fork-join pool when
   * {@code blocksInParallel}, else one after another; the result is the same either way
   * ({@link StepSimulation}).
   */
  public StepReport simulate(String phase, PlanSpec plan, int sequenceLength, int microBatches, SpanRecorder spans,
      boolean blocksInParallel) {
    requireTensorParallelFits(plan);
    requireFits(phase, plan, sequenceLength);
    long wallStart = System.nanoTime();
    Architecture model = job.model();
    ClusterFigures cluster = job.cluster();
    Schedule schedule = Schedules.generate(plan.schedule(), plan.pp(), microBatches, plan.virtualStages());
    // one simulated replica is a tensor-parallel group: its tp GPUs do the same work in lockstep
    RankMap ranks = new RankMap(plan.pp(), plan.dp(), plan.ep(), cluster.gpusPerNvlinkDomain() / plan.tp());
    Fabric fabric = fabric();
    long tokens = (long) plan.microBatchSequences() * sequenceLength / plan.cp();
    int computeSms = computeSms(plan);
    ComputeCosts compute = costs.forGpu(cluster.gpu(), computeSms, job.kernels()).withAttention(job.attention());
    ExpertTraffic traffic = traffic(plan, fabric, (int) tokens);
    StepCostModel work = new StepCostModel(model, compute, traffic, job.fp8(), tokens, sequenceLength / 2.0,
        plan.dp(), plan.ep(), new TensorParallel(plan.tp(), fabric.nvlink()), contextParallel(job, plan, fabric),
        job.recipe().recomputation());
    long handoffLatencyPs = ibLatencyPs(cluster.switchLevels());
    long handoffPs = handoffLatencyPs + SimTime.transferPs(work.handoffBytes(), cluster.ibBytesPerSecond());
    int[][] stagesOfRank = stagesOfRanks(schedule);
    StageWork[] stages = work.stages(stagesOfRank, schedule.stages(), handoffPs, handoffLatencyPs,
        job.recipe().stageSplit());
    EndOfStep end = EndOfStep.of(plan, stagesOfRank, schedule.stageReplicas(), work.split(), fabric, compute,
        job.recipe().precision());
    StepResult result = new StepSimulation(schedule, ranks, stages, end.syncPs(), end.optimizerPs(), spans)
        .run(blocksInParallel);
    double stepSeconds = SimTime.toSeconds(result.stepPs());
    double tokensPerStep = (double) microBatches * plan.batchReplicas() * plan.microBatchSequences() * sequenceLength;
    double usefulFlops = TrainingFlops.of(model, sequenceLength, Recomputation.NONE).mainModelTotal() * tokensPerStep;
    double gpuSeconds = stepSeconds * ranks.gpus() * plan.tp();
    return new StepReport(phase, sequenceLength, microBatches, tokensPerStep, stepSeconds,
        SimTime.toSeconds((long) result.meanComputeBusyPs()), shares(work.computeMixSeconds()), idleSeconds(result),
        usefulFlops / (gpuSeconds * cluster.gpu().bf16FlopsPerSecond().value()),
        cluster.gpu().fp8FlopsPerSecond().value() > 0 ? usefulFlops / (gpuSeconds * cluster.gpu().fp8FlopsPerSecond().value()) : 0,
        model.moe().isPresent() ? traffic.draw(0, 0).bottleneck() : "none", result.eventsFired(),
        (System.nanoTime() - wallStart) / 1e9, blocksPerStage(work.split(), schedule.stages()));
  }

  private static int[] blocksPerStage(StagePlan split, int stages) {
    int[] blocks = new int[stages];
    for (int s = 0; s < stages; s++) {
      blocks[s] = split.blocks(s);
    }
    return blocks;
  }

  /**
   * Tensor parallelism as modelled: groups inside one node, a dense model (experts are not split),
   * heads and FFN width that divide evenly.
   */
  private void requireTensorParallelFits(PlanSpec plan) {
    int tp = plan.tp();
    if (tp == 1) {
      return;
    }
    Architecture model = job.model();
    if (job.cluster().gpusPerNvlinkDomain() % tp != 0) {
      throw new InvalidInputException("plan.tp", tp + " does not divide the " + job.cluster().gpusPerNvlinkDomain()
          + " GPUs of an NVLink domain (tensor-parallel groups stay on NVLink)");
    }
    if (model.moe().isPresent()) {
      throw new InvalidInputException("plan.tp", "tensor parallelism of an MoE model is not modelled; use ep (tp must be 1)");
    }
    var a = model.attention();
    if (a.heads() % tp != 0 || (a.kvHeads() % tp != 0 && tp % a.kvHeads() != 0)) {
      throw new InvalidInputException("plan.tp", tp + " does not split " + a.heads() + " query and " + a.kvHeads()
          + " key/value heads evenly");
    }
    if (model.denseIntermediateSize() % tp != 0 || model.vocabSize() % tp != 0) {
      throw new InvalidInputException("plan.tp", tp + " does not divide the FFN width " + model.denseIntermediateSize()
          + " and the vocabulary " + model.vocabSize());
    }
  }

  /**
   * The plan's context-parallel group: on NVLink when it fits in one NVLink domain beside the
   * tensor-parallel group (CP next to TP in Llama 3's [TP, CP, PP, DP] order), else on the scale-out NIC.
   */
  private static ContextParallel contextParallel(TrainingJob job, PlanSpec plan, Fabric fabric) {
    if (plan.cp() == 1) {
      return ContextParallel.NONE;
    }
    boolean inDomain = plan.tp() * plan.cp() <= job.cluster().gpusPerNvlinkDomain();
    return new ContextParallel(plan.cp(), inDomain ? fabric.nvlink() : fabric.infiniband(), job.contextExchange());
  }

  private int computeSms(PlanSpec plan) {
    int sms = (int) job.cluster().gpu().sms().value();
    if (plan.communicationSms() >= sms) {
      throw new InvalidInputException("plan.communicationSms", plan.communicationSms() + " leaves none of the GPU's "
          + sms + " SMs to compute");
    }
    return sms - plan.communicationSms();
  }

  /** The cluster's links as comm-models sees them. */
  Fabric fabric() {
    return fabricOf(job.cluster());
  }

  /** A cluster's links as comm-models sees them: its NVLink domain as the "node"; latencies are the assumed constants above. */
  public static Fabric fabricOf(ClusterFigures c) {
    return new Fabric(c.gpusPerNvlinkDomain(), c.nvlinkBytesPerSecond(), c.ibBytesPerSecond(), NVLINK_LATENCY_PS,
        ibLatencyPs(c.switchLevels()), c.nvlinkSource() + "; " + c.ibSource());
  }

  private ExpertTraffic traffic(PlanSpec plan, Fabric fabric, int tokens) {
    MoeSpec moe = job.model().moe().orElse(null);
    if (moe == null) {
      return null;
    }
    String key = plan.ep() + "/" + tokens + "/" + plan.nodeLimit() + "/" + plan.communicationSms();
    return trafficCache.computeIfAbsent(key, k -> new ExpertTraffic(ExpertTraffic.routingOf(job.model(), job.fp8()),
        fabric, plan.ep(), tokens, plan.nodeLimit(), plan.communicationSms(), job.routingSkew(),
        job.routingSamples(), job.seed()));
  }

  private static int[][] stagesOfRanks(Schedule schedule) {
    int[][] stages = new int[schedule.ranks()][];
    for (int rank = 0; rank < schedule.ranks(); rank++) {
      stages[rank] = stagesOf(schedule, rank).stream().mapToInt(Integer::intValue).toArray();
    }
    return stages;
  }

  private static Set<Integer> stagesOf(Schedule schedule, int rank) {
    Set<Integer> stages = new TreeSet<>();
    for (Route route : schedule.routes()) {
      for (int s = 0; s < route.stages(); s++) {
        if (route.rank(s) == rank) {
          stages.add(s);
        }
      }
    }
    return stages;
  }

  private static double[] shares(double[] seconds) {
    double total = Arrays.stream(seconds).sum();
    return Arrays.stream(seconds).map(s -> total > 0 ? s / total : 0).toArray();
  }

  private static Map<IdleReason, Double> idleSeconds(StepResult result) {
    Map<IdleReason, Double> seconds = new java.util.EnumMap<>(IdleReason.class);
    result.meanIdlePs().forEach((reason, ps) -> seconds.put(reason, ps / SimTime.PS_PER_S));
    return seconds;
  }
}
