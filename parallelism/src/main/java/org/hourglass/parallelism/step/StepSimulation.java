package org.hourglass.parallelism.step;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.hourglass.dualpipe.Schedule;
import org.hourglass.dualpipe.TaskSlots;
import org.hourglass.parallelism.RankMap;
import org.hourglass.sim.EventHandler;
import org.hourglass.sim.Simulation;
import org.hourglass.sim.SpanRecorder;

/**
 * One training step on every GPU of the cluster, event by event: each GPU runs its pipeline rank's
 * ops, its MoE all-to-alls with its expert group and its hand-offs with its pipeline neighbours
 * ({@link ReplicaBlock}); after its last op it joins its stage's data-parallel gradient sync (ZeRO-1
 * reduce-scatter and all-gather), which ends when the last replica has arrived, and then runs the
 * optimizer step.
 *
 * <p>Design note: before the sync, a replica talks only to its own pipeline neighbours and to the
 * replicas of its expert groups, and an expert group is a run of ep replicas at one rank. So the
 * step falls apart into blocks of whole expert groups that do not interact until the sync; each
 * block is simulated on an engine of its own, then the sync and the optimizer steps run on one
 * more. The result is the same, bit for bit and event for event, as one engine for the whole
 * cluster, but a block's state fits in the processor's caches where a 100K-GPU step's does not, and
 * blocks can run on several cores. A traced step (spans recorded) runs as one block, so its spans
 * come in the order one engine would record them.
 */
public final class StepSimulation {
  /** GPUs a block aims at: small enough that its per-GPU state stays in cache, large enough to amortise its engine. */
  static final int BLOCK_GPUS = 512;

  private final Schedule schedule;
  private final RankMap ranks;
  private final StageWork[] stages;
  private final long[] dataParallelSyncPs;
  private final long[] optimizerPs;
  private final SpanRecorder spans;
  private final int blockGpus;

  /**
   * @param schedule the pipeline schedule every replica runs (its ranks are the pipeline ranks)
   * @param ranks where each GPU sits
   * @param stages the work of each model stage (index = stage on a micro-batch's route)
   * @param dataParallelSyncPs per pipeline rank, the gradient sync after the last op
   * @param optimizerPs per pipeline rank, the optimizer step after the sync
   */
  public StepSimulation(Schedule schedule, RankMap ranks, StageWork[] stages, long[] dataParallelSyncPs,
      long[] optimizerPs, SpanRecorder spans) {
    this(schedule, ranks, stages, dataParallelSyncPs, optimizerPs, spans, BLOCK_GPUS);
  }

  /** As above, with blocks of about {@code blockGpus} GPUs (whole expert groups, at least one). */
  StepSimulation(Schedule schedule, RankMap ranks, StageWork[] stages, long[] dataParallelSyncPs,
      long[] optimizerPs, SpanRecorder spans, int blockGpus) {
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
    this.spans = spans;
    this.blockGpus = blockGpus;
  }

  /** Runs the step to its end, its blocks one after another, and returns where the time went. */
  public StepResult run() {
    return run(false);
  }

  /** Runs the step to its end, its blocks on the common fork-join pool when {@code parallel}; the result is the same. */
  public StepResult run(boolean parallel) {
    List<ReplicaBlock> blocks = blocks();
    IntStream indices = IntStream.range(0, blocks.size());
    (parallel && !spans.enabled() ? indices.parallel() : indices).forEach(b -> blocks.get(b).runToSync());
    int stalled = 0;
    for (ReplicaBlock block : blocks) {
      stalled += block.gpus() - block.gpusAtSync;
    }
    if (stalled > 0) {
      throw new IllegalStateException(stalled + " GPUs never finished the step: the schedule stalled");
    }
    long tailEvents = runSyncAndOptimizer(blocks);
    return merged(blocks, tailEvents);
  }

  /** The step cut into blocks of whole expert groups, about {@code blockGpus} GPUs each; one block when traced. */
  private List<ReplicaBlock> blocks() {
    TaskSlots slots = new TaskSlots(schedule);
    ReplicaBlock.OpTable opTable = ReplicaBlock.OpTable.of(schedule, slots);
    int groupReplicas = ranks.ep();
    int perBlock = spans.enabled() ? ranks.dp()
        : groupReplicas * Math.max(1, Math.min(ranks.dp(), blockGpus / ranks.pp()) / groupReplicas);
    List<ReplicaBlock> blocks = new ArrayList<>();
    for (int first = 0; first < ranks.dp(); first += perBlock) {
      blocks.add(new ReplicaBlock(schedule, ranks, first, Math.min(perBlock, ranks.dp() - first), stages, slots,
          opTable, spans));
    }
    return blocks;
  }

  /**
   * The data-parallel sync of each rank starts when its last replica arrives and lasts its
   * {@code dataParallelSyncPs}; then every GPU of the rank runs its optimizer step. Returns the
   * events this took.
   */
  private long runSyncAndOptimizer(List<ReplicaBlock> blocks) {
    int perBlock = blocks.get(0).gpus() / ranks.pp();
    Simulation tail = new Simulation();
    EventHandler optimizerDone = payload -> {
      int replica = (int) (payload % ranks.dp());
      int rank = (int) (payload / ranks.dp());
      ReplicaBlock block = blocks.get(replica / perBlock);
      block.optimizerDone(block.blockGpu(rank, replica), tail.nowPs());
    };
    EventHandler syncDone = rank -> {
      for (int replica = 0; replica < ranks.dp(); replica++) {
        ReplicaBlock block = blocks.get(replica / perBlock);
        block.syncDone(block.blockGpu((int) rank, replica), tail.nowPs());
        tail.schedule(optimizerPs[(int) rank], optimizerDone, (long) rank * ranks.dp() + replica);
      }
    };
    for (int rank = 0; rank < ranks.pp(); rank++) {
      long lastArrivalPs = 0;
      for (ReplicaBlock block : blocks) {
        lastArrivalPs = Math.max(lastArrivalPs, block.lastSyncArrivalPs[rank]);
      }
      tail.scheduleAt(lastArrivalPs + dataParallelSyncPs[rank], syncDone, rank);
    }
    tail.run();
    return tail.eventsFired();
  }

  /** The blocks' results in the whole step's GPU numbering. */
  private StepResult merged(List<ReplicaBlock> blocks, long tailEvents) {
    int gpus = ranks.gpus();
    long stepPs = 0;
    for (ReplicaBlock block : blocks) {
      for (long finish : block.finishPs) {
        stepPs = Math.max(stepPs, finish);
      }
    }
    long[] finishPs = new long[gpus];
    long[] computeBusyPs = new long[gpus];
    long[][] idlePs = new long[IdleReason.values().length][gpus];
    long events = tailEvents;
    for (ReplicaBlock block : blocks) {
      block.idle.closeAll(stepPs);
      long[][] blockIdle = block.idle.byReason();
      for (int g = 0; g < block.gpus(); g++) {
        int whole = block.wholeGpu(ranks, g);
        finishPs[whole] = block.finishPs[g];
        computeBusyPs[whole] = block.computeBusyPs[g];
        for (int reason = 0; reason < idlePs.length; reason++) {
          idlePs[reason][whole] = blockIdle[reason][g];
        }
      }
      events += block.eventsFired();
    }
    return new StepResult(stepPs, finishPs, computeBusyPs, idlePs, events);
  }
}
