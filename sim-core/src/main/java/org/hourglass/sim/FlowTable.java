package org.hourglass.sim;

import java.util.Arrays;

/**
 * The per-flow state of a {@link FlowNetwork}: parallel arrays indexed by slot, slots recycled
 * through a free list, and the dense list of the flows now sharing bandwidth. A flow id is its
 * slot in the low 32 bits and a serial number above, so a finished flow's id never names a later one.
 */
final class FlowTable {
  static final long NO_EVENT = -1L;
  private static final long FREE = 0L;

  long[] idBySlot = new long[16];
  int[][] pathBySlot = new int[16][];
  double[] bytes = new double[16];
  double[] remainingBytes = new double[16];
  double[] rateBytesPerSecond = new double[16];
  long[] pendingEvent = new long[16]; // activation or completion event, or NO_EVENT
  EventHandler[] onDone = new EventHandler[16];
  long[] payload = new long[16];
  private int[] activePosition = new int[16]; // index in activeSlots, or -1

  int[] activeSlots = new int[16];
  int activeCount;

  private int[] freeSlots = new int[16];
  private int freeCount;
  private int slotsUsed;
  private long nextSerial = 1;
  private int inFlight;

  /** Takes a slot for a new flow, not yet sharing bandwidth, with no pending event. */
  int allocate(int[] path, double bytes, EventHandler done, long donePayload) {
    int slot = freeCount > 0 ? freeSlots[--freeCount] : newSlot();
    idBySlot[slot] = (nextSerial++ << 32) | slot;
    pathBySlot[slot] = path;
    this.bytes[slot] = bytes;
    remainingBytes[slot] = bytes;
    rateBytesPerSecond[slot] = 0.0;
    pendingEvent[slot] = NO_EVENT;
    onDone[slot] = done;
    payload[slot] = donePayload;
    activePosition[slot] = -1;
    inFlight++;
    return slot;
  }

  /** The slot of flow {@code flowId}, or -1 if it is not in flight. */
  int slotOf(long flowId) {
    int slot = (int) flowId;
    boolean known = slot >= 0 && slot < slotsUsed && idBySlot[slot] == flowId && flowId != FREE;
    return known ? slot : -1;
  }

  void free(int slot) {
    if (isActive(slot)) {
      deactivate(slot);
    }
    idBySlot[slot] = FREE;
    pathBySlot[slot] = null;
    onDone[slot] = null;
    freeSlots[freeCount++] = slot;
    inFlight--;
  }

  boolean isActive(int slot) {
    return activePosition[slot] >= 0;
  }

  /** Adds the flow to the sharing set. */
  void activate(int slot) {
    if (activeCount == activeSlots.length) {
      activeSlots = Arrays.copyOf(activeSlots, 2 * activeCount);
    }
    activePosition[slot] = activeCount;
    activeSlots[activeCount++] = slot;
  }

  /** Removes the flow from the sharing set; the last member takes its place. */
  void deactivate(int slot) {
    int position = activePosition[slot];
    int last = activeSlots[--activeCount];
    activeSlots[position] = last;
    activePosition[last] = position;
    activePosition[slot] = -1;
    rateBytesPerSecond[slot] = 0.0;
  }

  /** Flows started and neither complete nor cancelled. */
  int inFlight() {
    return inFlight;
  }

  private int newSlot() {
    if (slotsUsed == idBySlot.length) {
      grow(2 * slotsUsed);
    }
    return slotsUsed++;
  }

  private void grow(int size) {
    idBySlot = Arrays.copyOf(idBySlot, size);
    pathBySlot = Arrays.copyOf(pathBySlot, size);
    bytes = Arrays.copyOf(bytes, size);
    remainingBytes = Arrays.copyOf(remainingBytes, size);
    rateBytesPerSecond = Arrays.copyOf(rateBytesPerSecond, size);
    pendingEvent = Arrays.copyOf(pendingEvent, size);
    onDone = Arrays.copyOf(onDone, size);
    payload = Arrays.copyOf(payload, size);
    activePosition = Arrays.copyOf(activePosition, size);
    freeSlots = Arrays.copyOf(freeSlots, size);
  }
}
