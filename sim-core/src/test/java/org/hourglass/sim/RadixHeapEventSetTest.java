package org.hourglass.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The event-set contract on the radix heap, plus its own edge: many cancellations in one bucket. */
class RadixHeapEventSetTest extends PendingEventSetContractTest {
  @Override
  PendingEventSet newSet() {
    return new RadixHeapEventSet(4);
  }

  @Test
  void slotsFreedByCancellationAreReusedWithoutConfusion() {
    RadixHeapEventSet set = new RadixHeapEventSet(4);
    EventHandler nothing = payload -> {};
    for (int round = 0; round < 1_000; round++) {
      long id = set.add(1_000_000 + round, nothing, round);
      set.cancel(id);
    }
    set.add(5, nothing, 42);
    assertEquals(1, set.size());
    assertEquals(42, set.firstPayload());
  }
}
