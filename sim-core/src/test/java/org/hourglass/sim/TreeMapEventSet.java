package org.hourglass.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** The reference: a pending-event set as plainly as it can be written, for model-based tests. */
final class TreeMapEventSet implements PendingEventSet {
  private record Key(long timePs, long sequence) implements Comparable<Key> {
    @Override
    public int compareTo(Key other) {
      int byTime = Long.compare(timePs, other.timePs);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }

  private record Entry(EventHandler handler, long payload) {}

  private final TreeMap<Key, Entry> events = new TreeMap<>();
  private final Map<Long, Key> keysById = new HashMap<>();
  private long nextSequence;

  @Override
  public long add(long timePs, EventHandler handler, long payload) {
    Key key = new Key(timePs, nextSequence);
    events.put(key, new Entry(handler, payload));
    keysById.put(nextSequence, key);
    return nextSequence++;
  }

  @Override
  public boolean cancel(long eventId) {
    Key key = keysById.remove(eventId);
    return key != null && events.remove(key) != null;
  }

  @Override
  public int size() {
    return events.size();
  }

  @Override
  public long firstTimePs() {
    return events.firstKey().timePs();
  }

  @Override
  public EventHandler firstHandler() {
    return events.firstEntry().getValue().handler();
  }

  @Override
  public long firstPayload() {
    return events.firstEntry().getValue().payload();
  }

  @Override
  public void removeFirst() {
    keysById.remove(events.pollFirstEntry().getKey().sequence());
  }
}
