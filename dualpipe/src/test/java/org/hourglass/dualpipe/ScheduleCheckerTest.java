package org.hourglass.dualpipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Breaks generated schedules on purpose and checks the checker names the rule that was broken. */
class ScheduleCheckerTest {

  @Test
  void everyGeneratorPassesOnATypicalShape() {
    for (ScheduleKind kind : ScheduleKind.values()) {
      assertEquals(java.util.Optional.empty(), ScheduleChecker.check(Schedules.generate(kind, 8, 32)), kind.name());
    }
  }

  @Test
  void swappedForwardsOnAReceivingRankBreakChannelOrder() {
    Schedule schedule = OneFOneBSchedule.generate(4, 8);
    Violation v = ScheduleChecker.check(swap(schedule, 1, 0, 1)).orElseThrow();
    assertEquals(Rule.SENDS_MATCH_RECEIVES, v.rule());
    assertEquals(1, v.rank());
    assertEquals(0, v.opIndex());
  }

  @Test
  void backwardBeforeItsForwardBreaksBackwardOrder() {
    Schedule schedule = OneFOneBSchedule.generate(4, 8);
    Violation v = ScheduleChecker.check(swap(schedule, 3, 0, 1)).orElseThrow();
    assertEquals(Rule.BACKWARD_ORDER, v.rule());
    assertEquals(3, v.rank());
  }

  @Test
  void weightBeforeItsInputGradientBreaksTheWeightRule() {
    Schedule schedule = ZeroBubbleH1Schedule.generate(4, 8);
    assertEquals("B0*", schedule.ops(0).get(4).token());
    assertEquals("W", schedule.ops(0).get(5).token());
    Violation v = ScheduleChecker.check(swap(schedule, 0, 4, 5)).orElseThrow();
    assertEquals(Rule.WEIGHT_AFTER_BACKWARD, v.rule());
    assertEquals(4, v.opIndex());
  }

  @Test
  void droppedOpIsMissing() {
    Schedule schedule = DualPipeSchedule.generate(8, 20);
    List<List<Op>> ops = mutable(schedule);
    Op dropped = ops.get(2).remove(11);
    Violation v = ScheduleChecker.check(schedule.withOps(ops)).orElseThrow();
    assertEquals(Rule.NOTHING_MISSING, v.rule());
    assertTrue(v.detail().contains("mb " + dropped.first().microBatch()), v.detail());
  }

  @Test
  void repeatedOpIsDuplicated() {
    Schedule schedule = GPipeSchedule.generate(2, 4);
    List<List<Op>> ops = mutable(schedule);
    ops.get(1).add(ops.get(1).get(0));
    Violation v = ScheduleChecker.check(schedule.withOps(ops)).orElseThrow();
    assertEquals(Rule.NOTHING_DUPLICATED, v.rule());
    assertEquals(ops.get(1).size() - 1, v.opIndex());
  }

  @Test
  void opOnTheWrongRankBreaksPlacementBeforeAnythingElse() {
    Schedule schedule = OneFOneBSchedule.generate(4, 8);
    List<List<Op>> ops = mutable(schedule);
    ops.get(2).add(0, ops.get(1).remove(0));
    Violation v = ScheduleChecker.check(schedule.withOps(ops)).orElseThrow();
    assertEquals(Rule.PLACEMENT, v.rule());
    assertEquals(2, v.rank());
  }

  @Test
  void crossRankCycleIsReportedAsDeadlock() {
    Schedule schedule = OneFOneBSchedule.generate(2, 2);
    assertEquals("F0 F0 B0 B0", schedule.tokens(0));
    assertEquals("F0 B0 F0 B0", schedule.tokens(1));
    Schedule rank0WaitsForAGradient = swap(schedule, 0, 1, 2);
    Schedule rank1WaitsForAnActivation = swap(rank0WaitsForAGradient, 1, 1, 2);
    Violation v = ScheduleChecker.check(rank1WaitsForAnActivation).orElseThrow();
    assertEquals(0, v.rank());
    assertEquals(Rule.BACKWARD_ORDER, v.rule());
    assertTrue(v.detail().contains("deadlock"), v.detail());
  }

  @Test
  void oneWarmUpForwardTooManyBreaksTheActivationBound() {
    Schedule schedule = OneFOneBSchedule.generate(4, 8);
    assertEquals("F0 F0 F0 F0 B0", schedule.tokens(0).substring(0, 14));
    Violation v = ScheduleChecker.check(swap(schedule, 0, 4, 5)).orElseThrow();
    assertEquals(Rule.ACTIVATION_BOUND, v.rule());
    assertTrue(v.detail().startsWith("5 stage-activations in flight, bound 4"), v.detail());
  }

  static Schedule swap(Schedule schedule, int rank, int i, int j) {
    List<List<Op>> ops = mutable(schedule);
    Collections.swap(ops.get(rank), i, j);
    return schedule.withOps(ops);
  }

  static List<List<Op>> mutable(Schedule schedule) {
    List<List<Op>> ops = new ArrayList<>();
    schedule.opsPerRank().forEach(rankOps -> ops.add(new ArrayList<>(rankOps)));
    return ops;
  }
}
