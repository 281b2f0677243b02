package org.hourglass.reliability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The run as it is expected to go: {@code runs} seeded replays ({@link RunSimulation}) summarised as
 * percentiles of the finish, mean goodput, interruptions and lost time by component; and the same
 * at a sweep of checkpoint intervals around Young's optimum, to find the best interval on the
 * engine and set it beside the closed forms.
 *
 * <p>Young (1974): tau = sqrt(2 delta M), delta the checkpoint stall and M the mean time between
 * failures. Daly (2006), as commonly quoted: tau = sqrt(2 delta M) (1 + sqrt(delta / 2M) / 3 +
 * (delta / 2M) / 9) - delta for delta < 2M, else M. First-order fraction lost: delta / tau +
 * (tau / 2 + R) / M, R the time down per failure (reference/reliability.md s3).
 */
public final class ExpectedRun {
  /** Percentiles of a run's wall seconds. */
  public record Finish(double p50Seconds, double p90Seconds, double p99Seconds, double meanSeconds) {}

  /** One point of the interval sweep: the interval and the mean wall seconds there. */
  public record IntervalPoint(double intervalSeconds, double meanWallSeconds) {}

  /**
   * The summary. Means are over the runs; by-class arrays follow the spec's components.
   *
   * @param finishes every run's wall seconds, in seed order (for the distribution chart)
   */
  public record Summary(RunShape shape, ReliabilitySpec spec, int runs, Finish finish, double meanGoodput, double[] meanInterruptions,
      double[] meanLostSeconds, double[] meanDownSeconds, double meanStallSeconds, double meanCheckpoints, double[] finishes,
      List<IntervalPoint> sweep, double bestIntervalSeconds, double youngSeconds, double dalySeconds, double mtbfSeconds) {

    public double meanTotalInterruptions() {
      return Arrays.stream(meanInterruptions).sum();
    }
  }

  /**
   * The slowdown past which a run is not replayed: a run expected (by {@link #expectedWallSeconds}) to
   * take more than this many times its failure-free length is refused, and such intervals are left
   * out of the sweep. A guard, not part of any answer (assumption): each failure costs the replay a
   * few events, so a run that mostly fails would replay for minutes, or without end where no
   * interval of work can finish between failures, and it is no plan anyone would start.
   */
  public static final double MAX_SLOWDOWN = 20;

  private ExpectedRun() {}

  /**
   * The expected wall seconds of the run at checkpoint interval {@code tau}, failures taken as
   * exponential: (T / tau) (M + R) (e^{(tau + delta) / M} - 1), with T the failure-free seconds, M
   * the mean time between failures, R the mean time down per failure (weighted by rate) and delta
   * the checkpoint stall; an asynchronous checkpoint is exposed for its background write as well.
   * First principles, as the replay runs: a stretch of tau + delta must pass without a failure, the
   * failed tries before it number e^{(tau + delta)/M} - 1 on average, and each costs the time to its
   * failure plus R, which together with the stretch come to (M + R) per failed try (failures while
   * down are absorbed by the restart). Weibull gaps are priced as exponential: this is the replay's
   * guard, not its answer.
   */
  public static double expectedWallSeconds(RunShape shape, ReliabilitySpec spec, double tau) {
    double rate = spec.perSecond(shape.nodes());
    if (tau >= shape.idealSeconds()) { // no checkpoint: the whole run is one stretch that must pass without a failure
      return rate == 0 ? shape.idealSeconds()
          : (1 / rate + meanDownSeconds(shape, spec)) * Math.expm1(shape.idealSeconds() * rate);
    }
    double stall = shape.stallSeconds(spec);
    double exposed = tau + stall + (spec.asynchronous() ? shape.writeSeconds(spec) : 0);
    if (rate == 0) {
      return shape.idealSeconds() * (tau + stall) / tau;
    }
    double m = 1 / rate;
    return shape.idealSeconds() / tau * (m + meanDownSeconds(shape, spec)) * Math.expm1(exposed / m);
  }

  /** Young's interval, sqrt(2 delta M): delta the checkpoint stall, M the mean time between failures (infinite when none fail). */
  public static double youngSeconds(RunShape shape, ReliabilitySpec spec) {
    double mtbf = 1 / spec.perSecond(shape.nodes());
    return Math.sqrt(2 * shape.stallSeconds(spec) * mtbf);
  }

  /** Whether the run at the spec's interval is expected to take at most {@link #MAX_SLOWDOWN} times its failure-free length. */
  public static boolean replayable(RunShape shape, ReliabilitySpec spec) {
    return replayable(shape, spec, spec.checkpointIntervalSeconds());
  }

  private static boolean replayable(RunShape shape, ReliabilitySpec spec, double tau) {
    // with nothing failing a replay is a run of checkpoint cycles, which it skips through however many
    return spec.perSecond(shape.nodes()) == 0 || expectedWallSeconds(shape, spec, tau) <= MAX_SLOWDOWN * shape.idealSeconds();
  }

