package org.hourglass.sim;

import java.util.Arrays;

/**
 * A pending-event set for monotone integer time, kept as a radix heap of base 256 (after Ahuja,
 * Mehlhorn, Orlin and Tarjan 1990): O(1) add, and remove-first amortised over at most 8 bucket
 * moves per event.
 *
 * <p>Design note. Simulated time is an integer that never goes back: no event is scheduled before
 * the one being run. A radix heap exploits exactly that. Let {@code last} be the time of the
 * earliest event found so far. The front bucket holds the events at {@code last}; every other event
 * is filed by the highest byte in which its time differs from {@code last} (its level, 0 to 7) and
 * that byte's value (its digit): 8 x 256 buckets. Events in a lower level, or a lower digit of the
 * same level, are earlier, so the first non-empty bucket (found through a bitmap) holds the
 * earliest. When the front runs dry, that bucket is scanned for its least time, which becomes
 * {@code last}, and its events are dealt into lower levels; the other buckets stay valid. So an
 * event moves down at most 8 times, in practice 2 or 3, and every move is a sequential scan or
 * append of primitive arrays, where a heap makes one random access per level: this is why it beats
 * a 4-ary heap once pending events outgrow the cache. Buckets keep insertion order, and events of
 * equal time always share a bucket, so they leave in the order they came (FIFO) without a sequence
 * number.
 *
 * <p>An add earlier than {@code last} (possible after {@link Simulation#runUntil} peeked at a
 * later event and the caller then scheduled before it) rebuilds the buckets in O(n), keeping the
 * order; it is rare by construction. Cancellation frees the slot at once: each bucket entry carries
 * its slot's generation, so an entry whose slot has moved on is stale and is dropped when its bucket
 * is next scanned. Limits: 2^24 events pending at once.
 *
 * <p>Why one class of ~370 lines: the buckets and the slot table (handler, payload, generation by
 * slot) share the tag encoding ({@code generation << 24 | slot}) that makes cancellation O(1) and
 * staleness a single comparison on the hot path; the part with a job of its own, the pool of spare
 * bucket arrays, is the nested {@code SparePool}.
 */
public final class RadixHeapEventSet implements PendingEventSet {
  private static final int DIGIT_BITS = 8;
  private static final int DIGITS = 1 << DIGIT_BITS;
  private static final int LEVELS = Long.SIZE / DIGIT_BITS;
  private static final int FRONT = 0;
  private static final int BUCKETS = 1 + LEVELS * DIGITS;
  private static final int SLOT_BITS = 24;
  private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
  private static final int HOME_LENGTH = 4; // each bucket's own arrays; larger ones come from the pool

  private final long[][] bucketTimes = new long[BUCKETS][];
  private final long[][] bucketTags = new long[BUCKETS][]; // generation << SLOT_BITS | slot
  private final int[] bucketSizes = new int[BUCKETS];
  private final long[] nonEmpty = new long[BUCKETS / Long.SIZE + 1]; // bit b - 1: bucket b > 0 has entries
  private final long[][] homeTimes = new long[BUCKETS][]; // each bucket's own small arrays
  private final long[][] homeTags = new long[BUCKETS][];
  private final SparePool spares = new SparePool(); // grown arrays given back by emptied buckets
  private int frontHead; // bucket 0 is a queue: entries before this index are gone
  private long last;
  private boolean frontChecked; // the entry at frontHead is known to be live
  private int live;

  private EventHandler[] handlers; // by slot
  private long[] payloads; // by slot
  private int[] generations; // by slot: odd while an event is pending in it, bumped on add and on release
  private int[] freeSlots;
  private int freeCount;
  private int slotsUsed;

  /** An empty set sized for {@code expectedPending} events; it grows when needed. */
  public RadixHeapEventSet(int expectedPending) {
    int capacity = Math.max(16, expectedPending);
    for (int b = 0; b < BUCKETS; b++) {
      homeTimes[b] = bucketTimes[b] = new long[b == FRONT ? 64 : HOME_LENGTH];
      homeTags[b] = bucketTags[b] = new long[b == FRONT ? 64 : HOME_LENGTH];
    }
    handlers = new EventHandler[capacity];
    payloads = new long[capacity];
    generations = new int[capacity];
    freeSlots = new int[capacity];
  }

  public RadixHeapEventSet() {
    this(1024);
  }

  @Override
  public long add(long timePs, EventHandler handler, long payload) {
    if (timePs < 0) {
      throw new IllegalArgumentException("negative time: " + timePs + " ps");
    }
    int slot = allocateSlot();
    handlers[slot] = handler;
    payloads[slot] = payload;
    live++;
    if (timePs < last) {
      rebuildFrom(timePs);
    }
    long generation = generations[slot] & 0xFFFF_FFFFL;
    append(bucketOf(timePs), timePs, (generation << SLOT_BITS) | slot);
    return (generation << 32) | slot;
  }

