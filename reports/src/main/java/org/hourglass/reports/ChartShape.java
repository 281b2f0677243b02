package org.hourglass.reports;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks that a chart's data has the shape its kind needs, so a bad spec fails when built, not when drawn. */
final class ChartShape {
  private ChartShape() {}

  static void check(Chart chart) {
    switch (chart.kind()) {
      case BAR, STACKED_BAR -> seriesAlong(chart, chart.categories().size(), "categories");
      case LINE -> seriesAlong(chart, chart.xValues().size(), "xValues");
      case HEATMAP -> {
        require(chart, chart.value() != null, "a heat map needs a value axis");
        seriesAlong(chart, chart.categories().size(), "categories (columns)");
        require(chart, chart.series().stream().flatMap(s -> s.values().stream()).allMatch(v -> v == null || v >= 0),
            "heat map values must not be negative (the colour scale starts at zero)");
      }
      case TIMELINE -> spansOnRows(chart);
    }
    if (chart.kind() == ChartKind.HEATMAP || chart.kind() == ChartKind.TIMELINE) {
      require(chart, chart.markers().isEmpty(), "markers are drawn on bar and line charts only");
    }
    if (chart.kind() == ChartKind.BAR || chart.kind() == ChartKind.STACKED_BAR) {
      require(chart, chart.markers().stream().allMatch(m -> m.x() == null),
          "bar charts take horizontal lines only (a marker with y and no x)");
    }
  }

  private static void seriesAlong(Chart chart, int length, String what) {
    require(chart, !chart.series().isEmpty(), "no series");
    require(chart, length > 0, "no " + what);
    require(chart, chart.spans().isEmpty(), "spans belong to timelines");
    for (Chart.Series s : chart.series()) {
      require(chart, s.values().size() == length,
          "series '" + s.label() + "' has " + s.values().size() + " values for " + length + " " + what);
    }
    unique(chart, chart.series().stream().map(Chart.Series::label).toList(), "series label");
    unique(chart, chart.categories(), "category");
  }

  private static void spansOnRows(Chart chart) {
    require(chart, !chart.categories().isEmpty(), "a timeline needs its rows as categories");
    require(chart, chart.series().isEmpty(), "a timeline has spans, not series");
    unique(chart, chart.categories(), "row");
    Set<String> rows = new HashSet<>(chart.categories());
    for (Chart.TimelineSpan span : chart.spans()) {
      require(chart, rows.contains(span.row()), "span on unknown row " + span.row());
    }
  }

  private static void unique(Chart chart, List<String> names, String what) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      require(chart, seen.add(name), "duplicate " + what + " '" + name + "'");
    }
  }

  private static void require(Chart chart, boolean condition, String reason) {
    if (!condition) {
      throw new IllegalArgumentException("chart " + chart.id() + ": " + reason);
    }
  }
}
