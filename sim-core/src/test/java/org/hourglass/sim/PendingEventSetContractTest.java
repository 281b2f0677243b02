package org.hourglass.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link PendingEventSet} keeps: time order, FIFO among equal times, working
 * cancellation, and the same answers as the {@link TreeMapEventSet} reference under random use.
 * One subclass per implementation.
 */
abstract class PendingEventSetContractTest {
  private static final EventHandler NOTHING = payload -> {};

  abstract PendingEventSet newSet();

  @Test
  void emptySetHasSizeZero() {
    PendingEventSet set = newSet();
    assertTrue(set.isEmpty());
    assertEquals(0, set.size());
  }

  @Test
  void popsInTimeOrder() {
    PendingEventSet set = newSet();
    long[] times = {50, 10, 40, 20, 30};
    for (long t : times) {
      set.add(t, NOTHING, t);
    }
    long[] popped = drainTimes(set);
    assertEquals(List.of(10L, 20L, 30L, 40L, 50L), asList(popped));
  }

  @Test
  void equalTimesLeaveInTheOrderTheyCame() {
    PendingEventSet set = newSet();
    for (int i = 0; i < 100; i++) {
      set.add(i % 3 == 0 ? 7 : 9, NOTHING, i);
    }
    List<Long> payloads = new ArrayList<>();
    while (!set.isEmpty()) {
      payloads.add(set.firstPayload());
      set.removeFirst();
    }
    List<Long> expected = new ArrayList<>();
    for (long i = 0; i < 100; i += 3) {
      expected.add(i);
    }
    for (long i = 0; i < 100; i++) {
      if (i % 3 != 0) {
        expected.add(i);
      }
    }
    assertEquals(expected, payloads);
  }

  @Test
  void firstHandlerAndPayloadBelongToTheEarliestEvent() {
    PendingEventSet set = newSet();
    EventHandler late = payload -> {};
    EventHandler early = payload -> {};
    set.add(200, late, 2);
    set.add(100, early, 1);
    assertSame(early, set.firstHandler());
    assertEquals(1, set.firstPayload());
    assertEquals(100, set.firstTimePs());
  }

  @Test
  void cancelledEventNeverComesOut() {
    PendingEventSet set = newSet();
    set.add(10, NOTHING, 1);
    long doomed = set.add(20, NOTHING, 2);
    set.add(30, NOTHING, 3);
    assertTrue(set.cancel(doomed));
    assertEquals(2, set.size());
    assertEquals(List.of(10L, 30L), asList(drainTimes(set)));
  }

  @Test
  void cancellingTheFirstEventExposesTheNext() {
    PendingEventSet set = newSet();
    long first = set.add(10, NOTHING, 1);
    set.add(20, NOTHING, 2);
    assertEquals(10, set.firstTimePs());
    assertTrue(set.cancel(first));
    assertEquals(20, set.firstTimePs());
    assertEquals(2, set.firstPayload());
  }

  @Test
  void cancelOfAFiredOrCancelledEventIsRefused() {
    PendingEventSet set = newSet();
    long fired = set.add(10, NOTHING, 1);
    long cancelled = set.add(20, NOTHING, 2);
    set.removeFirst();
    assertFalse(set.cancel(fired));
    assertTrue(set.cancel(cancelled));
    assertFalse(set.cancel(cancelled));
    assertFalse(set.cancel(-1));
    assertTrue(set.isEmpty());
  }

  @Test
  void staleIdCannotCancelTheEventThatReusedItsSlot() {
    PendingEventSet set = newSet();
    long old = set.add(10, NOTHING, 1);
    set.removeFirst();
    set.add(20, NOTHING, 2); // may reuse the slot of the fired event
    assertFalse(set.cancel(old));
    assertEquals(1, set.size());
  }

  @ParameterizedTest
  @ValueSource(longs = {0L, 1L, (1L << 40) + 3, Long.MAX_VALUE - 1, Long.MAX_VALUE})
  void extremeTimesKeepTheirOrder(long base) {
    PendingEventSet set = newSet();
    long below = base == 0 ? 0 : base - 1;
    set.add(base, NOTHING, 2);
    set.add(below, NOTHING, 1);
    set.add(base, NOTHING, 3);
    List<Long> payloads = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    while (!set.isEmpty()) {
      times.add(set.firstTimePs());
      payloads.add(set.firstPayload());
      set.removeFirst();
    }
    assertEquals(List.of(below, base, base), times);
    // at base 0 all three share time 0 and leave in arrival order
    assertEquals(base == 0 ? List.of(2L, 1L, 3L) : List.of(1L, 2L, 3L), payloads);
  }

  @Test
  void addingBeforeTheEarliestPendingEventAfterAPeekKeepsOrder() {
    PendingEventSet set = newSet();
    set.add(1_000, NOTHING, 1);
    set.add(1_000, NOTHING, 2);
    assertEquals(1_000, set.firstTimePs()); // a peek, as runUntil does
    set.add(500, NOTHING, 3);
    set.add(1_000, NOTHING, 4);
    List<Long> payloads = new ArrayList<>();
    while (!set.isEmpty()) {
      payloads.add(set.firstPayload());
      set.removeFirst();
    }
    assertEquals(List.of(3L, 1L, 2L, 4L), payloads);
  }

  /** Random adds, removals and cancels, replayed on the reference: every answer must agree. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void agreesWithTheReferenceUnderRandomUse(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    PendingEventSet set = newSet();
    PendingEventSet reference = new TreeMapEventSet();
    List<long[]> ids = new ArrayList<>(); // {id in set, id in reference}
    long now = 0;
    for (int op = 0; op < 20_000; op++) {
      int choice = random.nextInt(10);
      if (choice < 5 || set.isEmpty()) {
        long time = now + (random.nextInt(4) == 0 ? random.nextInt(3) : random.nextLong(1_000_000));
        if (random.nextInt(50) == 0) {
          time = Math.max(0, now - random.nextInt(1_000)); // an out-of-order add
        }
        ids.add(new long[] {set.add(time, NOTHING, op), reference.add(time, NOTHING, op)});
      } else if (choice < 8) {
        assertEquals(reference.firstTimePs(), set.firstTimePs(), "time at op " + op);
        assertEquals(reference.firstPayload(), set.firstPayload(), "payload at op " + op);
        now = set.firstTimePs();
        set.removeFirst();
        reference.removeFirst();
      } else {
        long[] pair = ids.get(random.nextInt(ids.size()));
        assertEquals(reference.cancel(pair[1]), set.cancel(pair[0]), "cancel at op " + op);
      }
      assertEquals(reference.size(), set.size(), "size at op " + op);
    }
  }

  private static long[] drainTimes(PendingEventSet set) {
    long[] times = new long[set.size()];
    for (int i = 0; i < times.length; i++) {
      times[i] = set.firstTimePs();
      set.removeFirst();
    }
    return times;
  }

  private static List<Long> asList(long[] values) {
    List<Long> list = new ArrayList<>();
    for (long v : values) {
      list.add(v);
    }
    return list;
  }
}
