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
 * The cheapest plan for a scenario that fits in memory and meets a deadline, over cluster sizes,
 * tensor, pipeline and expert degrees, schedules, micro-batch sizes, node limits and global batch
 * sizes; with the Pareto front of days against dollars across them. A candidate whose compute bound
 * ({@link #computeBoundDays}) already misses the deadline is refused before its step is simulated. Each candidate
 * is priced from its main pre-training step, simulated on every GPU: the whole run's tokens at that
 * step's cost per token (ramp and long-context phases are not simulated per candidate); the chosen
 * one is then planned in full ({@link #wholeRun}), as {@code plan} prices it. Candidates that do not
 * fit or cannot run are kept with their reason.
 */
public final class PlanSearch {
  /**
   * The space searched. {@code tp} empty: the scenario's; {@code globalBatchSequences} empty: the
   * recipe's batch at the end of its ramp.
   */
  public record Space(List<Integer> gpus, List<Integer> tp, List<Integer> pp, List<Integer> ep, List<ScheduleKind> schedules,
      List<Integer> microBatchSequences, List<Integer> nodeLimits, List<Integer> virtualStages, List<Integer> globalBatchSequences) {
    /**
     * The space as {@code NAME=V1,V2} arguments ({@code tp=} and {@code globalBatch=} empty where the
     * scenario's and the recipe's are meant): how a search is handed to a Spark job.
     */
    public List<String> toArgs() {
      return List.of("gpus=" + join(gpus), "tp=" + join(tp), "pp=" + join(pp), "ep=" + join(ep),
          "schedules=" + String.join(",", schedules.stream().map(ScheduleKind::cliName).toList()),
          "microBatchSequences=" + join(microBatchSequences), "nodeLimits=" + join(nodeLimits),
          "virtualStages=" + join(virtualStages), "globalBatch=" + join(globalBatchSequences));
    }

    /** The space {@link #toArgs} wrote; a missing or malformed argument names {@code --space}. */
    public static Space fromArgs(List<String> args) {
      Map<String, String> named = new java.util.HashMap<>();
      for (String arg : args) {
        int eq = arg.indexOf('=');
        if (eq <= 0) {
          throw new InvalidInputException("--space", "'" + arg + "' is not NAME=V1,V2,...");
        }
        named.put(arg.substring(0, eq), arg.substring(eq + 1));
      }
      List<String> names = List.of("gpus", "tp", "pp", "ep", "schedules", "microBatchSequences", "nodeLimits", "virtualStages",
          "globalBatch");
      for (String name : names) {
        if (!named.containsKey(name)) {
          throw new InvalidInputException("--space", "needs " + name + "= (all of " + String.join(", ", names) + ")");
        }
      }
      List<ScheduleKind> kinds = named.get("schedules").isEmpty() ? List.of()
          : java.util.Arrays.stream(named.get("schedules").split(",")).map(k -> ScheduleKind.parse("--space", k)).toList();
      return new Space(ints(named.get("gpus")), ints(named.get("tp")), ints(named.get("pp")), ints(named.get("ep")), kinds,
          ints(named.get("microBatchSequences")), ints(named.get("nodeLimits")), ints(named.get("virtualStages")),
          ints(named.get("globalBatch")));
    }

    private static String join(List<Integer> values) {
      return String.join(",", values.stream().map(String::valueOf).toList());
    }

    private static List<Integer> ints(String text) {
      try {
        return text.isEmpty() ? List.of() : java.util.Arrays.stream(text.split(",")).map(Integer::valueOf).toList();
      } catch (NumberFormatException e) {
        throw new InvalidInputException("--space", "'" + text + "' is not a list of whole numbers");
      }
    }

    /** The space over one cluster size, the scenario's tp and the recipe's batch. */
    public Space(int gpus, List<Integer> pp, List<Integer> ep, List<ScheduleKind> schedules, List<Integer> microBatchSequences,
        List<Integer> nodeLimits, List<Integer> virtualStages) {
      this(List.of(gpus), List.of(), pp, ep, schedules, microBatchSequences, nodeLimits, virtualStages, List.of());
    }
  }

  /**
   * One candidate: its plan on {@code gpus} GPUs at {@code globalBatchSequences}, estimated GPU-hours,
   * days and cost, or why it was refused; {@code simulated} false for one refused before its step ran.
   */
  public record Candidate(PlanSpec plan, int gpus, int globalBatchSequences, StepReport step, double gpuHours, double days,
      double costUsd, String refusal) implements java.io.Serializable {
    public boolean feasible() {
      return refusal == null;
    }
  }

  /** The refusal of a candidate pruned by the compute bound (it starts with this). */
  public static final String PRUNED = "pruned before simulating: ";

  private PlanSearch() {}

  /** Evaluates every candidate of {@code space}; returns them cheapest first, refused ones last. */
  public static List<Candidate> run(String scenario, double deadlineDays, Space space, ComputeCostsProvider costs,
      int threads, IntConsumer progress) {
    Map<Integer, Scenario> bases = new java.util.concurrent.ConcurrentHashMap<>();
    Map<Integer, StepSimulator> simulators = new java.util.concurrent.ConcurrentHashMap<>();
    return rank(ParallelRuns.map(points(scenario, space), p -> {
      Scenario base = bases.computeIfAbsent(p.gpus(), g -> base(scenario, g));
      // one simulator per cluster size: candidates that share an expert group, micro-batch and node
      // limit share its routing draws, computed once (they depend on nothing else)
      StepSimulator steps = simulators.computeIfAbsent(p.gpus(), g -> new StepSimulator(base.job(), costs));
      return evaluate(base, steps, p, deadlineDays);
    }, threads, progress));
  }

  /**
   * One candidate before it is priced: a plan on a cluster size at a global batch. What a search
   * hands to a worker (a Spark task), which prices it with {@link #evaluate(String, Point, double,
   * ComputeCostsProvider)}.
   */
  public record Point(int gpus, PlanSpec plan, int globalBatchSequences) implements java.io.Serializable {}

  /** The candidates of {@code space}, in the order the ranking breaks ties by. */
  public static List<Point> points(String scenario, Space space) {
    List<Point> points = new ArrayList<>();
    for (int g : space.gpus()) {
      Scenario base = base(scenario, g);
      List<Integer> batches = space.globalBatchSequences().isEmpty() ? List.of(base.recipe().batchRamp().toSequences())
          : space.globalBatchSequences();
      for (PlanSpec plan : candidates(base, space)) {
        for (int batch : batches) {
          points.add(new Point(g, plan, batch));
        }
      }
    }
    return points;
  }

  /** Prices one candidate of {@code scenario}, loading the scenario at its cluster size. */
  public static Candidate evaluate(String scenario, Point point, double deadlineDays, ComputeCostsProvider costs) {
    Scenario base = base(scenario, point.gpus());
    return evaluate(base, new StepSimulator(base.job(), costs), point, deadlineDays);
  }

  /** Candidates cheapest first, refused ones last, ties in the order given. */
  public static List<Candidate> rank(List<Candidate> candidates) {
    List<Candidate> results = new ArrayList<>(candidates);
    results.sort(Comparator.comparing((Candidate c) -> !c.feasible()).thenComparingDouble(c -> c.feasible() ? c.costUsd() : 0));
    return results;
  }

  private static Scenario base(String scenario, int gpus) {
    return ScenarioLoader.load(scenario, Map.of("cluster.gpus", Integer.toString(gpus)));
  }

  /**
   * The feasible candidates no other beats on both days and dollars, fastest first: what a planner
   * trades between (more GPUs finish sooner and usually cost more).
   */
  public static List<Candidate> paretoFront(List<Candidate> ranked) {
    List<Candidate> byDays = ranked.stream().filter(Candidate::feasible)
        .sorted(Comparator.comparingDouble(Candidate::days).thenComparingDouble(Candidate::costUsd)).toList();
    List<Candidate> front = new ArrayList<>();
    double cheapest = Double.POSITIVE_INFINITY;
    for (Candidate c : byDays) {
      if (c.costUsd() < cheapest) {
        front.add(c);
        cheapest = c.costUsd();
      }
    }
    return front;
  }

  /** How many candidates the compute bound pruned before their step was simulated. */
  public static long pruned(List<Candidate> ranked) {
    return ranked.stream().filter(c -> c.refusal() != null && c.refusal().startsWith(PRUNED)).count();
  }

  /** How many candidates a space holds, for the progress bar. */
  public static int size(Space space) {
    int schedules = 0;
    for (ScheduleKind s : space.schedules()) {
      schedules += s == ScheduleKind.INTERLEAVED_1F1B ? space.virtualStages().size() : 1;
    }
    return space.gpus().size() * Math.max(1, space.tp().size()) * space.pp().size() * space.ep().size() * schedules
        * space.microBatchSequences().size() * space.nodeLimits().size() * Math.max(1, space.globalBatchSequences().size());
  }

  private static List<PlanSpec> candidates(Scenario base, Space space) {
    int gpus = base.cluster().gpus();
    List<PlanSpec> plans = new ArrayList<>();
    for (int tp : space.tp().isEmpty() ? List.of(base.plan().tp()) : space.tp()) {
      for (int pp : space.pp()) {
        for (int ep : space.ep()) {
          for (ScheduleKind schedule : space.schedules()) {
            for (int mbs : space.microBatchSequences()) {
              for (int limit : space.nodeLimits()) {
                int dp = gpus % (pp * tp) == 0 ? gpus / (pp * tp) : 0;
                for (int v : schedule == ScheduleKind.INTERLEAVED_1F1B ? space.virtualStages() : List.of(1)) {
                  plans.add(new PlanSpec(pp, ep, dp, 1, schedule, mbs, limit, base.plan().communicationSms(), tp, v));
                }
              }
            }
          }
        }
      }
    }
    return plans;
  }

  private static Candidate evaluate(Scenario base, StepSimulator steps, Point point, double deadlineDays) {
    PlanSpec plan = point.plan();
    int gpus = base.cluster().gpus();
    int batch = point.globalBatchSequences();
    try {
      if (plan.dp() == 0 || plan.dp() % plan.ep() != 0) {
        throw new InvalidInputException("plan", "tp " + plan.tp() + " x pp " + plan.pp() + " x ep " + plan.ep()
            + " does not tile " + gpus + " GPUs");
      }
      int perMicroBatch = plan.batchReplicas() * plan.microBatchSequences();
      if (batch % perMicroBatch != 0) {
        throw new InvalidInputException("plan", batch + " sequences do not split over " + perMicroBatch);
      }
      double tokens = base.recipe().tokens() + base.recipe().contextExtensionTokens();
      double boundDays = computeBoundDays(base, tokens);
      if (boundDays > deadlineDays) {
        return new Candidate(plan, gpus, batch, null, 0, 0, 0, String.format("%sat the dense peak with no idle time the run"
            + " still takes %.1f days > %.1f", PRUNED, boundDays, deadlineDays));
      }
      StepReport step = steps.simulate("search", plan, base.recipe().sequenceLength(),
          batch / perMicroBatch, SpanRecorder.OFF);
      double gpuHours = tokens / step.tokensPerStep() * step.stepSeconds() * gpus / 3600;
      double days = gpuHours / gpus / 24;
      String late = days > deadlineDays ? String.format("misses the deadline: %.1f days > %.1f", days, deadlineDays) : null;
      return new Candidate(plan, gpus, batch, step, gpuHours, days, gpuHours * base.usdPerGpuHour(), late);
    } catch (InvalidInputException refused) {
      return new Candidate(plan, gpus, batch, null, 0, 0, 0, refused.getMessage());
    }
  }

  /**
   * {@code c}'s run planned in full, as {@code plan} prices it: the batch ramp and the long-context
   * phases simulated, not the whole run at the main step's cost per token. The search ranks by the
   * main step (one simulation per candidate); this prices the one it picks, so that search and plan
   * give one answer for one layout.
   */
  public static PlanResult wholeRun(String scenario, Candidate c, ComputeCostsProvider costs, int threads) {
    PlanSpec p = c.plan();
    Map<String, String> overrides = new java.util.LinkedHashMap<>();
    overrides.put("cluster.gpus", Integer.toString(c.gpus()));
    overrides.put("plan.pp", Integer.toString(p.pp()));
    overrides.put("plan.tp", Integer.toString(p.tp()));
    overrides.put("plan.ep", Integer.toString(p.ep()));
    overrides.put("plan.schedule", p.schedule().cliName());
    overrides.put("plan.microBatchSequences", Integer.toString(p.microBatchSequences()));
    overrides.put("plan.nodeLimit", Integer.toString(p.nodeLimit()));
    if (p.schedule() == ScheduleKind.INTERLEAVED_1F1B) {
      overrides.put("plan.virtualStages", Integer.toString(p.virtualStages()));
    }
    Scenario base = ScenarioLoader.load(scenario, Map.of("cluster.gpus", Integer.toString(c.gpus())));
    if (c.globalBatchSequences() != base.recipe().batchRamp().toSequences()) {
      overrides.put("recipe.batchRamp.toSequences", Integer.toString(c.globalBatchSequences()));
    }
    List<String> removed = new ArrayList<>(List.of("plan.dp"));
    if (p.schedule() != ScheduleKind.INTERLEAVED_1F1B) {
      removed.add("plan.virtualStages");
    }
    return new TrainingRunPlanner(ScenarioLoader.load(scenario, overrides, removed), costs).threads(threads).plan();
  }

  /** Whether {@code c} is the scenario's own layout ({@code base} as written), on its own cluster size and batch. */
  public static boolean isScenarioLayout(Scenario base, Candidate c) {
    return c.gpus() == base.cluster().gpus() && c.globalBatchSequences() == base.recipe().batchRamp().toSequences()
        && c.plan().equals(base.plan());
  }

  /**
   * A lower bound on the run's days from first principles: the model's FLOPs for every token
   * (recomputation not counted) at the GPUs' dense peak of the fastest dtype the run uses (FP8
   * where it trains in FP8), with nothing idle. No plan beats it, so a candidate whose bound misses
   * the deadline is refused without simulating its step.
   */
  static double computeBoundDays(Scenario base, double tokens) {
    var gpu = base.cluster().gpu();
    double peak = base.job().fp8() && gpu.fp8FlopsPerSecond().value() > 0 ? gpu.fp8FlopsPerSecond().value()
        : gpu.bf16FlopsPerSecond().value();
    double flops = tokens * org.hourglass.workload.TrainingFlops.of(base.model(), base.recipe().sequenceLength(),
        org.hourglass.workload.Recomputation.NONE).mainModelTotal();
    return flops / (peak * base.cluster().gpus()) / 86_400;
  }

  /**
   * Why {@code other} loses to {@code best}: its cost against the best's, and the step-time components
   * that grew most, in GPU-seconds per token (so plans on different cluster sizes compare) expressed
   * per step of the best's tokens and GPUs.
   */
  public static String whyItLoses(Candidate best, Candidate other) {
    if (!other.feasible()) {
      return other.refusal();
    }
    StepReport a = best.step();
    StepReport b = other.step();
    double scale = (double) other.gpus() / best.gpus() * a.tokensPerStep() / b.tokensPerStep();
    List<String> parts = new ArrayList<>();
    double computeDelta = b.computeSeconds() * scale - a.computeSeconds();
    parts.add(String.format("compute %+.2f s", computeDelta));
    for (IdleReason reason : IdleReason.values()) {
      double delta = b.idleSeconds().get(reason) * scale - a.idleSeconds().get(reason);
      if (Math.abs(delta) >= 0.05) {
        parts.add(String.format("%s %+.2f s", reason.label(), delta));
      }
    }
    return String.format("%+.1f%% cost; per step of the best's tokens on its GPUs: %s", 100 * (other.costUsd() / best.costUsd() - 1),
        String.join(", ", parts));
  }
}
