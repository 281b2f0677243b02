package org.hourglass.sim;

import java.util.Arrays;

/**
 * A pending-event set kept as an implicit 4-ary min-heap on primitive arrays, ordered by
 * (time, insertion sequence): O(log n) add and remove-first, O(1) cancel.
 *
 * <p>Design note. A training step schedules millions of events with up to tens of thousands
 * pending, so the hot path allocates nothing and touches few cache lines. Each heap position is two
 * adjacent longs in one array: the time, then the insertion sequence shifted left with the event's
 * slot in the low bits. Sifting moves 16 bytes a level and writes nothing else; the four children of
 * a node are 64 contiguous bytes, about one cache line. A 4-ary heap halves the depth of a binary
 * heap for about the same comparisons per level (LaMarca and Ladner 1996 measured d = 4 fastest).
 * Equal times fall back to the sequence, so equal-time events leave in the order they came (FIFO)
 * and a run is reproducible.
 *
 * <p>The slot holds the handler and payload; slots are recycled through a free list, most recently
 * freed first, so the add that follows a remove reuses a slot still in cache. Cancellation is lazy:
 * it marks the slot, and the entry is discarded when it reaches the top, or all at once when
 * cancelled entries outnumber live ones. An event id is its slot plus the slot's generation, so a
 * stale id cannot cancel a later event.
 *
 * <p>Limits: 2^{@value #SLOT_BITS} events pending at once and 2^{@value #SEQUENCE_BITS} events
 * added over the set's life.
 */
public final class QuaternaryHeapEventSet implements PendingEventSet {
  private static final int ARITY = 4;
  static final int SLOT_BITS = 24;
  static final int SEQUENCE_BITS = 63 - SLOT_BITS;
  private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
  private static final byte FREE = 0;
  private static final byte PENDING = 1;
  private static final byte CANCELLED = 2;

  private long[] times; // by heap position
  private long[] orders; // by heap position: sequence << SLOT_BITS | slot
  private int size; // entries in the heap, cancelled ones included
  private int cancelledInHeap;
  private long nextSequence;

  private EventHandler[] handlers; // by slot
  private long[] payloads; // by slot
  private byte[] states; // by slot
  private int[] generations; // by slot, bumped when its event fires or is cancelled
  private int[] freeSlots;
  private int freeCount;
  private int slotsUsed;

  /** An empty set sized for {@code expectedPending} events; it grows when needed. */
  public QuaternaryHeapEventSet(int expectedPending) {
    int capacity = Math.max(16, expectedPending);
    times = new long[capacity];
    orders = new long[capacity];
    handlers = new EventHandler[capacity];
    payloads = new long[capacity];
    states = new byte[capacity];
    generations = new int[capacity];
    freeSlots = new int[capacity];
  }

  public QuaternaryHeapEventSet() {
    this(1024);
  }

  @Override
  public long add(long timePs, EventHandler handler, long payload) {
    if (size == handlers.length) {
      grow();
    }
    int slot = allocateSlot();
    handlers[slot] = handler;
    payloads[slot] = payload;
    states[slot] = PENDING;
    siftUp(size++, timePs, (nextSequence++ << SLOT_BITS) | slot);
    return ((long) generations[slot] << 32) | slot;
  }

  @Override
  public boolean cancel(long eventId) {
    int slot = (int) eventId;
    if (slot < 0 || slot >= slotsUsed || states[slot] != PENDING
        || generations[slot] != (int) (eventId >>> 32)) {
      return false;
    }
    states[slot] = CANCELLED;
    generations[slot]++;
    handlers[slot] = null;
    cancelledInHeap++;
    discardCancelledTop();
    if (cancelledInHeap > 1024 && cancelledInHeap > size - cancelledInHeap) {
      compact();
    }
    return true;
  }

  @Override
  public int size() {
    return size - cancelledInHeap;
  }

  @Override
  public long firstTimePs() {
    return times[0];
  }

  @Override
  public EventHandler firstHandler() {
    return handlers[slotAt(0)];
  }

