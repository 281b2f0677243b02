package org.hourglass.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A chart spec: what to draw, not how. Its {@code id} names the chart's files ({@code charts/<id>.png}
 * and {@code .svg}). Which fields carry data depends on the {@link ChartKind}: categories and series
 * for bars; xValues and series for lines; categories (columns) and series (rows) for heat maps, with
 * the colour scale on the {@code value} axis; categories (rows) and spans for timelines. Markers are
 * marked points (x and y), horizontal lines (y only, such as an HBM capacity) or vertical lines (x only).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Chart(String id, ChartKind kind, String title, Axis x, Axis y, Axis value,
    List<String> categories, List<Double> xValues, List<Series> series, List<Marker> markers,
    List<TimelineSpan> spans) implements Block {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

  /** An axis label and its unit ("" when it has none). */
  public record Axis(String label, String unit) {
    public Axis {
      Objects.requireNonNull(label, "label");
      unit = unit == null ? "" : unit;
    }

    /** The label as shown: the label, then the unit in brackets when there is one. */
    public String text() {
      return unit.isEmpty() ? label : label + " [" + unit + "]";
    }
  }

  /** A named list of values, one per category or x value; a null value is a gap. */
  public record Series(String label, List<Double> values) {
    public Series {
      Objects.requireNonNull(label, "label");
      values = Collections.unmodifiableList(new ArrayList<>(values));
      for (Double v : values) {
        if (v != null && !Double.isFinite(v)) {
          throw new IllegalArgumentException("series '" + label + "' has a non-finite value " + v);
        }
      }
    }

    /** A series from primitive values. */
    public static Series of(String label, double... values) {
      List<Double> boxed = new ArrayList<>(values.length);
      for (double v : values) {
        boxed.add(v);
      }
      return new Series(label, boxed);
    }
  }

  /** A marked point (x and y), a horizontal line (y only) or a vertical line (x only), with its label. */
  public record Marker(String label, Double x, Double y) {
    public Marker {
      Objects.requireNonNull(label, "label");
      if (x == null && y == null) {
        throw new IllegalArgumentException("marker '" + label + "' has neither x nor y");
      }
    }

    /** A marked point, for example a published figure on a sweep. */
    public static Marker point(String label, double x, double y) {
      return new Marker(label, x, y);
    }

    /** A horizontal line at {@code y}, for example a memory capacity. */
    public static Marker horizontal(String label, double y) {
      return new Marker(label, null, y);
    }

    /** A vertical line at {@code x}. */
    public static Marker vertical(String label, double x) {
      return new Marker(label, x, null);
    }
  }

  /** A span on a timeline row from {@code start} to {@code end} (in the x axis unit); {@code group} picks its colour. */
  public record TimelineSpan(String row, double start, double end, String label, String group) {
    public TimelineSpan {
      Objects.requireNonNull(row, "row");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(group, "group");
      if (!(end >= start)) {
        throw new IllegalArgumentException("span '" + label + "' on " + row + " ends before it starts");
      }
    }
  }

  /** Checks the spec against its kind; an empty list may be given as null. */
  public Chart(String id, ChartKind kind, String title, Axis x, Axis y, Axis value,
      List<String> categories, List<Double> xValues, List<Series> series, List<Marker> markers,
      List<TimelineSpan> spans) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("chart id must be lowercase letters, digits and '-': " + id);
    }
    this.id = id;
    this.kind = Objects.requireNonNull(kind, "kind");
    this.title = Objects.requireNonNull(title, "title");
    this.x = Objects.requireNonNull(x, "x");
    this.y = Objects.requireNonNull(y, "y");
    this.value = value;
    this.categories = copy(categories);
    this.xValues = copy(xValues);
    this.series = copy(series);
    this.markers = copy(markers);
    this.spans = copy(spans);
    ChartShape.check(this);
  }

  /** Grouped bars: one group per category, one bar per series. */
  public static Chart bar(String id, String title, Axis x, Axis y, List<String> categories, List<Series> series) {
    return new Chart(id, ChartKind.BAR, title, x, y, null, categories, null, series, null, null);
  }

  /** Stacked bars: one bar per category, one segment per series. */
  public static Chart stackedBar(String id, String title, Axis x, Axis y, List<String> categories, List<Series> series) {
    return new Chart(id, ChartKind.STACKED_BAR, title, x, y, null, categories, null, series, null, null);
  }

  /** Lines over {@code xValues}, one per series. */
  public static Chart line(String id, String title, Axis x, Axis y, List<Double> xValues, List<Series> series) {
    return new Chart(id, ChartKind.LINE, title, x, y, null, null, xValues, series, null, null);
  }

  /** A heat map: {@code columns} along x, one series per row along y, colours on the {@code value} axis. */
  public static Chart heatMap(String id, String title, Axis x, Axis y, Axis value, List<String> columns, List<Series> rows) {
    return new Chart(id, ChartKind.HEATMAP, title, x, y, Objects.requireNonNull(value, "value"), columns, null, rows, null, null);
  }

  /** A timeline: {@code rows} top to bottom, spans placed along the x (time) axis. */
  public static Chart timeline(String id, String title, Axis time, Axis rowAxis, List<String> rows, List<TimelineSpan> spans) {
    return new Chart(id, ChartKind.TIMELINE, title, time, rowAxis, null, rows, null, null, null, spans);
  }

  /** This chart with one more marker. */
  public Chart withMarker(Marker marker) {
    List<Marker> more = new ArrayList<>(markers);
    more.add(marker);
    return new Chart(id, kind, title, x, y, value, categories, xValues, series, more, spans);
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
