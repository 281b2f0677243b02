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
 * A run of whole pipeline replicas, {@code replicas} of them from replica {@code firstReplica},
 * simulated event by event up to the data-parallel gradient sync. Each GPU runs its pipeline rank's
 * ops in schedule order; an op starts when the one before it is done and the activations or
 * gradients it needs have arrived from the neighbouring stage. Within an op, a compute stream and a
 * communication stream run its components ({@link OpProgram}); each MoE all-to-all is a collective
 * of the GPU's expert group that ends for all members together, its transfer time after the last
 * member arrives, so a slow GPU holds its group back. A hand-off streams through the sender's and
 * the receiver's InfiniBand ports, which the all-to-alls of both GPUs share ({@link NicPorts}): each
 * delays the other.
 *
 * <p>A block spans whole expert groups, and a pipeline hand-off stays inside its replica, so nothing
 * inside a block waits on another block before the sync: each block is a faithful projection of
 * the whole step, the same events in the same order (ties leave first in, first out, and a block's
 * events are scheduled in the order the whole step would schedule them). {@link StepSimulation}
 * runs the blocks, then the sync. Every moment a GPU's compute stream stands idle is charged to one
 * {@link IdleReason}.
 *
 * <p>Design note: one piece on purpose. The handlers are one state machine over per-GPU arrays
 * (next op, stream states, arrivals), indexed by the block's GPU so a 100K-GPU step allocates
 * nothing per event; splitting it would pass that state between classes on every event. What has a
 * job of its own is already outside: the per-op component order ({@link OpProgram}), group
 * collectives ({@link Rendezvous}) and the idle accounting ({@link IdleLedger}).
 */
final class ReplicaBlock {
  private final Schedule schedule;
  private final RankMap ranks; // the block's own map: pp x replicas
  private final int firstReplica;
  private final int firstGroupInRank; // the block's first expert group, counted within a rank
  private final StageWork[] stages;
  private final Simulation sim;
  private final TaskSlots slots;
  private final OpTable opTable;
  private final OpProgram.Components[][] components; // [gpu][kind], built when the GPU first runs that kind, dropped at the sync

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
  private final NicPorts ports;
  private final long[] collectiveEndPs; // by expert group: when its running collective ends, as delayed
  private final long[] collectiveLatencyPs; // by expert group: its running collective's latency
  final IdleLedger idle;
  final long[] computeBusyPs;
  final long[] computeStartPs;
  final long[] finishPs;
  final long[] lastSyncArrivalPs; // by pipeline rank: when the block's last GPU there reached the sync
  private final int[] computeSpan;
  private final int[] commSpan;
  int gpusAtSync;

  private final EventHandler onComputeDone = this::onComputeDone;
  private final EventHandler onHandoff = this::onHandoff;
  private final EventHandler onExpertCollectiveDone = this::onExpertCollectiveDone;

