package org.hourglass.reliability;

import java.util.SplittableRandom;
import org.apache.commons.math3.special.Gamma;
import org.hourglass.sim.RandomStreams;
import org.hourglass.sim.Simulation;

/**
 * One seeded replay of a whole run on the engine. Training progresses while the job runs; every
 * {@code checkpointIntervalSeconds} of progress it checkpoints (stalling for the write, or for the
 * copy to host memory when asynchronous, the write then finishing in the background). Each
 * component class's failures arrive on their own seeded stream; a failure loses the progress since
 * the last checkpoint that finished writing, and the job is down for detection, the swap wait (a
 * hardware failure without hot spares), the restart and the checkpoint read. Failures that arrive
 * while the job is already down are absorbed by that restart.
 *
 * <p>The events of a run are minutes to hours apart and a run lasts months, past the 106 days a
 * picosecond clock holds in a long; here one engine tick is one microsecond of the run.
 */
public final class RunSimulation {
  /** Engine ticks per second of the run (see the class comment). */
  static final double TICKS_PER_SECOND = 1e6;

  private final RunShape shape;
  private final ReliabilitySpec spec;
  private final boolean fastForward;

  public RunSimulation(RunShape shape, ReliabilitySpec spec) {
    this(shape, spec, true);
  }

  /**
   * With {@code fastForward}, the checkpoint cycles that end before the next failure are applied in
   * one go (one engine event for all of them, and one for each background write) instead of two or
   * three events each; the outcome is the same, bit for bit (FastForwardProperties holds the two together).
   */
  RunSimulation(RunShape shape, ReliabilitySpec spec, boolean fastForward) {
    this.shape = shape;
    this.spec = spec;
    this.fastForward = fastForward;
  }

  /** One run with the failures of {@code seed}. */
  public RunOutcome run(long seed) {
    return new Replay(seed).go();
  }

  private static long ticks(double seconds) {
    return Math.max(0, Math.round(seconds * TICKS_PER_SECOND));
  }

  private static double seconds(long ticks) {
    return ticks / TICKS_PER_SECOND;
  }

  private final class Replay {
    private final Simulation sim = new Simulation();
    private final int classes = spec.components().size();
    private final SplittableRandom[] streams = new SplittableRandom[classes];
    private final double[] meanGapSeconds = new double[classes];
    private final long work = ticks(shape.idealSeconds());
    private final long interval = Math.max(1, ticks(spec.checkpointIntervalSeconds()));
    private final long stallTicks = ticks(shape.stallSeconds(spec));
    private final long writeTicks = ticks(shape.writeSeconds(spec));
    /** When each class's pending failure arrives (engine ticks; Long.MAX_VALUE for none). */
    private final long[] nextFailureAt = new long[classes];
    private final int[] interruptions = new int[classes];
    private final double[] lostSeconds = new double[classes];
    private final double[] downSeconds = new double[classes];
    private long progress;
    private long committed;
    private long nextCheckpoint;
    private long runStart;
    private boolean running;
    private boolean down;
    private boolean finished;
    private long finishEvent = -1;
    private long checkpointEvent = -1;
    private long stallEvent = -1;
    private long generation;
    private long pendingSnapshot;
    private double stallSeconds;
    private int checkpoints;
    private int absorbed;

    Replay(long seed) {
      RandomStreams random = new RandomStreams(seed);
      for (int c = 0; c < classes; c++) {
        streams[c] = random.stream("reliability/" + spec.components().get(c).component());
        double rate = spec.components().get(c).perSecond(shape.nodes()) * spec.rateScale();
        meanGapSeconds[c] = rate > 0 ? 1 / rate : Double.POSITIVE_INFINITY;
      }
    }

    RunOutcome go() {
      for (int c = 0; c < classes; c++) {
        scheduleFailure(c);
      }
      nextCheckpoint = interval;
      startRunning();
      while (!finished && sim.step()) {
        // each event moves the run on; the last one is the finish
      }
      return new RunOutcome(seconds(sim.nowPs()), shape.idealSeconds(), interruptions.clone(), lostSeconds.clone(), downSeconds.clone(),
          stallSeconds, checkpoints, absorbed);
    }

    private void scheduleFailure(int c) {
      if (Double.isInfinite(meanGapSeconds[c])) {
        nextFailureAt[c] = Long.MAX_VALUE;
        return;
      }
      double gap = spec.weibullShape() == 1 ? RandomStreams.exponential(streams[c], meanGapSeconds[c])
          : weibull(streams[c], spec.weibullShape(), meanGapSeconds[c]);
      long delay = Math.max(1, ticks(gap));
      nextFailureAt[c] = sim.nowPs() + delay;
      sim.schedule(delay, payload -> fail((int) payload), c);
    }

