package org.hourglass.sim;

/**
 * What happens when an event fires. The {@code payload} lets one handler object serve many events
 * (a GPU index, a flow id) so that scheduling allocates nothing.
 */
@FunctionalInterface
public interface EventHandler {
  /** Called at the event's time; {@link Simulation#nowPs()} already reads that time. */
  void onEvent(long payload);
}