  /**
   * @param whole where each GPU of the whole step sits
   * @param firstReplica the block's first replica, a multiple of the expert-group size
   * @param replicas the block's replicas, a multiple of the expert-group size
   * @param spans where to record the block's work; resources are named by the whole step's GPU numbers
   */
  ReplicaBlock(Schedule schedule, RankMap whole, int firstReplica, int replicas, StageWork[] stages,
      TaskSlots slots, OpTable opTable, SpanRecorder spans) {
    this.schedule = schedule;
    this.ranks = new RankMap(whole.pp(), replicas, whole.ep(), whole.gpusPerNode());
    this.firstReplica = firstReplica;
    this.firstGroupInRank = firstReplica / whole.ep();
    this.stages = stages;
    this.sim = new Simulation(spans);
    this.slots = slots;
    this.opTable = opTable;
    this.gpus = ranks.gpus();
    components = new OpProgram.Components[gpus][];
    for (int g = 0; g < gpus; g++) {
      components[g] = new OpProgram.Components[opTable.kindsAtRank[ranks.pipelineRank(g)]];
    }
    nextOp = new int[gpus];
    program = new OpProgram[gpus];
    done = new boolean[gpus][slots.size()];
    arrived = new boolean[gpus][slots.size()];
    computing = filled(gpus, -1);
    communicating = filled(gpus, -1);
    waitingAtRendezvous = new boolean[gpus];
    collectivesIssued = new int[gpus];
    expertRendezvous = new Rendezvous(ranks.expertGroups(), ranks.ep());
    ports = new NicPorts(gpus);
    collectiveEndPs = new long[ranks.expertGroups()];
    collectiveLatencyPs = new long[ranks.expertGroups()];
    idle = new IdleLedger(gpus);
    computeBusyPs = new long[gpus];
    computeStartPs = new long[gpus];
    finishPs = new long[gpus];
    lastSyncArrivalPs = new long[ranks.pp()];
    computeSpan = new int[gpus];
    commSpan = new int[gpus];
    if (spans.enabled()) {
      for (int g = 0; g < gpus; g++) {
        computeSpan[g] = spans.resource("gpu" + wholeGpu(whole, g) + "/compute");
        commSpan[g] = spans.resource("gpu" + wholeGpu(whole, g) + "/comm");
      }
    }
  }

  /** Runs every GPU of the block until it waits at the data-parallel sync (or the schedule stalls). */
  void runToSync() {
    for (int g = 0; g < gpus; g++) {
      tryStartOp(g);
    }
    sim.run();
  }

  /** GPUs in the block. */
  int gpus() {
    return gpus;
  }

  /** Engine events the block fired. */
  long eventsFired() {
    return sim.eventsFired();
  }

  /** The whole step's number of the block's GPU {@code g}. */
  int wholeGpu(RankMap whole, int g) {
    return whole.gpu(ranks.pipelineRank(g), firstReplica + ranks.replica(g));
  }

  /** The block's number of the GPU at {@code rank} of the whole step's replica {@code replica}. */
  int blockGpu(int rank, int replica) {
    return ranks.gpu(rank, replica - firstReplica);
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
    int[] needs = opTable.needs[rank][nextOp[g]];
    for (int i = 0; i < needs.length; i += 2) {
      if (needs[i + 1] == 1 ? !arrived[g][needs[i]] : !done[g][needs[i]]) {
        idle.update(g, sim.nowPs(), IdleReason.PIPELINE_BUBBLE, computing[g] >= 0);
        return;
      }
    }
    Op op = ops.get(nextOp[g]);
    int kind = opTable.kind[rank][nextOp[g]];
    if (components[g][kind] == null) {
      int replica = firstReplica + ranks.replica(g);
      int groupInRank = firstGroupInRank + ranks.expertGroup(g) % ranks.expertGroupsPerRank();
      components[g][kind] = OpProgram.Components.of(op.tasks(), stages, replica, groupInRank);
    }
    program[g] = OpProgram.of(op, components[g][kind]);
    pump(g);
  }

