package org.hourglass.cli.bench;

import java.util.function.Supplier;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.eventlist.EventList;

/**
 * The baseline: an SSJ 3.3.2 event list ({@code BinaryTree} or {@code SplayTree}, its fastest), driven
 * directly, with event objects reused so that SSJ pays for no allocation either.
 */
final class SsjContestant implements HoldModel.Contestant {
  private final HoldModel model;
  private final String name;
  private final Supplier<EventList> listFactory;
  private EventList list;
  private long drawn;

  SsjContestant(HoldModel model, String name, Supplier<EventList> listFactory) {
    this.model = model;
    this.name = name;
    this.listFactory = listFactory;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void fill(int pending) {
    list = listFactory.get();
    drawn = 0;
    for (int i = 0; i < pending; i++) {
      HoldEvent event = new HoldEvent();
      event.at(model.incrementPs(drawn++));
      list.add(event);
    }
  }

  @Override
  public long hold(long steps) {
    long checksum = 0;
    for (long s = 0; s < steps; s++) {
      HoldEvent event = (HoldEvent) list.removeFirst();
      double now = event.time();
      checksum += (long) now;
      event.at(now + model.incrementPs(drawn++));
      list.add(event);
    }
    return checksum;
  }

  @Override
  public void clear() {
    list = null;
  }

  /**
   * SSJ events must subclass {@link Event}; this one does nothing when it fires. {@link #at} sets the
   * time field as SSJ's own {@code Event.schedule} does before it adds the event to the list.
   */
  private static final class HoldEvent extends Event {
    void at(double time) {
      eventTime = time;
    }

    @Override
    public void actions() {}
  }
}