  @Override
  public long firstPayload() {
    return payloads[slotAt(0)];
  }

  @Override
  public void removeFirst() {
    int slot = slotAt(0);
    generations[slot]++;
    releaseSlot(slot);
    removeTop();
    discardCancelledTop();
  }

  private void discardCancelledTop() {
    while (size > 0 && states[slotAt(0)] == CANCELLED) {
      cancelledInHeap--;
      releaseSlot(slotAt(0));
      removeTop();
    }
  }

  /**
   * Removes the root by Floyd's bottom-up method: the hole at the root sinks along the least
   * children to a leaf, then the last entry rises from there. The last entry usually belongs near
   * the bottom, so this saves most comparisons against it (Floyd 1964; Wegener 1993).
   */
  private void removeTop() {
    int last = --size;
    if (last == 0) {
      return;
    }
    int hole = 0;
    while (true) {
      int first = ARITY * hole + 1;
      if (first >= last) {
        break;
      }
      int least = leastChild(first, Math.min(first + ARITY, last));
      times[hole] = times[least];
      orders[hole] = orders[least];
      hole = least;
    }
    siftUp(hole, times[last], orders[last]);
  }

  private int leastChild(int first, int end) {
    int least = first;
    long leastTime = times[first];
    for (int child = first + 1; child < end; child++) {
      long time = times[child];
      if (time < leastTime || (time == leastTime && orders[child] < orders[least])) {
        least = child;
        leastTime = time;
      }
    }
    return least;
  }

  private void siftUp(int position, long time, long order) {
    while (position > 0) {
      int parent = (position - 1) / ARITY;
      long parentTime = times[parent];
      if (time > parentTime || (time == parentTime && order > orders[parent])) {
        break;
      }
      times[position] = parentTime;
      orders[position] = orders[parent];
      position = parent;
    }
    times[position] = time;
    orders[position] = order;
  }

  private void siftDown(int position, long time, long order) {
    while (true) {
      int first = ARITY * position + 1;
      if (first >= size) {
        break;
      }
      int least = leastChild(first, Math.min(first + ARITY, size));
      long leastTime = times[least];
      if (leastTime > time || (leastTime == time && orders[least] > order)) {
        break;
      }
      times[position] = leastTime;
      orders[position] = orders[least];
      position = least;
    }
    times[position] = time;
    orders[position] = order;
  }

  /** Drops every cancelled entry and re-heapifies bottom-up, in O(n). */
  private void compact() {
    int kept = 0;
    for (int p = 0; p < size; p++) {
      int slot = (int) (orders[p] & SLOT_MASK);
      if (states[slot] == CANCELLED) {
        releaseSlot(slot);
      } else {
        times[kept] = times[p];
        orders[kept] = orders[p];
        kept++;
      }
    }
    size = kept;
    cancelledInHeap = 0;
    for (int p = (size - 2) / ARITY; p >= 0; p--) {
      siftDown(p, times[p], orders[p]);
    }
  }

  private int slotAt(int position) {
    return (int) (orders[position] & SLOT_MASK);
  }

  private int allocateSlot() {
    if (freeCount > 0) {
      return freeSlots[--freeCount];
    }
    if (slotsUsed > SLOT_MASK) {
      throw new IllegalStateException("more than " + (SLOT_MASK + 1) + " events pending");
    }
    return slotsUsed++;
  }

  private void releaseSlot(int slot) {
    handlers[slot] = null;
    states[slot] = FREE;
    freeSlots[freeCount++] = slot;
  }

  private void grow() {
    int capacity = handlers.length * 2;
    times = Arrays.copyOf(times, capacity);
    orders = Arrays.copyOf(orders, capacity);
    handlers = Arrays.copyOf(handlers, capacity);
    payloads = Arrays.copyOf(payloads, capacity);
    states = Arrays.copyOf(states, capacity);
    generations = Arrays.copyOf(generations, capacity);
    freeSlots = Arrays.copyOf(freeSlots, capacity);
  }
}
