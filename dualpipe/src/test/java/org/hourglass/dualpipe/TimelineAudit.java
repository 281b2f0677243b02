package org.hourglass.dualpipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Re-checks an execution from its timelines alone: every op ran, in order, after what it needs arrived. */
final class TimelineAudit {
  private TimelineAudit() {}

  static void assertConsistent(Execution run) {
    Schedule schedule = run.schedule();
    Map<String, Long> endOf = new HashMap<>();
    for (List<TimedOp> timeline : run.timelines()) {
      timeline.forEach(t -> t.op().tasks().forEach(task -> endOf.put(key(task), t.endPs())));
    }
    long latency = run.durations().p2pLatencyPs();
    for (int r = 0; r < schedule.ranks(); r++) {
      List<TimedOp> timeline = run.timelines().get(r);
      assertEquals(schedule.ops(r).size(), timeline.size(), "rank " + r + " ran every op");
      long previousEnd = 0;
      for (int i = 0; i < timeline.size(); i++) {
        TimedOp t = timeline.get(i);
        assertEquals(schedule.ops(r).get(i), t.op());
        assertTrue(t.startPs() >= previousEnd, "rank " + r + " runs one op at a time");
        assertEquals(run.durations().of(t.op()), t.endPs() - t.startPs());
        for (Task task : t.op().tasks()) {
          for (Dependency need : Dependency.of(schedule, task)) {
            long ready = endOf.get(key(need.needed())) + (need.remoteFor(r) ? latency : 0);
            assertTrue(t.startPs() >= ready, t.op() + " on rank " + r + " starts before " + need.needed() + " is there");
          }
        }
        previousEnd = t.endPs();
      }
      assertTrue(previousEnd <= run.makespanPs());
    }
  }

  private static String key(Task task) {
    String slot = task.pass().isBackward() ? "B" : task.pass().letter();
    return slot + "/" + task.microBatch() + "/" + task.stage();
  }
}
