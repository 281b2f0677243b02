package org.hourglass.parallelism.step;

import java.util.List;
import org.hourglass.dualpipe.Dependency;
import org.hourglass.dualpipe.Op;
import org.hourglass.dualpipe.Pass;
import org.hourglass.dualpipe.Route;
import org.hourglass.dualpipe.Schedule;
import org.hourglass.dualpipe.Task;
import org.hourglass.dualpipe.TaskSlots;
import org.hourglass.parallelism.RankMap;
import org.hourglass.sim.EventHandler;
import org.hourglass.sim.Simulation;
import org.hourglass.sim.SpanRecorder;

/**
 * One training step on every GPU of the cluster, event by event. Each GPU runs its pipeline rank's
 * ops in schedule order; an op starts when the one before it is done and the activations or
 * gradients it needs have arrived from the neighbouring stage. Within an op, a compute stream and a
 * communication stream run its components ({@link OpProgram}); each MoE all-to-all is a collective
 * of the GPU's expert group that ends for all members together, its transfer time after the last
 * member arrives, so a slow GPU holds its group back. After its last op each GPU joins its stage's
 * data-parallel gradient sync (ZeRO-1 reduce-scatter and all-gather) and runs the optimizer step.
 *
 * <p>Every moment a GPU's compute stream stands idle is charged to one {@link IdleReason}.
 *
 * <p>Design note: one piece on purpose. The handlers are one state machine over per-GPU arrays
 * (next op, stream states, arrivals), indexed by GPU so a 100K-GPU step allocates nothing per
 * event; splitting it would pass that state between classes on every event. What has a job of its
 * own is already outside: the per-op component order ({@link OpProgram}), group collectives
 * ({@link Rendezvous}) and the idle accounting ({@link IdleLedger}).
 */
public final class StepSimulation {
  private final Schedule schedule;
  private final RankMap ranks;
  private final StageWork[] stages;
  private final long[] dataParallelSyncPs;
  private final long[] optimizerPs;
  private final Simulation sim;
  private final TaskSlots slots;
  private final int[][][] opNeeds; // [rank][op] -> {slot, remote?1:0, slot, remote, ...}

  private final int gpus;
  private final int[] nextOp;
  private final OpProgram[] program;
  private final boolean[][] done;
  private final boolean[][] arrived;
  private final int[] computing; // component on the compute stream, or -1
  private final int[] communicating; // component on the communication stream, or -1
  private final boolean[] waitingAtRendezvous;
  private final int[] collectivesIssued;
  private final Rendezvous expertRendezvous;
  private final Rendezvous syncRendezvous;
  private final IdleLedger idle;
  private final long[] computeBusyPs;
  private final long[] computeStartPs;
  private final long[] finishPs;
  private final int[] computeSpan;
  private final int[] commSpan;
  private int gpusFinished;

  private final EventHandler onComputeDone = this::onComputeDone;
  private final EventHandler onHandoff = this::onHandoff;
  private final EventHandler onExpertCollectiveDone = this::onExpertCollectiveDone;
  private final EventHandler onSyncDone = this::onSyncDone;
  private final EventHandler onOptimizerDone = this::onOptimizerDone;

  /**
   * @param schedule the pipeline schedule every replica runs (its ranks are the pipeline ranks)
   * @param ranks where each GPU sits
   * @param stages the work of each model stage (index = stage on a micro-batch's route)
   * @param dataParallelSyncPs per pipeline rank, the gradient sync after the last op
   * @param optimizerPs per pipeline rank, the optimizer step after the sync
   */
  public StepSimulation(Schedule schedule, RankMap ranks, StageWork[] stages, long[] dataParallelSyncPs,
      long[] optimizerPs, SpanRecorder spans) {
    if (schedule.ranks() != ranks.pp()) {
      throw new IllegalArgumentException("schedule has " + schedule.ranks() + " ranks, layout " + ranks.pp());
    }
    if (stages.length != schedule.stages()) {
      throw new IllegalArgumentException("schedule has " + schedule.stages() + " stages, work " + stages.length);
    }
    this.schedule = schedule;
    this.ranks = ranks;
    this.stages = stages;
    this.dataParallelSyncPs = dataParallelSyncPs;
    this.optimizerPs = optimizerPs;
    this.sim = new Simulation(spans);
    this.slots = new TaskSlots(schedule);
    this.opNeeds = neededSlots(schedule, slots);
    this.gpus = ranks.gpus();
    nextOp = new int[gpus];
    program = new OpProgram[gpus];
    done = new boolean[gpus][slots.size()];
    arrived = new boolean[gpus][slots.size()];
    computing = filled(gpus, -1);
    communicating = filled(gpus, -1);
    waitingAtRendezvous = new boolean[gpus];
    collectivesIssued = new int[gpus];
    expertRendezvous = new Rendezvous(ranks.expertGroups(), ranks.ep());
    syncRendezvous = new Rendezvous(ranks.pp(), ranks.dp());
    idle = new IdleLedger(gpus);
    computeBusyPs = new long[gpus];
    computeStartPs = new long[gpus];
    finishPs = new long[gpus];
    computeSpan = new int[gpus];
    commSpan = new int[gpus];
    if (spans.enabled()) {
      for (int g = 0; g < gpus; g++) {
        computeSpan[g] = spans.resource("gpu" + g + "/compute");
        commSpan[g] = spans.resource("gpu" + g + "/comm");
      }
    }
  }

