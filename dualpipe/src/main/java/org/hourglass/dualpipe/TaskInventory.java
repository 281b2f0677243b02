package org.hourglass.dualpipe;

import java.util.List;
import java.util.Optional;

/** Checks that every pass of every micro-batch through every stage appears exactly as often as it must. */
final class TaskInventory {
  private final Schedule schedule;
  private final TaskSlots slots;
  private final int[] count;
  private final boolean[] inputOnly;

  private TaskInventory(Schedule schedule) {
    this.schedule = schedule;
    this.slots = new TaskSlots(schedule);
    this.count = new int[slots.size()];
    this.inputOnly = new boolean[slots.size()];
  }

  static Optional<Violation> check(Schedule schedule) {
    TaskInventory inventory = new TaskInventory(schedule);
    return inventory.duplicates().or(inventory::missing);
  }

  private Optional<Violation> duplicates() {
    for (int r = 0; r < schedule.ranks(); r++) {
      List<Op> ops = schedule.ops(r);
      for (int i = 0; i < ops.size(); i++) {
        for (Task task : ops.get(i).tasks()) {
          int slot = slots.index(task);
          if (count[slot]++ > 0) {
            return Optional.of(new Violation(Rule.NOTHING_DUPLICATED, r, i, task + " already ran"));
          }
          inputOnly[slot] = task.pass() == Pass.BACKWARD_INPUT;
        }
      }
    }
    return Optional.empty();
  }

  private Optional<Violation> missing() {
    for (int m = 0; m < schedule.microBatches(); m++) {
      Route route = schedule.route(m);
      for (int s = 0; s < route.stages(); s++) {
        Task forward = new Task(Pass.FORWARD, m, s, route.hop(s).chunk());
        Optional<Violation> gap = missingAt(route.rank(s), forward);
        if (gap.isPresent()) {
          return gap;
        }
      }
    }
    return Optional.empty();
  }

  private Optional<Violation> missingAt(int rank, Task forward) {
    Task backward = forward.withPass(Pass.BACKWARD);
    Task weight = forward.withPass(Pass.WEIGHT);
    boolean deferred = inputOnly[slots.index(backward)];
    if (count[slots.index(forward)] == 0) {
      return Optional.of(new Violation(Rule.NOTHING_MISSING, rank, -1, forward + " never runs"));
    }
    if (count[slots.index(backward)] == 0) {
      return Optional.of(new Violation(Rule.NOTHING_MISSING, rank, -1, backward + " never runs"));
    }
    if (deferred && count[slots.index(weight)] == 0) {
      return Optional.of(new Violation(Rule.NOTHING_MISSING, rank, -1, weight + " never runs after its B*"));
    }
    if (!deferred && count[slots.index(weight)] > 0) {
      return Optional.of(new Violation(Rule.NOTHING_DUPLICATED, rank, -1, weight + " repeats the weight gradient of a full B"));
    }
    return Optional.empty();
  }
}
