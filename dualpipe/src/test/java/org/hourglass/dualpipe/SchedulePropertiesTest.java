package org.hourglass.dualpipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hourglass.sim.InvalidInputException;

/** Every generator, over many (ranks, micro-batches), through the checker and the executor. */
class SchedulePropertiesTest {
  private static final Durations DURATIONS = Durations.ofUnits(1.1, 2.3, 0.7, 3.0, 0.05);

  @Property(tries = 300)
  void everyGeneratedScheduleKeepsEveryRule(@ForAll ScheduleKind kind,
      @ForAll @IntRange(min = 1, max = 12) int ranks, @ForAll @IntRange(min = 1, max = 60) int microBatches) {
    Schedule schedule = generateOrSkip(kind, ranks, microBatches);
    assertEquals(Optional.empty(), ScheduleChecker.check(schedule));
  }

  @Property(tries = 200)
  void executionRespectsEveryDependencyAndNeverOverlapsARank(@ForAll ScheduleKind kind,
      @ForAll @IntRange(min = 1, max = 10) int ranks, @ForAll @IntRange(min = 1, max = 40) int microBatches) {
    Schedule schedule = generateOrSkip(kind, ranks, microBatches);
    Execution run = ScheduleExecutor.run(schedule, DURATIONS);
    TimelineAudit.assertConsistent(run);
  }

  @Property(tries = 200)
  void droppingAnyOpIsCaughtAsMissing(@ForAll ScheduleKind kind, @ForAll @IntRange(min = 2, max = 8) int ranks,
      @ForAll @IntRange(min = 2, max = 40) int microBatches, @ForAll @IntRange(min = 0, max = 10_000) int pick) {
    Schedule schedule = generateOrSkip(kind, ranks, microBatches);
    List<List<Op>> ops = ScheduleCheckerTest.mutable(schedule);
    int rank = pick % ranks;
    ops.get(rank).remove(pick % ops.get(rank).size());
    assertEquals(Rule.NOTHING_MISSING, ScheduleChecker.check(schedule.withOps(ops)).orElseThrow().rule());
  }

  /**
   * Swapping two neighbouring ops either breaks a rule the checker names, or gives a schedule that
   * really runs to the end: the checker never accepts a schedule that stalls.
   */
  @Property(tries = 300)
  void theCheckerAcceptsOnlySwapsThatStillRun(@ForAll ScheduleKind kind, @ForAll @IntRange(min = 2, max = 8) int ranks,
      @ForAll @IntRange(min = 2, max = 40) int microBatches, @ForAll @IntRange(min = 0, max = 10_000) int pick) {
    Schedule schedule = generateOrSkip(kind, ranks, microBatches);
    int rank = pick % ranks;
    int i = pick % (schedule.ops(rank).size() - 1);
    Schedule swapped = ScheduleCheckerTest.swap(schedule, rank, i, i + 1);
    Optional<Violation> violation = ScheduleChecker.check(swapped);
    if (violation.isEmpty()) {
      TimelineAudit.assertConsistent(ScheduleExecutor.run(swapped, DURATIONS));
    } else {
      assertTrue(violation.get().rank() >= 0);
    }
  }

  @Property(tries = 200)
  void swappingAnOpWithOneItFeedsOnTheSameRankIsCaught(@ForAll ScheduleKind kind,
      @ForAll @IntRange(min = 1, max = 8) int ranks, @ForAll @IntRange(min = 1, max = 40) int microBatches,
      @ForAll @IntRange(min = 0, max = 10_000) int pick) {
    Schedule schedule = generateOrSkip(kind, ranks, microBatches);
    int rank = pick % ranks;
    List<Op> ops = schedule.ops(rank);
    for (int k = 0; k < ops.size(); k++) {
      int i = (pick + k) % (ops.size() - 1 < 1 ? 1 : ops.size() - 1);
      if (i + 1 < ops.size() && feeds(schedule, ops.get(i), ops.get(i + 1))) {
        Violation v = ScheduleChecker.check(ScheduleCheckerTest.swap(schedule, rank, i, i + 1)).orElseThrow();
        assertTrue(v.rule() == Rule.BACKWARD_ORDER || v.rule() == Rule.WEIGHT_AFTER_BACKWARD
            || v.rule() == Rule.FORWARD_ORDER, v.message());
        return;
      }
    }
  }

  private static boolean feeds(Schedule schedule, Op earlier, Op later) {
    for (Task task : later.tasks()) {
      for (Dependency need : Dependency.of(schedule, task)) {
        for (Task made : earlier.tasks()) {
          if (made.microBatch() == need.needed().microBatch() && made.stage() == need.needed().stage()
              && sameSlot(made.pass(), need.needed().pass())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean sameSlot(Pass a, Pass b) {
    return a == b || (a.isBackward() && b.isBackward());
  }

  static Schedule generateOrSkip(ScheduleKind kind, int ranks, int microBatches) {
    try {
      return Schedules.generate(kind, ranks, microBatches);
    } catch (InvalidInputException refused) {
      Assume.that(false);
      throw refused;
    }
  }
}
