package org.hourglass.scenarios;

import org.hourglass.reliability.ExpectedRun;
import org.hourglass.reliability.ReliabilitySpec;
import org.hourglass.reliability.RunShape;
import org.hourglass.sim.InvalidInputException;
import org.hourglass.workload.ParameterCounts;

/**
 * A planned run as it is expected to go with failures, restarts and checkpoints: the plan's
 * failure-free days replayed on the engine ({@link ExpectedRun}) with the scenario's reliability
 * figures. One checkpoint is what a restart needs, every parameter's FP32 master weight and two
 * optimizer moments in the recipe's dtypes (MTP module included); the working weights are made
 * again from the master copy.
 */
public final class RunReliability {
  /** Seeded runs at the scenario's interval, and at each interval of the sweep. */
  public static final int RUNS = 200;
  public static final int SWEEP_RUNS = 40;

  /** The expected run and what it costs. */
  public record Expected(ExpectedRun.Summary summary, boolean fromScenario, double checkpointBytes, double idealDays,
      double usdPerGpuHour, int gpus, String storageSource) {
    public double days(double wallSeconds) {
      return wallSeconds / 86_400;
    }

    /** GPU-hours of the whole cluster over {@code clusterSeconds} (time lost, down or stalled). */
    public double gpuHours(double clusterSeconds) {
      return clusterSeconds * gpus / 3600;
    }

    /** GPU-hours of the whole cluster over the expected run's mean finish: the like-for-like figure for a real run's. */
    public double meanGpuHours() {
      return gpuHours(summary.finish().meanSeconds());
    }

    /** Dollars for the cluster rented over {@code wallSeconds}. */
    public double usd(double wallSeconds) {
      return wallSeconds / 3600 * gpus * usdPerGpuHour;
    }
  }

  private RunReliability() {}

  public static Expected of(Scenario s, PlanResult plan) {
    ReliabilitySpec spec = s.reliability().spec();
    double bytes = checkpointBytes(s);
    RunShape shape = new RunShape(plan.days() * 86_400, s.cluster().gpus(), s.cluster().gpusPerNode(), bytes,
        s.cluster().base().storageWriteBytesPerSecond().value(), s.cluster().base().storageReadBytesPerSecond().value());
    requireReplayable(shape, spec);
    ExpectedRun.Summary summary = ExpectedRun.of(shape, spec, RUNS, SWEEP_RUNS, s.seed());
    var storage = s.cluster().base();
    return new Expected(summary, s.reliability().fromScenario(), bytes, plan.days(), s.usdPerGpuHour(), s.cluster().gpus(),
        "write: " + storage.storageWriteBytesPerSecond().source() + "; read: " + storage.storageReadBytesPerSecond().source());
  }

  /**
   * Refuses a run that would mostly fail ({@link ExpectedRun#replayable}), naming the checkpoint
   * interval where Young's interval would bring it within bounds and the reliability figures where
   * none would.
   */
  private static void requireReplayable(RunShape shape, ReliabilitySpec spec) {
    if (ExpectedRun.replayable(shape, spec)) {
      return;
    }
    double mtbf = 1 / spec.perSecond(shape.nodes());
    double young = ExpectedRun.youngSeconds(shape, spec);
    double atYoung = ExpectedRun.expectedWallSeconds(shape, spec, young) / shape.idealSeconds();
    double slowdown = ExpectedRun.expectedWallSeconds(shape, spec, spec.checkpointIntervalSeconds()) / shape.idealSeconds();
    String why = String.format("at a checkpoint every %.1f min, with a failure every %.1f min on average, the run is expected to"
        + " take %.3gx its %.1f failure-free days, past the %.0fx an expected run is replayed for;",
        spec.checkpointIntervalSeconds() / 60, mtbf / 60, slowdown, shape.idealSeconds() / 86_400, ExpectedRun.MAX_SLOWDOWN);
    if (atYoung <= ExpectedRun.MAX_SLOWDOWN) {
      throw new InvalidInputException("reliability.checkpoint.intervalMinutes", why
          + String.format(" at Young's interval, %.1f min, it would take %.2fx", young / 60, atYoung));
    }
    throw new InvalidInputException("reliability", why
        + String.format(" even at Young's interval, %.1f min, it would take %.3gx: fewer failures (rateScale, rates) or less time"
            + " down (detectMinutes, restartMinutes, hotSpares)", young / 60, atYoung));
  }

  /** Bytes of one checkpoint: parameters (MTP included) times master-weight and two moment bytes. */
  public static double checkpointBytes(Scenario s) {
    return (double) ParameterCounts.of(s.model()).checkpointWithMtp() * s.recipe().precision().optimizerStateBytesPerParameter();
  }
}
