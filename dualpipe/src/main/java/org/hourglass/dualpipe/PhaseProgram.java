package org.hourglass.dualpipe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one rank's op list for a schedule whose rank runs two phases (DualPipe, DualPipeV): it
 * knows, per phase, which micro-batch forwards next and which waits longest for its backward, and
 * keeps the FIFO of weight-gradient jobs that B* defers and W pops.
 */
final class PhaseProgram {
  /** What a rank runs in one phase: the stage, its chunk label and the micro-batches in forward order. */
  record Phase(int stage, int chunk, List<Integer> microBatches) {}

  private final List<Phase> phases;
  private final int[] forwardsDone;
  private final List<ArrayDeque<Task>> awaitingBackward = new ArrayList<>();
  private final ArrayDeque<Task> deferredWeights = new ArrayDeque<>();
  private final List<Op> ops = new ArrayList<>();
  private boolean deferring;

  PhaseProgram(Phase phase0, Phase phase1) {
    this.phases = List.of(phase0, phase1);
    this.forwardsDone = new int[2];
    awaitingBackward.add(new ArrayDeque<>());
    awaitingBackward.add(new ArrayDeque<>());
  }

  /** From now on backwards compute input gradients only and queue their weight gradients (B*). */
  void deferWeights(boolean on) {
    deferring = on;
  }

  void forward(int phase) {
    ops.add(Op.single(nextForward(phase)));
  }

  void backward(int phase) {
    ops.add(Op.single(nextBackward(phase)));
  }

  void overlapped(int forwardPhase, int backwardPhase) {
    Task forward = nextForward(forwardPhase);
    ops.add(Op.overlapped(forward, nextBackward(backwardPhase)));
  }

  /** Pops the oldest deferred weight-gradient job. */
  void weight() {
    ops.add(Op.single(deferredWeights.removeFirst().withPass(Pass.WEIGHT)));
  }

  List<Op> ops() {
    return List.copyOf(ops);
  }

  private Task nextForward(int phase) {
    Phase p = phases.get(phase);
    int microBatch = p.microBatches().get(forwardsDone[phase]++);
    Task task = new Task(Pass.FORWARD, microBatch, p.stage(), p.chunk());
    awaitingBackward.get(phase).addLast(task);
    return task;
  }

  private Task nextBackward(int phase) {
    Task forward = awaitingBackward.get(phase).removeFirst();
    if (!deferring) {
      return forward.withPass(Pass.BACKWARD);
    }
    Task inputOnly = forward.withPass(Pass.BACKWARD_INPUT);
    deferredWeights.addLast(inputOnly);
    return inputOnly;
  }
}
