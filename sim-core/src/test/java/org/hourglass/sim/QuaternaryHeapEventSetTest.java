package org.hourglass.sim;

/** The event-set contract on the 4-ary heap. */
class QuaternaryHeapEventSetTest extends PendingEventSetContractTest {
  @Override
  PendingEventSet newSet() {
    return new QuaternaryHeapEventSet(4);
  }
}
