package org.hourglass.cli.bench;

import org.hourglass.sim.EventHandler;
import org.hourglass.sim.Simulation;

/**
 * The hold model on Hourglass's whole engine: {@link Simulation} dispatching to a handler that
 * schedules the next event, so the figure includes the event loop, not only the event set.
 */
final class HourglassContestant implements HoldModel.Contestant, EventHandler {
  private final HoldModel model;
  private Simulation simulation;
  private long drawn;
  private long checksum;

  HourglassContestant(HoldModel model) {
    this.model = model;
  }

  @Override
  public String name() {
    return "hourglass";
  }

  @Override
  public void fill(int pending) {
    simulation = new Simulation();
    drawn = 0;
    for (int i = 0; i < pending; i++) {
      simulation.schedule(model.incrementPs(drawn++), this, 0);
    }
  }

  @Override
  public void onEvent(long payload) {
    checksum += simulation.nowPs();
    simulation.schedule(model.incrementPs(drawn++), this, 0);
  }

  @Override
  public long hold(long steps) {
    checksum = 0;
    long target = simulation.eventsFired() + steps;
    while (simulation.eventsFired() < target) {
      simulation.step();
    }
    return checksum;
  }

  @Override
  public void clear() {
    simulation = null;
  }
}
