package org.hourglass.dualpipe;

import java.util.List;
import java.util.Optional;

/**
 * Replays a schedule with every rank running its ops in order and blocking until the outputs its
 * next op needs exist. A need that comes later on the same rank breaks that need's rule at once; a
 * state where no rank can move is a cross-rank deadlock, reported at the lowest stuck rank.
 */
final class DependencyReplay {
  private final Schedule schedule;
  private final TaskSlots slots;
  private final boolean[] done;
  private final int[] next;

  private DependencyReplay(Schedule schedule) {
    this.schedule = schedule;
    this.slots = new TaskSlots(schedule);
    this.done = new boolean[slots.size()];
    this.next = new int[schedule.ranks()];
  }

  static Optional<Violation> check(Schedule schedule) {
    return new DependencyReplay(schedule).replay();
  }

  private Optional<Violation> replay() {
    boolean moved = true;
    while (moved) {
      moved = false;
      for (int r = 0; r < schedule.ranks(); r++) {
        int before = next[r];
        Optional<Violation> local = advance(r);
        if (local.isPresent()) {
          return local;
        }
        moved |= next[r] > before;
      }
    }
    return deadlock();
  }

  /** Runs rank {@code r} as far as it can go; reports a need that its own later ops would meet. */
  private Optional<Violation> advance(int r) {
    List<Op> ops = schedule.ops(r);
    while (next[r] < ops.size()) {
      Optional<Dependency> unmet = firstUnmet(ops.get(next[r]));
      if (unmet.isPresent()) {
        return unmet.get().rank() == r ? Optional.of(violation(r, unmet.get())) : Optional.empty();
      }
      ops.get(next[r]).tasks().forEach(t -> done[slots.index(t)] = true);
      next[r]++;
    }
    return Optional.empty();
  }

  private Optional<Dependency> firstUnmet(Op op) {
    for (Task task : op.tasks()) {
      for (Dependency need : Dependency.of(schedule, task)) {
        if (!done[slots.index(need.needed())]) {
          return Optional.of(need);
        }
      }
    }
    return Optional.empty();
  }

  private Optional<Violation> deadlock() {
    for (int r = 0; r < schedule.ranks(); r++) {
      if (next[r] < schedule.ops(r).size()) {
        Violation stuck = violation(r, firstUnmet(schedule.ops(r).get(next[r])).orElseThrow());
        return Optional.of(new Violation(stuck.rule(), r, stuck.opIndex(), stuck.detail() + " (no rank can proceed: deadlock)"));
      }
    }
    return Optional.empty();
  }

  private Violation violation(int r, Dependency need) {
    Op op = schedule.ops(r).get(next[r]);
    return new Violation(need.rule(), r, next[r], op + " runs before " + need.needed() + " on rank " + need.rank());
  }
}
