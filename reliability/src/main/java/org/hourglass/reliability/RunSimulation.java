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

  public RunSimulation(RunShape shape, ReliabilitySpec spec) {
    this.shape = shape;
    this.spec = spec;
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
        return;
      }
      double gap = spec.weibullShape() == 1 ? RandomStreams.exponential(streams[c], meanGapSeconds[c])
          : weibull(streams[c], spec.weibullShape(), meanGapSeconds[c]);
      sim.schedule(Math.max(1, ticks(gap)), payload -> fail((int) payload), c);
    }

    private void startRunning() {
      running = true;
      runStart = sim.nowPs();
      finishEvent = sim.schedule(work - progress, payload -> finish());
      if (nextCheckpoint < work) {
        checkpointEvent = sim.schedule(nextCheckpoint - progress, payload -> checkpoint());
      }
    }

    private void pause() {
      progress += sim.nowPs() - runStart;
      running = false;
      sim.cancel(finishEvent);
      sim.cancel(checkpointEvent);
    }

    private void checkpoint() {
      pause();
      checkpoints++;
      pendingSnapshot = progress;
      nextCheckpoint = progress + interval;
      double stall = shape.stallSeconds(spec);
      stallSeconds += stall;
      stallEvent = sim.schedule(ticks(stall), payload -> stallEnds());
      if (spec.asynchronous()) {
        long snapshot = progress;
        long writtenIn = generation;
        sim.schedule(ticks(shape.writeSeconds(spec)), payload -> {
          if (writtenIn == generation) {
            committed = Math.max(committed, snapshot);
          }
        });
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
