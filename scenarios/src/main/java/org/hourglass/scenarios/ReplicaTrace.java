package org.hourglass.scenarios;

import java.util.function.Predicate;
import org.hourglass.parallelism.PlanSpec;
import org.hourglass.parallelism.RankMap;
import org.hourglass.sim.FilteredSpanRecorder;
import org.hourglass.sim.SpanLog;

/**
 * The spans of one pipeline replica of the main pre-training step: the step is simulated on every
 * GPU (stragglers and expert groups need them all), but only the GPUs of one replica, one per
 * pipeline rank, are recorded, so a trace holds tens of thousands of spans instead of millions.
 * Which GPUs those are comes from the same {@link RankMap} the simulation uses.
 */
public final class ReplicaTrace {
  private ReplicaTrace() {}

  /** Simulates the main step of {@code scenario} again and keeps the spans of data-parallel replica {@code replica}. */
  public static SpanLog mainStep(TrainingRunPlanner planner, Scenario scenario, int replica) {
    SpanLog log = new SpanLog();
    planner.mainStep(new FilteredSpanRecorder(log, resourcesOf(scenario, replica)));
    return log;
  }

  /** Accepts the resources {@code gpuN/stream} whose GPU N belongs to {@code replica}; nothing else. */
  public static Predicate<String> resourcesOf(Scenario scenario, int replica) {
    PlanSpec plan = scenario.plan();
    if (replica < 0 || replica >= plan.dp()) {
      throw new IllegalArgumentException("replica " + replica + " is not in 0.." + (plan.dp() - 1));
    }
    RankMap ranks = new RankMap(plan.pp(), plan.dp(), plan.ep(), scenario.cluster().gpusPerNvlinkDomain() / plan.tp());
    return name -> {
      int gpu = gpuOf(name);
      return gpu >= 0 && gpu < ranks.gpus() && ranks.replica(gpu) == replica;
    };
  }

  /** N of a resource named {@code gpuN/...}, or -1 for any other name. */
  static int gpuOf(String resource) {
    int slash = resource.indexOf('/');
    if (!resource.startsWith("gpu") || slash <= 3) {
      return -1;
    }
    try {
      return Integer.parseInt(resource.substring(3, slash));
    } catch (NumberFormatException notAGpu) {
      return -1;
    }
  }
}
