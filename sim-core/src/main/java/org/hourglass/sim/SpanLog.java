package org.hourglass.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link SpanRecorder} that keeps every span in memory, in the order they were recorded, for
 * traces and timelines after a run.
 */
public final class SpanLog implements SpanRecorder {
  /** One recorded span. */
  public record Span(String resource, long startPs, long endPs, String label) {
    /** The span's length in picoseconds. */
    public long durationPs() {
      return endPs - startPs;
    }
  }

  private final List<String> resourceNames = new ArrayList<>();
  private final Map<String, Integer> resourceIds = new HashMap<>();
  private final List<Span> spans = new ArrayList<>();

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public int resource(String name) {
    return resourceIds.computeIfAbsent(name, n -> {
      resourceNames.add(n);
      return resourceNames.size() - 1;
    });
  }

  @Override
  public void record(int resource, long startPs, long endPs, String label) {
    if (endPs < startPs) {
      throw new IllegalArgumentException("span ends before it starts: " + startPs + " > " + endPs);
    }
    spans.add(new Span(resourceNames.get(resource), startPs, endPs, label));
  }

  /** Every span, in recording order. */
  public List<Span> spans() {
    return List.copyOf(spans);
  }

  /** Resource names in the order they were registered. */
  public List<String> resources() {
    return List.copyOf(resourceNames);
  }
}
