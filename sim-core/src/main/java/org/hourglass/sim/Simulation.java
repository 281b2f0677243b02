package org.hourglass.sim;

/**
 * A discrete-event simulation: a clock in picoseconds and a pending-event set, run until no event
 * is left or a time limit is reached. Single-threaded and deterministic: the same schedule of
 * events gives the same sequence of handler calls, bit for bit.
 */
public final class Simulation {
  private final PendingEventSet pending;
  private final SpanRecorder spans;
  private long nowPs;
  private long eventsFired;

  /** A simulation on a {@link RadixHeapEventSet}, recording no spans. */
  public Simulation() {
    this(new RadixHeapEventSet(), SpanRecorder.OFF);
  }

  /** A simulation that reports the work of its resources to {@code spans}. */
  public Simulation(SpanRecorder spans) {
    this(new RadixHeapEventSet(), spans);
  }

  public Simulation(PendingEventSet pending, SpanRecorder spans) {
    this.pending = pending;
    this.spans = spans;
  }

  /** The current simulated time in picoseconds. */
  public long nowPs() {
    return nowPs;
  }

  /** Schedules {@code handler} to run {@code delayPs} from now; returns an id for {@link #cancel}. */
  public long schedule(long delayPs, EventHandler handler, long payload) {
    if (delayPs < 0) {
      throw new IllegalArgumentException("negative delay: " + delayPs + " ps");
    }
    return pending.add(nowPs + delayPs, handler, payload);
  }

  /** Schedules {@code handler} with payload 0. */
  public long schedule(long delayPs, EventHandler handler) {
    return schedule(delayPs, handler, 0L);
  }

  /** Schedules {@code handler} at an absolute time, which must not be in the past. */
  public long scheduleAt(long timePs, EventHandler handler, long payload) {
    if (timePs < nowPs) {
      throw new IllegalArgumentException("time " + timePs + " ps is before now, " + nowPs + " ps");
    }
    return pending.add(timePs, handler, payload);
  }

  /** Cancels a pending event; returns false if it already fired or was cancelled. */
  public boolean cancel(long eventId) {
    return pending.cancel(eventId);
  }

  /** Runs events until none is pending; returns the time of the last one. */
  public long run() {
    return runUntil(Long.MAX_VALUE);
  }

  /**
   * Runs every event whose time is at most {@code limitPs}; events after it stay pending. The clock
   * stops at the last event run, not at the limit.
   */
  public long runUntil(long limitPs) {
    PendingEventSet events = pending;
    while (!events.isEmpty() && events.firstTimePs() <= limitPs) {
      fireFirst(events);
    }
    return nowPs;
  }

  /** Runs exactly one event, if any; returns whether one ran. */
  public boolean step() {
    if (pending.isEmpty()) {
      return false;
    }
    fireFirst(pending);
    return true;
  }

  private void fireFirst(PendingEventSet events) {
    long time = events.firstTimePs();
    EventHandler handler = events.firstHandler();
    long payload = events.firstPayload();
    events.removeFirst();
    nowPs = time;
    eventsFired++;
    handler.onEvent(payload);
  }

  /** Number of events that have fired. */
  public long eventsFired() {
    return eventsFired;
  }

  /** Number of events still pending. */
  public int pendingCount() {
    return pending.size();
  }

  /** Where resources report their busy spans; {@link SpanRecorder#OFF} when tracing is off. */
  public SpanRecorder spans() {
    return spans;
  }
}
