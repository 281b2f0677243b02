package org.hourglass.dualpipe;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks a schedule against the {@link Rule}s in their order and reports the first one broken,
 * with the first op that breaks it: placement, nothing duplicated, nothing missing, dependency
 * order (replayed rank by rank, so a cross-rank deadlock is caught too), sends matching receives,
 * and the activation bound.
 */
public final class ScheduleChecker {
  private ScheduleChecker() {}

  /** The first violation, or empty when the schedule keeps every rule. */
  public static Optional<Violation> check(Schedule schedule) {
    List<Supplier<Optional<Violation>>> rules = List.of(
        () -> placement(schedule),
        () -> TaskInventory.check(schedule),
        () -> DependencyReplay.check(schedule),
        () -> ChannelOrder.check(schedule),
        () -> activationBound(schedule));
    for (Supplier<Optional<Violation>> rule : rules) {
      Optional<Violation> violation = rule.get();
      if (violation.isPresent()) {
        return violation;
      }
    }
    return Optional.empty();
  }

  /** Throws if the schedule breaks a rule, naming the first. */
  public static void requireValid(Schedule schedule) {
    check(schedule).ifPresent(v -> {
      throw new IllegalStateException(schedule.kind().displayName() + " schedule is invalid: " + v.message());
    });
  }

  private static Optional<Violation> placement(Schedule schedule) {
    TaskSlots slots = new TaskSlots(schedule);
    for (int r = 0; r < schedule.ranks(); r++) {
      List<Op> ops = schedule.ops(r);
      for (int i = 0; i < ops.size(); i++) {
        for (Task task : ops.get(i).tasks()) {
          if (!slots.inRange(task, schedule.microBatches())) {
            return Optional.of(new Violation(Rule.PLACEMENT, r, i, task + " is outside the schedule's micro-batches or stages"));
          }
          Hop hop = schedule.route(task.microBatch()).hop(task.stage());
          if (hop.rank() != r || hop.chunk() != task.chunk()) {
            return Optional.of(new Violation(Rule.PLACEMENT, r, i, task + " belongs to rank " + hop.rank() + " chunk " + hop.chunk()));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Violation> activationBound(Schedule schedule) {
    for (int r = 0; r < schedule.ranks(); r++) {
      ActivationLedger ledger = new ActivationLedger();
      List<Op> ops = schedule.ops(r);
      int bound = schedule.activationBound().get(r);
      for (int i = 0; i < ops.size(); i++) {
        int held = ledger.apply(ops.get(i));
        if (held > bound) {
          return Optional.of(new Violation(Rule.ACTIVATION_BOUND, r, i, held + " stage-activations in flight, bound " + bound));
        }
      }
    }
    return Optional.empty();
  }
}
