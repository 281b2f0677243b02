package org.hourglass.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hourglass.sim.SpanLog;

/**
 * One timeline row's busy time per bin and colour group, so a stream with thousands of short spans
 * can be drawn at the resolution of the picture. A bin shows the group busy longest in it; F&amp;B
 * when forward (F groups) and backward (B, B*, W groups) work each took a tenth of its busy time; nothing
 * when the row was busy less than half of it. Ties go to the group first in alphabetical order.
 */
final class BinnedRow {
  private final long binPs;
  private final List<Map<String, Long>> bins = new ArrayList<>();

  BinnedRow(long binPs) {
    if (binPs < 1) {
      throw new IllegalArgumentException("bins must be at least 1 ps wide: " + binPs);
    }
    this.binPs = binPs;
  }

  /** Adds the spans' busy time, each span's time split over the bins it covers. */
  BinnedRow fill(List<SpanLog.Span> spans) {
    for (SpanLog.Span span : spans) {
      String group = StepTimeline.group(span.label());
      for (long bin = span.startPs() / binPs; bin * binPs < span.endPs(); bin++) {
        long overlapPs = Math.min(span.endPs(), (bin + 1) * binPs) - Math.max(span.startPs(), bin * binPs);
        bin((int) bin).merge(group, overlapPs, Long::sum);
      }
    }
    return this;
  }

  private Map<String, Long> bin(int index) {
    while (bins.size() <= index) {
      bins.add(new TreeMap<>());
    }
    return bins.get(index);
  }

  /** The group each bin shows, or null where it shows idle. */
  String[] groups() {
    return bins.stream().map(this::shown).toArray(String[]::new);
  }

  private String shown(Map<String, Long> busy) {
    long total = busy.values().stream().mapToLong(Long::longValue).sum();
    if (2 * total < binPs) {
      return null;
    }
    long forward = busyOf(busy, "F");
    long backward = busyOf(busy, "B") + busyOf(busy, "W");
    if (10 * forward >= total && 10 * backward >= total) {
      return "F&B";
    }
    String top = null;
    for (Map.Entry<String, Long> e : busy.entrySet()) {
      if (top == null || e.getValue() > busy.get(top)) {
        top = e.getKey();
      }
    }
    return top;
  }

  private static long busyOf(Map<String, Long> busy, String prefix) {
    return busy.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
  }
}
