package org.hourglass.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The engine's hot path allocates nothing per event: schedule, fire and cancel on warmed-up
 * structures. Measured in bytes allocated by this thread (HotSpot's per-thread counter), which is
 * a count, not a timing, so it is stable on a noisy machine.
 */
class HotPathAllocationTest {
  private static final int PENDING = 10_000;
  private static final int EVENTS = 500_000;

  @Test
  void holdStepsAllocateNothingPerEvent() {
    com.sun.management.ThreadMXBean threads = hotSpotThreads();
    Simulation simulation = new Simulation();
    long[] state = {1}; // a tiny xorshift: no allocation, no library call
    EventHandler[] handler = new EventHandler[1];
    handler[0] = payload -> {
      long x = state[0];
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      state[0] = x;
      long id = simulation.schedule((x >>> 40) & 0xFFFF, handler[0], payload);
      if ((x & 7) == 0) {
        simulation.cancel(id);
        simulation.schedule((x >>> 20) & 0xFFF, handler[0], payload);
      }
    };
    for (int i = 0; i < PENDING; i++) {
      simulation.schedule(i, handler[0], i);
    }
    runEvents(simulation, EVENTS); // warm-up: buckets and JIT reach their steady state
    long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    runEvents(simulation, EVENTS);
    long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
    assertTrue(allocated < 64 * 1024,
        "expected no allocation per event; " + EVENTS + " events allocated " + allocated + " bytes");
  }

  private static void runEvents(Simulation simulation, int events) {
    long target = simulation.eventsFired() + events;
    while (simulation.eventsFired() < target) {
      simulation.step();
    }
  }

  private static com.sun.management.ThreadMXBean hotSpotThreads() {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
    com.sun.management.ThreadMXBean hotSpot = (com.sun.management.ThreadMXBean) threads;
    assumeTrue(hotSpot.isThreadAllocatedMemorySupported(), "allocation counter not supported");
    hotSpot.setThreadAllocatedMemoryEnabled(true);
    return hotSpot;
  }
}
