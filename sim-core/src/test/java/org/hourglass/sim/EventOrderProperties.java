package org.hourglass.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Properties of the engine's event order, checked on generated schedules. */
class EventOrderProperties {
  /** An event as the test sees it fire: when, and in which order it was scheduled. */
  private record Fired(long timePs, long scheduledAs) {}

  @Property
  void eventsFireInNonDecreasingTimeAndEqualTimesInSchedulingOrder(
      @ForAll @Size(max = 300) List<@LongRange(min = 0, max = 50) Long> delaysPs,
      @ForAll @IntRange(min = 0, max = 5) int childrenPerEvent) {
    Simulation simulation = new Simulation();
    List<Fired> fired = new ArrayList<>();
    long[] scheduled = {0};
    EventHandler[] handler = new EventHandler[1];
    handler[0] = order -> {
      fired.add(new Fired(simulation.nowPs(), order));
      if (fired.size() < 2_000) {
        for (int c = 0; c < childrenPerEvent && c < delaysPs.size(); c++) {
          simulation.schedule(delaysPs.get((int) ((order + c) % delaysPs.size())), handler[0], scheduled[0]++);
        }
      }
    };
    for (long delay : delaysPs) {
      simulation.schedule(delay, handler[0], scheduled[0]++);
    }
    simulation.run();
    for (int i = 1; i < fired.size(); i++) {
      Fired before = fired.get(i - 1);
      Fired after = fired.get(i);
      assertTrue(before.timePs() <= after.timePs(), "time went back at event " + i);
      if (before.timePs() == after.timePs()) {
        assertTrue(before.scheduledAs() < after.scheduledAs(), "equal times out of scheduling order at " + i);
      }
    }
    assertEquals(fired.size(), simulation.eventsFired());
  }

  @Property
  void cancelledEventsNeverFireAndTheRestAllDo(
      @ForAll @Size(min = 1, max = 300) List<@LongRange(min = 0, max = 1_000_000) Long> timesPs,
      @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 299) Integer> toCancel) {
    Simulation simulation = new Simulation();
    Set<Long> firedPayloads = new HashSet<>();
    long[] ids = new long[timesPs.size()];
    for (int i = 0; i < timesPs.size(); i++) {
      ids[i] = simulation.scheduleAt(timesPs.get(i), firedPayloads::add, i);
    }
    Set<Long> cancelled = new HashSet<>();
    for (int index : toCancel) {
      if (index < ids.length) {
        boolean first = cancelled.add((long) index);
        assertEquals(first, simulation.cancel(ids[index]), "cancel of event " + index);
      }
    }
    simulation.run();
    for (long i = 0; i < timesPs.size(); i++) {
      assertEquals(!cancelled.contains(i), firedPayloads.contains(i), "event " + i);
    }
    for (long id : ids) {
      assertFalse(simulation.cancel(id), "an event that fired or was cancelled cannot be cancelled");
    }
  }
}