    private void startRunning() {
      if (fastForward && skipCycles()) {
        return;
      }
      running = true;
      runStart = sim.nowPs();
      finishEvent = sim.schedule(work - progress, payload -> finish());
      if (nextCheckpoint < work) {
        checkpointEvent = sim.schedule(nextCheckpoint - progress, payload -> checkpoint());
      }
    }

    /**
     * Applies every whole checkpoint cycle (run to the checkpoint, stall) that ends strictly before
     * the next failure, as {@link #checkpoint} and {@link #stallEnds} would one by one: the same
     * sums in the same order, each background write still an event at its own time, scheduled in
     * the order the cycles would have scheduled them, and the last stall's end an event that starts
     * the run again. Returns false where no cycle fits, leaving the run to start as usual.
     */
    private boolean skipCycles() {
      long failure = Long.MAX_VALUE;
      for (long at : nextFailureAt) {
        failure = Math.min(failure, at);
      }
      long now = sim.nowPs();
      long checkpointAt = -1;
      int cycles = 0;
      while (nextCheckpoint < work && now + (nextCheckpoint - progress) + stallTicks < failure) {
        if (cycles > 0 && spec.asynchronous()) {
          scheduleWrite(checkpointAt, pendingSnapshot); // the cycle before's, ahead of this one's stall as in checkpoint()
        }
        checkpointAt = now + (nextCheckpoint - progress);
        progress = nextCheckpoint;
        takeSnapshot();
        now = checkpointAt + stallTicks;
        cycles++;
      }
      if (cycles == 0) {
        return false;
      }
      stallEvent = sim.scheduleAt(now, payload -> stallEnds(), 0);
      if (spec.asynchronous()) {
        scheduleWrite(checkpointAt, pendingSnapshot);
      }
      return true;
    }

    /** A checkpoint's bookkeeping at the progress reached, whether stepped to or skipped through. */
    private void takeSnapshot() {
      checkpoints++;
      pendingSnapshot = progress;
      nextCheckpoint = progress + interval;
      stallSeconds += shape.stallSeconds(spec);
    }

    /** The background write of the checkpoint taken at {@code checkpointAt}: it commits {@code snapshot} unless the job fails first. */
    private void scheduleWrite(long checkpointAt, long snapshot) {
      long writtenIn = generation;
      sim.scheduleAt(checkpointAt + writeTicks, payload -> {
        if (writtenIn == generation) {
          committed = Math.max(committed, snapshot);
        }
      }, 0);
    }

    private void pause() {
      progress += sim.nowPs() - runStart;
      running = false;
      sim.cancel(finishEvent);
      sim.cancel(checkpointEvent);
    }

    private void checkpoint() {
      pause();
      takeSnapshot();
      stallEvent = sim.schedule(stallTicks, payload -> stallEnds());
      if (spec.asynchronous()) {
        scheduleWrite(sim.nowPs(), progress);
      }
    }

    private void stallEnds() {
      if (!spec.asynchronous()) {
        committed = pendingSnapshot;
      }
      startRunning();
    }

    private void fail(int c) {
      scheduleFailure(c);
      if (down || finished) {
        absorbed++;
        return;
      }
      if (running) {
        pause();
      }
      sim.cancel(stallEvent);
      generation++; // a background write still under way is lost with the job
      interruptions[c]++;
      lostSeconds[c] += seconds(progress - committed);
      progress = committed;
      nextCheckpoint = committed + interval;
      ComponentFailures failed = spec.components().get(c);
      double outage = spec.detectSeconds() + spec.restartSeconds() + shape.readSeconds(spec)
          + (failed.needsReplacement() && !spec.hotSpares() ? spec.replaceSeconds() : 0);
      downSeconds[c] += outage;
      down = true;
      sim.schedule(ticks(outage), payload -> {
        down = false;
        startRunning();
      });
    }

    private void finish() {
      progress = work;
      running = false;
      finished = true;
    }
  }

  /** A Weibull draw of shape {@code k} whose mean is {@code mean}: scale = mean / Gamma(1 + 1/k). */
  static double weibull(SplittableRandom random, double k, double mean) {
    double scale = mean / Gamma.gamma(1 + 1 / k);
    double u = random.nextDouble();
    return scale * Math.pow(-Math.log(1 - u), 1 / k);
  }
}