  @Override
  public boolean cancel(long eventId) {
    int slot = (int) eventId;
    if (slot < 0 || slot >= slotsUsed || (eventId >>> 32 & 1) == 0
        || generations[slot] != (int) (eventId >>> 32)) {
      return false;
    }
    release(slot);
    live--;
    frontChecked = false;
    return true;
  }

  @Override
  public int size() {
    return live;
  }

  @Override
  public long firstTimePs() {
    ensureFront();
    return bucketTimes[0][frontHead];
  }

  @Override
  public EventHandler firstHandler() {
    ensureFront();
    return handlers[slotOf(bucketTags[0][frontHead])];
  }

  @Override
  public long firstPayload() {
    ensureFront();
    return payloads[slotOf(bucketTags[0][frontHead])];
  }

  @Override
  public void removeFirst() {
    ensureFront();
    release(slotOf(bucketTags[0][frontHead++]));
    live--;
    frontChecked = false;
  }

  /** Makes the head of bucket 0 a live event, refilling bucket 0 from the lowest bucket if needed. */
  private void ensureFront() {
    if (frontChecked) {
      return;
    }
    while (true) {
      long[] front = bucketTags[0];
      while (frontHead < bucketSizes[0] && isStale(front[frontHead])) {
        frontHead++;
      }
      if (frontHead < bucketSizes[0]) {
        frontChecked = true;
        return;
      }
      if (live == 0) {
        throw new IllegalStateException("no pending event");
      }
      clear(FRONT);
      frontHead = 0;
      redistributeLowestBucket();
    }
  }

  /** Takes the first non-empty bucket, makes its least live time {@code last}, and deals it lower. */
  private void redistributeLowestBucket() {
    int b = firstNonEmptyBucket();
    long[] times = bucketTimes[b];
    long[] tags = bucketTags[b];
    int count = bucketSizes[b];
    clear(b);
    long least = Long.MAX_VALUE;
    for (int i = 0; i < count; i++) {
      least = Math.min(least, times[i]); // a stale least is harmless: every live time is still >= it
    }
    last = least;
    for (int i = 0; i < count; i++) {
      dealOrDrop(times[i], tags[i]);
    }
    recycle(b);
  }

  private int firstNonEmptyBucket() {
    for (int word = 0; word < nonEmpty.length; word++) {
      if (nonEmpty[word] != 0) {
        return 1 + word * Long.SIZE + Long.numberOfTrailingZeros(nonEmpty[word]);
      }
    }
    throw new IllegalStateException("live events but no bucket holds one");
  }

  private void clear(int bucket) {
    bucketSizes[bucket] = 0;
    if (bucket != FRONT) {
      nonEmpty[(bucket - 1) >>> 6] &= ~(1L << (bucket - 1));
    }
  }

  private void dealOrDrop(long time, long tag) {
    if (!isStale(tag)) {
      append(bucketOf(time), time, tag);
    }
  }

  /** Whether a bucket entry's event already fired or was cancelled: its slot's generation moved on. */
  private boolean isStale(long tag) {
    return generations[slotOf(tag)] != (int) (tag >>> SLOT_BITS);
  }

  private static int slotOf(long tag) {
    return (int) (tag & SLOT_MASK);
  }

  /** Re-files every entry relative to a new, earlier {@code last}, keeping their order. */
  private void rebuildFrom(long newLast) {
    int total = 0;
    for (int b = 0; b < BUCKETS; b++) {
      total += bucketSizes[b];
    }
    long[] times = new long[total];
    long[] tags = new long[total];
    int n = 0;
    for (int b = 0; b < BUCKETS; b++) {
      int from = b == 0 ? frontHead : 0;
      for (int i = from; i < bucketSizes[b]; i++, n++) {
        times[n] = bucketTimes[b][i];
        tags[n] = bucketTags[b][i];
      }
      clear(b);
    }
    frontHead = 0;
    frontChecked = false;
    last = newLast;
    for (int i = 0; i < n; i++) {
      dealOrDrop(times[i], tags[i]);
    }
  }

  private int bucketOf(long time) {
    long differing = time ^ last;
    if (differing == 0) {
      return FRONT;
    }
    int level = (63 - Long.numberOfLeadingZeros(differing)) / DIGIT_BITS;
    int digit = (int) (time >>> (level * DIGIT_BITS)) & (DIGITS - 1);
    return 1 + level * DIGITS + digit;
  }