  /** The time down per failure, detection, restart, checkpoint read and any swap wait, averaged over the classes by rate. */
  static double meanDownSeconds(RunShape shape, ReliabilitySpec spec) {
    double weighted = 0;
    double total = 0;
    for (ComponentFailures c : spec.components()) {
      double down = spec.detectSeconds() + spec.restartSeconds() + shape.readSeconds(spec)
          + (c.needsReplacement() && !spec.hotSpares() ? spec.replaceSeconds() : 0);
      weighted += c.perThousandNodeDays() * down;
      total += c.perThousandNodeDays();
    }
    return total == 0 ? 0 : weighted / total;
  }

  /**
   * {@code runs} replays at the spec's interval (seeds seed, seed+1, ...), and {@code sweepRuns} at
   * each swept interval that is {@link #replayable}; the spec's own interval must be.
   */
  public static Summary of(RunShape shape, ReliabilitySpec spec, int runs, int sweepRuns, long seed) {
    if (!replayable(shape, spec)) {
      throw new IllegalArgumentException("expected to take " + expectedWallSeconds(shape, spec, spec.checkpointIntervalSeconds())
          / shape.idealSeconds() + "x its failure-free length, past " + MAX_SLOWDOWN + "x: not replayed");
    }
    List<RunOutcome> outcomes = replay(shape, spec, runs, seed);
    int classes = spec.components().size();
    double[] interruptions = new double[classes];
    double[] lost = new double[classes];
    double[] downtime = new double[classes];
    double stall = 0;
    double checkpoints = 0;
    double goodput = 0;
    double[] walls = new double[runs];
    for (int i = 0; i < runs; i++) {
      RunOutcome o = outcomes.get(i);
      walls[i] = o.wallSeconds();
      goodput += o.goodput() / runs;
      stall += o.checkpointStallSeconds() / runs;
      checkpoints += o.checkpoints() / (double) runs;
      for (int c = 0; c < classes; c++) {
        interruptions[c] += o.interruptions()[c] / (double) runs;
        lost[c] += o.lostSeconds()[c] / runs;
        downtime[c] += o.downSeconds()[c] / runs;
      }
    }
    double mtbf = 1 / spec.perSecond(shape.nodes());
    double delta = shape.stallSeconds(spec);
    double young = youngSeconds(shape, spec);
    double daly = delta >= 2 * mtbf ? mtbf
        : Math.sqrt(2 * delta * mtbf) * (1 + Math.sqrt(delta / (2 * mtbf)) / 3 + delta / (2 * mtbf) / 9) - delta;
    List<IntervalPoint> sweep = new ArrayList<>();
    double best = spec.checkpointIntervalSeconds();
    double bestWall = Double.POSITIVE_INFINITY;
    if (sweepRuns > 0 && Double.isFinite(young) && young > 0) {
      java.util.TreeSet<Double> intervals = new java.util.TreeSet<>();
      for (double factor : new double[] {0.25, 0.35, 0.5, 0.7, 1, 1.4, 2, 2.8, 4}) {
        intervals.add(Math.max(1, young * factor));
      }
      intervals.add(spec.checkpointIntervalSeconds());
      for (double tau : intervals) {
        if (!replayable(shape, spec, tau)) {
          continue;
        }
        double mean = replay(shape, spec.withInterval(tau), sweepRuns, seed).stream().mapToDouble(RunOutcome::wallSeconds)
            .average().orElseThrow();
        sweep.add(new IntervalPoint(tau, mean));
        if (mean < bestWall) {
          bestWall = mean;
          best = tau;
        }
      }
    }
    double[] sorted = walls.clone();
    Arrays.sort(sorted);
    Finish finish = new Finish(percentile(sorted, 0.5), percentile(sorted, 0.9), percentile(sorted, 0.99),
        Arrays.stream(walls).average().orElseThrow());
    return new Summary(shape, spec, runs, finish, goodput, interruptions, lost, downtime, stall, checkpoints, walls, sweep, best,
        young, daly, mtbf);
  }

  /** The first-order fraction of wall time lost at interval {@code tau}: delta / tau + (tau / 2 + R) / M. */
  public static double firstOrderLostFraction(double tau, double delta, double downSeconds, double mtbf) {
    return delta / tau + (tau / 2 + downSeconds) / mtbf;
  }

  /** Run i replays with seed + i; each replay is its own engine, so they run in parallel and come back in order. */
  private static List<RunOutcome> replay(RunShape shape, ReliabilitySpec spec, int runs, long seed) {
    RunSimulation sim = new RunSimulation(shape, spec);
    return java.util.stream.IntStream.range(0, runs).parallel().mapToObj(i -> sim.run(seed + i)).toList();
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double q) {
    int rank = Math.max(1, (int) Math.ceil(q * sorted.length));
    return sorted[Math.min(sorted.length, rank) - 1];
  }
}