  /** Runs the step to its end and returns where the time went. */
  public StepResult run() {
    for (int g = 0; g < gpus; g++) {
      tryStartOp(g);
    }
    sim.run();
    if (gpusFinished != gpus) {
      throw new IllegalStateException((gpus - gpusFinished) + " GPUs never finished the step: the schedule stalled");
    }
    long stepPs = 0;
    for (long finish : finishPs) {
      stepPs = Math.max(stepPs, finish);
    }
    idle.closeAll(stepPs);
    return new StepResult(stepPs, finishPs, computeBusyPs, idle.byReason(), sim.eventsFired());
  }

  // ---- ops

  private void tryStartOp(int g) {
    if (program[g] != null) {
      return;
    }
    int rank = ranks.pipelineRank(g);
    List<Op> ops = schedule.ops(rank);
    if (nextOp[g] == ops.size()) {
      return;
    }
    int[] needs = opNeeds[rank][nextOp[g]];
    for (int i = 0; i < needs.length; i += 2) {
      if (needs[i + 1] == 1 ? !arrived[g][needs[i]] : !done[g][needs[i]]) {
        idle.update(g, sim.nowPs(), IdleReason.PIPELINE_BUBBLE, computing[g] >= 0);
        return;
      }
    }
    int replica = ranks.replica(g);
    program[g] = OpProgram.build(ops.get(nextOp[g]), stages, replica, ranks.expertGroup(g) % ranks.expertGroupsPerRank());
    pump(g);
  }

  private void onOpDone(int g) {
    program[g] = null;
    int rank = ranks.pipelineRank(g);
    if (++nextOp[g] < schedule.ops(rank).size()) {
      tryStartOp(g);
    } else {
      startDataParallelSync(g);
    }
  }

  /** Starts whatever the GPU's two streams can start now, and charges any idle compute. */
  private void pump(int g) {
    OpProgram p = program[g];
    if (p == null) {
      return;
    }
    if (computing[g] < 0 && p.hasReadyCompute()) {
      startCompute(g, p.takeReadyCompute());
    }
    if (communicating[g] < 0) {
      int head = p.commHead();
      if (head >= 0 && p.predecessorDone(head)) {
        startCollective(g, head);
      }
    }
    if (computing[g] < 0) {
      idle.update(g, sim.nowPs(), waitingAtRendezvous[g] ? IdleReason.STRAGGLER_WAIT : IdleReason.EXPOSED_ALL_TO_ALL, false);
    }
  }

  private void startCompute(int g, int component) {
    long now = sim.nowPs();
    idle.busy(g, now);
    computing[g] = component;
    computeStartPs[g] = now;
    sim.schedule(program[g].durationPs[component], onComputeDone, g);
  }

  private void onComputeDone(long payload) {
    int g = (int) payload;
    long now = sim.nowPs();
    int component = computing[g];
    computing[g] = -1;
    computeBusyPs[g] += now - computeStartPs[g];
    OpProgram p = program[g];
    if (sim.spans().enabled()) {
      sim.spans().record(computeSpan[g], computeStartPs[g], now, label(p, component));
    }
    finishComponent(g, p, component);
  }

  private void finishComponent(int g, OpProgram p, int component) {
    if (p.complete(component)) {
      publish(g, p.chainTask[p.chainOf[component]]);
    }
    if (p.chainsRemaining == 0) {
      onOpDone(g);
    } else {
      pump(g);
    }
  }

  // ---- expert-parallel collectives