  private void append(int bucket, long time, long tag) {
    int size = bucketSizes[bucket];
    if (size == bucketTimes[bucket].length) {
      size = makeRoom(bucket, size);
    }
    bucketTimes[bucket][size] = time;
    bucketTags[bucket][size] = tag;
    bucketSizes[bucket] = size + 1;
    if (size == 0 && bucket != FRONT) {
      nonEmpty[(bucket - 1) >>> 6] |= 1L << (bucket - 1);
    }
  }

  /**
   * Makes room in a full bucket: the front queue first slides its live part over the entries
   * already taken (so a front that is fed as fast as it drains stays the same size); otherwise the
   * bucket moves to an array twice as long, from the spare pool when it has one. Returns the
   * bucket's new size.
   */
  private int makeRoom(int bucket, int size) {
    if (bucket == FRONT && frontHead > size / 2) {
      int remaining = size - frontHead;
      System.arraycopy(bucketTimes[FRONT], frontHead, bucketTimes[FRONT], 0, remaining);
      System.arraycopy(bucketTags[FRONT], frontHead, bucketTags[FRONT], 0, remaining);
      frontHead = 0;
      bucketSizes[FRONT] = remaining;
      return remaining;
    }
    int sizeClass = sizeClassOf(2 * size);
    long[] times = spares.takeTimes(sizeClass);
    long[] tags = spares.takeTags(sizeClass);
    System.arraycopy(bucketTimes[bucket], 0, times, 0, size);
    System.arraycopy(bucketTags[bucket], 0, tags, 0, size);
    giveBack(bucket);
    bucketTimes[bucket] = times;
    bucketTags[bucket] = tags;
    return size;
  }

  /**
   * An emptied bucket gives a grown array back to the pool and takes back its small home arrays.
   * As time advances, buckets of ever new digits fill and empty; the pool passes the same arrays
   * among them, so memory stays bounded by what is in use at once and a warmed-up run allocates
   * nothing.
   */
  private void recycle(int bucket) {
    giveBack(bucket);
    bucketTimes[bucket] = homeTimes[bucket];
    bucketTags[bucket] = homeTags[bucket];
  }

  private void giveBack(int bucket) {
    long[] times = bucketTimes[bucket];
    if (times != homeTimes[bucket]) {
      spares.give(sizeClassOf(times.length), times, bucketTags[bucket]);
    }
  }

  private static int sizeClassOf(int powerOfTwoLength) {
    return Integer.numberOfTrailingZeros(powerOfTwoLength);
  }

  /** Spare bucket arrays by size class (log2 of their length), each class a stack. */
  private static final class SparePool {
    private final long[][][] times = new long[32][4][];
    private final long[][][] tags = new long[32][4][];
    private final int[] counts = new int[32];

    long[] takeTimes(int sizeClass) {
      return counts[sizeClass] > 0 ? times[sizeClass][counts[sizeClass] - 1] : new long[1 << sizeClass];
    }

    /** Takes the tag array paired with the last {@link #takeTimes}, and removes the pair. */
    long[] takeTags(int sizeClass) {
      if (counts[sizeClass] == 0) {
        return new long[1 << sizeClass];
      }
      int top = --counts[sizeClass];
      long[] taken = tags[sizeClass][top];
      times[sizeClass][top] = null;
      tags[sizeClass][top] = null;
      return taken;
    }

    void give(int sizeClass, long[] timeArray, long[] tagArray) {
      int count = counts[sizeClass];
      if (count == times[sizeClass].length) {
        times[sizeClass] = Arrays.copyOf(times[sizeClass], 2 * count);
        tags[sizeClass] = Arrays.copyOf(tags[sizeClass], 2 * count);
      }
      times[sizeClass][count] = timeArray;
      tags[sizeClass][count] = tagArray;
      counts[sizeClass] = count + 1;
    }
  }

  private int allocateSlot() {
    int slot;
    if (freeCount > 0) {
      slot = freeSlots[--freeCount];
    } else {
      if (slotsUsed == handlers.length) {
        growSlots();
      }
      slot = slotsUsed++;
    }
    generations[slot]++;
    return slot;
  }

  /** Frees the slot of an event that fired or was cancelled; its bucket entry is now stale. */
  private void release(int slot) {
    generations[slot]++;
    handlers[slot] = null;
    freeSlots[freeCount++] = slot;
  }

  private void growSlots() {
    if (handlers.length > SLOT_MASK) {
      throw new IllegalStateException("more than " + (SLOT_MASK + 1) + " events pending");
    }
    int capacity = (int) Math.min(handlers.length * 2L, SLOT_MASK + 1);
    handlers = Arrays.copyOf(handlers, capacity);
    payloads = Arrays.copyOf(payloads, capacity);
    generations = Arrays.copyOf(generations, capacity);
    freeSlots = Arrays.copyOf(freeSlots, capacity);
  }
}
