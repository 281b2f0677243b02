package org.hourglass.dualpipe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

/** Builders for the routes micro-batches take through a pipeline. */
final class Routes {
  private Routes() {}

  /** Stage s on rank s, chunk 0: the route of GPipe, 1F1B and ZB1P. */
  static Route straight(int ranks) {
    return of(ranks, s -> new Hop(s, 0));
  }

  /** A route of {@code stages} stages whose stage s runs at {@code hopOf.apply(s)}. */
  static Route of(int stages, IntFunction<Hop> hopOf) {
    List<Hop> hops = new ArrayList<>(stages);
    for (int s = 0; s < stages; s++) {
      hops.add(hopOf.apply(s));
    }
    return new Route(hops);
  }

  /** The same route for every one of {@code microBatches} micro-batches. */
  static List<Route> same(Route route, int microBatches) {
    return Collections.nCopies(microBatches, route);
  }

  /** The micro-batch ids {@code from}, ..., {@code from + count - 1}. */
  static List<Integer> ids(int from, int count) {
    List<Integer> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(from + i);
    }
    return ids;
  }
}
