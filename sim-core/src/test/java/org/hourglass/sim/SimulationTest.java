package org.hourglass.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulationTest {
  @Test
  void handlersSeeTheClockAtTheirEventTime() {
    Simulation simulation = new Simulation();
    List<Long> seen = new ArrayList<>();
    simulation.schedule(300, payload -> seen.add(simulation.nowPs()));
    simulation.schedule(100, payload -> seen.add(simulation.nowPs()));
    assertEquals(300, simulation.run());
    assertEquals(List.of(100L, 300L), seen);
  }

  @Test
  void eventsScheduledByHandlersRunRelativeToTheirTime() {
    Simulation simulation = new Simulation();
    List<Long> seen = new ArrayList<>();
    simulation.schedule(SimTime.PS_PER_US, payload -> {
      seen.add(simulation.nowPs());
      simulation.schedule(SimTime.PS_PER_NS, next -> seen.add(simulation.nowPs()));
    });
    simulation.run();
    assertEquals(List.of(SimTime.PS_PER_US, SimTime.PS_PER_US + SimTime.PS_PER_NS), seen);
  }

  @Test
  void runUntilLeavesLaterEventsPendingAndStopsTheClockAtTheLastEventRun() {
    Simulation simulation = new Simulation();
    List<Long> payloads = new ArrayList<>();
    for (long t = 10; t <= 50; t += 10) {
      simulation.scheduleAt(t, payloads::add, t);
    }
    assertEquals(30, simulation.runUntil(35));
    assertEquals(List.of(10L, 20L, 30L), payloads);
    assertEquals(2, simulation.pendingCount());
    simulation.schedule(1, payloads::add, 31); // earlier than the peeked 40
    simulation.run();
    assertEquals(List.of(10L, 20L, 30L, 31L, 40L, 50L), payloads);
  }

  @Test
  void stepRunsOneEventAtATime() {
    Simulation simulation = new Simulation();
    simulation.schedule(5, payload -> {});
    assertTrue(simulation.step());
    assertEquals(1, simulation.eventsFired());
    assertFalse(simulation.step());
  }

  @Test
  void cancelledEventDoesNotRun() {
    Simulation simulation = new Simulation();
    List<Long> payloads = new ArrayList<>();
    long id = simulation.schedule(10, payloads::add, 1);
    simulation.schedule(20, payloads::add, 2);
    assertTrue(simulation.cancel(id));
    simulation.run();
    assertEquals(List.of(2L), payloads);
  }

  @Test
  void negativeDelaysAndPastTimesAreRefused() {
    Simulation simulation = new Simulation();
    simulation.schedule(100, payload -> {});
    simulation.run();
    assertThrows(IllegalArgumentException.class, () -> simulation.schedule(-1, payload -> {}));
    assertThrows(IllegalArgumentException.class, () -> simulation.scheduleAt(99, payload -> {}, 0));
  }

  @Test
  void sameSeedSameEventSequenceBitForBit() {
    assertEquals(randomCascadeHash(42), randomCascadeHash(42));
    assertTrue(randomCascadeHash(42) != randomCascadeHash(43), "different seeds should differ");
  }

  /** A cascade of events with random delays and fan-out; the hash covers every (time, payload) fired. */
  private static long randomCascadeHash(long seed) {
    Simulation simulation = new Simulation();
    SplittableRandom random = new RandomStreams(seed).stream("cascade");
    long[] hash = {17};
    EventHandler[] handler = new EventHandler[1];
    handler[0] = payload -> {
      hash[0] = 31 * hash[0] + simulation.nowPs() * 7 + payload;
      if (simulation.eventsFired() < 50_000) {
        for (int i = random.nextInt(3); i > 0; i--) {
          simulation.schedule(random.nextInt(4) == 0 ? 0 : random.nextLong(1_000_000), handler[0], random.nextLong());
        }
      }
    };
    for (int i = 0; i < 100; i++) {
      simulation.schedule(random.nextLong(1_000_000), handler[0], i);
    }
    simulation.run();
    return hash[0];
  }
}
