package org.hourglass.sim;

/**
 * The future event list: events ordered by time, ties in the order they were added (FIFO), so that
 * a run is deterministic. Events may be cancelled by the id {@link #add} returned.
 *
 * <p>Callers read the first event with {@link #firstTimePs()}, {@link #firstHandler()} and
 * {@link #firstPayload()}, then {@link #removeFirst()}; no object is returned per event.
 */
public interface PendingEventSet {
  /** Adds an event; returns an id for {@link #cancel}, never reused while the event is pending. */
  long add(long timePs, EventHandler handler, long payload);

  /** Removes a pending event; returns false if it already fired, was cancelled, or never existed. */
  boolean cancel(long eventId);

  /** Number of pending events. */
  int size();

  /** Whether no event is pending. */
  default boolean isEmpty() {
    return size() == 0;
  }

  /** Time of the earliest event; the set must not be empty. */
  long firstTimePs();

  /** Handler of the earliest event; the set must not be empty. */
  EventHandler firstHandler();

  /** Payload of the earliest event; the set must not be empty. */
  long firstPayload();

  /** Removes the earliest event; the set must not be empty. */
  void removeFirst();
}