  private void startCollective(int g, int component) {
    communicating[g] = component;
    waitingAtRendezvous[g] = true;
    int group = ranks.expertGroup(g);
    int round = collectivesIssued[g]++;
    if (expertRendezvous.arrive(group, round, sim.nowPs())) {
      long durationPs = program[g].durationPs[component];
      sim.schedule(durationPs, onExpertCollectiveDone, Rendezvous.key(group, round));
      int first = group * ranks.ep();
      for (int member = first; member < first + ranks.ep(); member++) {
        waitingAtRendezvous[member] = false;
        if (computing[member] < 0) {
          idle.update(member, sim.nowPs(), IdleReason.EXPOSED_ALL_TO_ALL, false);
        }
      }
    }
  }

  private void onExpertCollectiveDone(long key) {
    int group = Rendezvous.group(key);
    long startPs = expertRendezvous.lastArrivalPs(group, Rendezvous.round(key));
    int first = group * ranks.ep();
    for (int member = first; member < first + ranks.ep(); member++) {
      int component = communicating[member];
      communicating[member] = -1;
      OpProgram p = program[member];
      if (sim.spans().enabled()) {
        sim.spans().record(commSpan[member], startPs, sim.nowPs(), label(p, component));
      }
      p.commNext++;
      finishComponent(member, p, component);
    }
  }

  // ---- pipeline hand-offs

  /** A task's output is ready: mark it here, and send it to the rank on the route that needs it. */
  private void publish(int g, Task task) {
    int slot = slots.index(task);
    done[g][slot] = true;
    if (task.pass() == Pass.WEIGHT) {
      return;
    }
    Route route = schedule.route(task.microBatch());
    int stage = task.pass() == Pass.FORWARD ? task.stage() + 1 : task.stage() - 1;
    int rank = ranks.pipelineRank(g);
    if (stage < 0 || stage >= route.stages() || route.rank(stage) == rank) {
      return;
    }
    int consumer = ranks.gpu(route.rank(stage), ranks.replica(g));
    sim.schedule(stages[task.stage()].handoffPs(), onHandoff, (long) slot * gpus + consumer);
  }

  private void onHandoff(long payload) {
    int consumer = (int) (payload % gpus);
    arrived[consumer][(int) (payload / gpus)] = true;
    tryStartOp(consumer);
  }

  // ---- end of step: data-parallel sync and optimizer

  private void startDataParallelSync(int g) {
    int rank = ranks.pipelineRank(g);
    idle.update(g, sim.nowPs(), IdleReason.DATA_PARALLEL_SYNC, false);
    if (syncRendezvous.arrive(rank, 0, sim.nowPs())) {
      sim.schedule(dataParallelSyncPs[rank], onSyncDone, rank);
    }
  }

  private void onSyncDone(long rank) {
    for (int replica = 0; replica < ranks.dp(); replica++) {
      int g = ranks.gpu((int) rank, replica);
      idle.busy(g, sim.nowPs());
      computeStartPs[g] = sim.nowPs();
      sim.schedule(optimizerPs[(int) rank], onOptimizerDone, g);
    }
  }

  private void onOptimizerDone(long payload) {
    int g = (int) payload;
    computeBusyPs[g] += sim.nowPs() - computeStartPs[g];
    finishPs[g] = sim.nowPs();
    idle.update(g, sim.nowPs(), IdleReason.STEP_TAIL, false);
    gpusFinished++;
  }

  // ---- setup helpers

  /** For each rank and op, the task slots it needs and whether each comes from another rank. */
  private static int[][][] neededSlots(Schedule schedule, TaskSlots slots) {
    int[][][] needs = new int[schedule.ranks()][][];
    for (int rank = 0; rank < schedule.ranks(); rank++) {
      List<Op> ops = schedule.ops(rank);
      needs[rank] = new int[ops.size()][];
      for (int i = 0; i < ops.size(); i++) {
        needs[rank][i] = needsOf(schedule, slots, rank, ops.get(i));
      }
    }
    return needs;
  }

  private static int[] needsOf(Schedule schedule, TaskSlots slots, int rank, Op op) {
    java.util.List<Integer> flat = new java.util.ArrayList<>();
    for (Task task : op.tasks()) {
      for (Dependency need : Dependency.of(schedule, task)) {
        flat.add(slots.index(need.needed()));
        flat.add(need.remoteFor(rank) ? 1 : 0);
      }
    }
    return flat.stream().mapToInt(Integer::intValue).toArray();
  }

  private static String label(OpProgram p, int component) {
    return p.chainTask[p.chainOf[component]].token() + (p.collective[component] ? " a2a" : "");
  }

  private static int[] filled(int n, int value) {
    int[] values = new int[n];
    java.util.Arrays.fill(values, value);
    return values;
  }
}
