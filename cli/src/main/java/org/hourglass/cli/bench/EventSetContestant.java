package org.hourglass.cli.bench;

import org.hourglass.sim.EventHandler;
import org.hourglass.sim.PendingEventSet;
import java.util.function.Supplier;

/**
 * The hold model on Hourglass's pending-event set alone, without the simulation loop: separates the
 * cost of the data structure from the cost of dispatching to handlers.
 */
final class EventSetContestant implements HoldModel.Contestant {
  private static final EventHandler NOTHING = payload -> {};
  private final HoldModel model;
  private final String name;
  private final Supplier<PendingEventSet> factory;
  private PendingEventSet events;
  private long drawn;

  EventSetContestant(HoldModel model, String name, Supplier<PendingEventSet> factory) {
    this.model = model;
    this.name = name;
    this.factory = factory;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void fill(int pending) {
    events = factory.get();
    drawn = 0;
    for (int i = 0; i < pending; i++) {
      events.add(model.incrementPs(drawn++), NOTHING, 0);
    }
  }

  @Override
  public long hold(long steps) {
    long checksum = 0;
    for (long s = 0; s < steps; s++) {
      long now = events.firstTimePs();
      checksum += now + events.firstPayload();
      events.removeFirst();
      events.add(now + model.incrementPs(drawn++), NOTHING, 0);
    }
    return checksum;
  }

  @Override
  public void clear() {
    events = null;
  }
}