  private void onOpDone(int g) {
    program[g] = null;
    int rank = ranks.pipelineRank(g);
    if (++nextOp[g] < schedule.ops(rank).size()) {
      tryStartOp(g);
    } else {
      arriveAtSync(g);
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
    long now = sim.nowPs();
    if (expertRendezvous.arrive(group, round, now)) {
      OpProgram p = program[g];
      int first = group * ranks.ep();
      long ibPs = p.ibPs[component];
      long delayPs = ports.allToAllStarts(first, ranks.ep(), now, ibPs);
      long endPs = Math.max(now + p.durationPs[component], now + ibPs + delayPs + p.latencyPs[component]);
      collectiveEndPs[group] = endPs;
      collectiveLatencyPs[group] = p.latencyPs[component];
      sim.schedule(endPs - now, onExpertCollectiveDone, Rendezvous.key(group, round));
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
    if (sim.nowPs() < collectiveEndPs[group]) { // a hand-off shared a member's port since: not done yet
      sim.schedule(collectiveEndPs[group] - sim.nowPs(), onExpertCollectiveDone, key);
      return;
    }
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
    StageWork work = stages[task.stage()];
    long now = sim.nowPs();
    int id = ports.handoffStarts(g, consumer, now, work.handoffPs() - work.handoffLatencyPs(), work.handoffLatencyPs(),
        (long) slot * gpus + consumer);
    delayRunningCollective(g, NicPorts.sendPort(g), now);
    delayRunningCollective(consumer, NicPorts.receivePort(consumer), now);
    sim.schedule(ports.arrivalPs(id) - now, onHandoff, id);
  }

  /** A hand-off shares {@code port} of {@code gpu}: the collective streaming there, if any, ends later. */
  private void delayRunningCollective(int gpu, int port, long now) {
    int group = ranks.expertGroup(gpu);
    if (collectiveEndPs[group] > now) {
      collectiveEndPs[group] = Math.max(collectiveEndPs[group], ports.allToAllUntilPs(port) + collectiveLatencyPs[group]);
    }
  }

  private void onHandoff(long id) {
    long due = ports.arrivalPs((int) id);
    if (sim.nowPs() < due) { // an all-to-all started on one of its ports since: it streams on
      sim.schedule(due - sim.nowPs(), onHandoff, id);
      return;
    }
    long payload = ports.arrived((int) id);
    int consumer = (int) (payload % gpus);
    arrived[consumer][(int) (payload / gpus)] = true;
    tryStartOp(consumer);
  }

  // ---- the data-parallel sync and the optimizer, driven by StepSimulation

  private void arriveAtSync(int g) {
    components[g] = null; // its ops are done; kept, a 98,304-GPU step held every GPU's (2.4 GB peak heap)
    idle.update(g, sim.nowPs(), IdleReason.DATA_PARALLEL_SYNC, false);
    int rank = ranks.pipelineRank(g);
    lastSyncArrivalPs[rank] = Math.max(lastSyncArrivalPs[rank], sim.nowPs());
    gpusAtSync++;
  }

  /** The sync of GPU {@code g}'s rank ended at {@code nowPs}: its optimizer step starts. */
  void syncDone(int g, long nowPs) {
    idle.busy(g, nowPs);
    computeStartPs[g] = nowPs;
  }

  /** GPU {@code g}'s optimizer step ended at {@code nowPs}: the GPU is done with the step. */
  void optimizerDone(int g, long nowPs) {
    computeBusyPs[g] += nowPs - computeStartPs[g];
    finishPs[g] = nowPs;
    idle.update(g, nowPs, IdleReason.STEP_TAIL, false);
  }

  // ---- setup helpers

  /**
   * What the blocks of one step share about each rank's ops, derived from the schedule once: the task
   * slots an op needs and whether each comes from another rank ({@code needs[rank][op]} = slot,
   * remote?1:0, slot, remote, ...), and its kind ({@code kind[rank][op]}: ops of one rank with the same
   * passes of the same stages share one, numbered from 0 to {@code kindsAtRank[rank] - 1}).
   */
  record OpTable(int[][][] needs, int[][] kind, int[] kindsAtRank) {
    static OpTable of(Schedule schedule, TaskSlots slots) {
      int ranks = schedule.ranks();
      int[][][] needs = new int[ranks][][];
      int[][] kind = new int[ranks][];
      int[] kindsAtRank = new int[ranks];
      for (int rank = 0; rank < ranks; rank++) {
        List<Op> ops = schedule.ops(rank);
        needs[rank] = new int[ops.size()][];
        kind[rank] = new int[ops.size()];
        java.util.Map<List<String>, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < ops.size(); i++) {
          needs[rank][i] = needsOf(schedule, slots, rank, ops.get(i));
          List<String> tasks = ops.get(i).tasks().stream().map(t -> t.pass() + "@" + t.stage()).toList();
          kind[rank][i] = seen.computeIfAbsent(tasks, unused -> seen.size());
        }
        kindsAtRank[rank] = seen.size();
      }
      return new OpTable(needs, kind, kindsAtRank);
    }
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
