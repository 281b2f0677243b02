package org.hourglass.dualpipe;

import java.util.ArrayList;
import java.util.List;
import org.hourglass.sim.Simulation;
import org.hourglass.sim.SpanRecorder;

/**
 * Runs a schedule on the engine. Each rank executes its ops in order; an op starts when the rank
 * is free and everything its tasks need has arrived (a forward needs the upstream forward's
 * activation, a backward the downstream backward's gradient and its own forward, a W its B*); an
 * overlapped pair starts when the inputs of both halves are there. An output crossing ranks arrives
 * one point-to-point latency after the op that made it ends; the sender does not wait for it.
 */
public final class ScheduleExecutor {
  private final Schedule schedule;
  private final Durations durations;
  private final Simulation sim;
  private final TaskSlots slots;
  private final boolean[] done;
  private final boolean[] arrived;
  private final int[] next;
  private final boolean[] busy;
  private final long[] startPs;
  private final long[] busyPs;
  private final List<List<TimedOp>> timelines = new ArrayList<>();
  private final int[] spanResource;

  private ScheduleExecutor(Schedule schedule, Durations durations, SpanRecorder spans) {
    this.schedule = schedule;
    this.durations = durations;
    this.sim = new Simulation(spans);
    this.slots = new TaskSlots(schedule);
    this.done = new boolean[slots.size()];
    this.arrived = new boolean[slots.size()];
    int ranks = schedule.ranks();
    this.next = new int[ranks];
    this.busy = new boolean[ranks];
    this.startPs = new long[ranks];
    this.busyPs = new long[ranks];
    this.spanResource = new int[ranks];
    for (int r = 0; r < ranks; r++) {
      timelines.add(new ArrayList<>());
      spanResource[r] = spans.resource("pp-rank" + r);
    }
  }

  /** Runs {@code schedule} (checked first) with {@code durations}. */
  public static Execution run(Schedule schedule, Durations durations) {
    return run(schedule, durations, SpanRecorder.OFF);
  }

  /** As {@link #run(Schedule, Durations)}, reporting each op as a span on resource "pp-rank&lt;r&gt;". */
  public static Execution run(Schedule schedule, Durations durations, SpanRecorder spans) {
    ScheduleChecker.requireValid(schedule);
    return new ScheduleExecutor(schedule, durations, spans).execute();
  }

  private Execution execute() {
    for (int r = 0; r < schedule.ranks(); r++) {
      tryStart(r);
    }
    sim.run();
    long makespan = 0;
    for (int r = 0; r < schedule.ranks(); r++) {
      if (next[r] < schedule.ops(r).size()) {
        throw new IllegalStateException("rank " + r + " stalled at op " + next[r] + " of a checked schedule");
      }
      List<TimedOp> timeline = timelines.get(r);
      makespan = Math.max(makespan, timeline.isEmpty() ? 0 : timeline.get(timeline.size() - 1).endPs());
    }
    int[] peaks = schedule.opsPerRank().stream().mapToInt(ActivationLedger::peakOf).toArray();
    return new Execution(schedule, durations, timelines, makespan, busyPs, peaks);
  }

  private void tryStart(int rank) {
    if (busy[rank] || next[rank] == schedule.ops(rank).size()) {
      return;
    }
    Op op = schedule.ops(rank).get(next[rank]);
    if (!inputsReady(rank, op)) {
      return;
    }
    busy[rank] = true;
    startPs[rank] = sim.nowPs();
    sim.schedule(durations.of(op), this::onOpDone, rank);
  }

  private boolean inputsReady(int rank, Op op) {
    for (Task task : op.tasks()) {
      for (Dependency need : Dependency.of(schedule, task)) {
        int slot = slots.index(need.needed());
        if (need.remoteFor(rank) ? !arrived[slot] : !done[slot]) {
          return false;
        }
      }
    }
    return true;
  }

  private void onOpDone(long payload) {
    int rank = (int) payload;
    Op op = schedule.ops(rank).get(next[rank]);
    long now = sim.nowPs();
    timelines.get(rank).add(new TimedOp(op, startPs[rank], now));
    busyPs[rank] += now - startPs[rank];
    if (sim.spans().enabled()) {
      sim.spans().record(spanResource[rank], startPs[rank], now, op.token());
    }
    busy[rank] = false;
    next[rank]++;
    op.tasks().forEach(task -> publish(rank, task));
    tryStart(rank);
  }

  /** Marks the task's output done here and sends it to the rank that consumes it elsewhere, if any. */
  private void publish(int rank, Task task) {
    int slot = slots.index(task);
    done[slot] = true;
    int consumer = remoteConsumer(rank, task);
    if (consumer >= 0) {
      sim.schedule(durations.p2pLatencyPs(), this::onArrival, (long) slot * schedule.ranks() + consumer);
    }
  }

  private void onArrival(long payload) {
    int ranks = schedule.ranks();
    arrived[(int) (payload / ranks)] = true;
    tryStart((int) (payload % ranks));
  }

  /** The other rank that needs this output: the next stage for a forward, the previous for a backward. */
  private int remoteConsumer(int rank, Task task) {
    if (task.pass() == Pass.WEIGHT) {
      return -1;
    }
    Route route = schedule.route(task.microBatch());
    int stage = task.pass() == Pass.FORWARD ? task.stage() + 1 : task.stage() - 1;
    if (stage < 0 || stage >= route.stages() || route.rank(stage) == rank) {
      return -1;
    }
    return route.rank(stage);
  }
}
