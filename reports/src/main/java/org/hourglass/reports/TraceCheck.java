package org.hourglass.reports;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A schema check of a Chrome trace (JSON trace-event format): every event has {@code ph}, a numeric
 * {@code ts}, and integer {@code pid} and {@code tid}; complete events ({@code X}) have a
 * non-negative {@code dur}; and on each thread complete events nest (one lies inside the other or
 * they are disjoint, never a partial overlap). Decimals are compared exactly. Phases other than
 * complete, metadata and instant events are reported as unsupported.
 */
public final class TraceCheck {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final Set<String> PHASES = Set.of("X", "M", "i", "I");

  private TraceCheck() {}

  /** A complete event's interval on its thread. */
  private record Interval(int index, BigDecimal start, BigDecimal end) {}

  /** The violations in the trace file, empty when it passes. */
  public static List<String> violations(Path file) throws IOException {
    return violations(MAPPER.readTree(file.toFile()));
  }

  /** The violations in a parsed trace (the object form with {@code traceEvents}, or a bare array), empty when it passes. */
  public static List<String> violations(JsonNode trace) {
    JsonNode events = trace.isArray() ? trace : trace.path("traceEvents");
    if (!events.isArray()) {
      return List.of("no traceEvents array");
    }
    List<String> found = new ArrayList<>();
    Map<String, List<Interval>> threads = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      fields(i, events.get(i), found, threads);
    }
    threads.forEach((thread, intervals) -> nesting(thread, intervals, found));
    return found;
  }

  private static void fields(int i, JsonNode e, List<String> found, Map<String, List<Interval>> threads) {
    String where = "event " + i;
    if (!e.path("ph").isTextual()) {
      found.add(where + ": no ph");
      return;
    }
    String ph = e.get("ph").asText();
    requireTrue(e.path("ts").isNumber(), where + ": ts missing or not a number", found);
    requireTrue(e.path("pid").isIntegralNumber(), where + ": pid missing or not an integer", found);
    requireTrue(e.path("tid").isIntegralNumber(), where + ": tid missing or not an integer", found);
    requireTrue(PHASES.contains(ph), where + ": unsupported ph " + ph, found);
    if (ph.equals("X")) {
      boolean durOk = e.path("dur").isNumber() && e.get("dur").decimalValue().signum() >= 0;
      requireTrue(durOk, where + ": dur missing or negative", found);
      if (durOk && e.path("ts").isNumber()) {
        BigDecimal start = e.get("ts").decimalValue();
        threads.computeIfAbsent(e.path("pid").asText() + "/" + e.path("tid").asText(), k -> new ArrayList<>())
            .add(new Interval(i, start, start.add(e.get("dur").decimalValue())));
      }
    }
  }

  private static void nesting(String thread, List<Interval> intervals, List<String> found) {
    intervals.sort(Comparator.comparing(Interval::start).thenComparing(Interval::end, Comparator.reverseOrder()));
    Deque<Interval> open = new ArrayDeque<>();
    for (Interval next : intervals) {
      while (!open.isEmpty() && open.peek().end().compareTo(next.start()) <= 0) {
        open.pop();
      }
      if (!open.isEmpty() && next.end().compareTo(open.peek().end()) > 0) {
        found.add("thread " + thread + ": event " + next.index() + " partially overlaps event " + open.peek().index());
      }
      open.push(next);
    }
  }

  private static void requireTrue(boolean condition, String violation, List<String> found) {
    if (!condition) {
      found.add(violation);
    }
  }
}
