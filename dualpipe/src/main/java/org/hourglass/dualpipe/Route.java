package org.hourglass.dualpipe;

import java.util.List;

/**
 * The path of a micro-batch through the pipeline: hop {@code s} says which rank and chunk run
 * stage {@code s}. Activations flow along the route (stage s to s+1), gradients against it.
 */
public record Route(List<Hop> hops) {

  public Route {
    hops = List.copyOf(hops);
  }

  /** Number of stages on the route. */
  public int stages() {
    return hops.size();
  }

  /** The hop that runs {@code stage}. */
  public Hop hop(int stage) {
    return hops.get(stage);
  }

  /** The rank that runs {@code stage}. */
  public int rank(int stage) {
    return hops.get(stage).rank();
  }
}
