package org.hourglass.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A {@link SpanRecorder} that passes on only the spans of resources whose name {@code keep}
 * accepts, so a trace of a whole-cluster run can hold one pipeline replica instead of millions of
 * spans. Rejected resources still get ids (callers index arrays by them) but never reach the inner recorder.
 */
public final class FilteredSpanRecorder implements SpanRecorder {
  private static final int DROPPED = -1;

  private final SpanRecorder inner;
  private final Predicate<String> keep;
  private final List<Integer> innerIds = new ArrayList<>();
  private final Map<String, Integer> ids = new HashMap<>();

  public FilteredSpanRecorder(SpanRecorder inner, Predicate<String> keep) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.keep = Objects.requireNonNull(keep, "keep");
  }

  @Override
  public boolean enabled() {
    return inner.enabled();
  }

  @Override
  public int resource(String name) {
    return ids.computeIfAbsent(name, n -> {
      innerIds.add(keep.test(n) ? inner.resource(n) : DROPPED);
      return innerIds.size() - 1;
    });
  }

  @Override
  public void record(int resource, long startPs, long endPs, String label) {
    int innerId = innerIds.get(resource);
    if (innerId != DROPPED) {
      inner.record(innerId, startPs, endPs, label);
    }
  }
}
