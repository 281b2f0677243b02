package org.hourglass.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart's numbers as a table, for readers without the picture (the terminal) and for checking
 * a picture against its data. Timelines and large heat maps are summarised instead.
 */
final class ChartData {
  /** Heat maps with more columns than this are summarised, not tabulated. */
  static final int MAX_MATRIX_COLUMNS = 16;
  private static final String FORMAT = "#,##0.###";

  private ChartData() {}

  /** Whether the chart's data fits a table people read. */
  static boolean tabulable(Chart chart) {
    return switch (chart.kind()) {
      case BAR, STACKED_BAR, LINE -> true;
      case HEATMAP -> chart.categories().size() <= MAX_MATRIX_COLUMNS;
      case TIMELINE -> false;
    };
  }

  /** One line saying what the chart holds, for when it is not tabulated. */
  static String summary(Chart chart) {
    return switch (chart.kind()) {
      case TIMELINE -> String.format("timeline of %d spans on %d rows, x in %s",
          chart.spans().size(), chart.categories().size(), chart.x().text());
      case HEATMAP -> String.format("heat map of %d rows x %d columns, values in %s",
          chart.series().size(), chart.categories().size(), chart.value().text());
      default -> String.format("%d series", chart.series().size());
    };
  }

  /** The chart's data as a table: one row per category or x value, one column per series. */
  static Table table(Chart chart) {
    List<Table.Column> columns = new ArrayList<>();
    columns.add(chart.kind() == ChartKind.LINE
        ? Table.Column.number(chart.x().label(), chart.x().unit(), FORMAT)
        : Table.Column.text(chart.kind() == ChartKind.HEATMAP ? chart.y().label() : chart.x().label()));
    String unit = chart.kind() == ChartKind.HEATMAP ? chart.value().unit() : chart.y().unit();
    List<List<Cell>> rows = chart.kind() == ChartKind.HEATMAP ? matrixRows(chart, columns, unit) : seriesRows(chart, columns, unit);
    return new Table(chart.title(), columns, rows);
  }

  private static List<List<Cell>> seriesRows(Chart chart, List<Table.Column> columns, String unit) {
    chart.series().forEach(s -> columns.add(Table.Column.number(s.label(), unit, FORMAT)));
    int length = chart.kind() == ChartKind.LINE ? chart.xValues().size() : chart.categories().size();
    List<List<Cell>> rows = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      List<Cell> row = new ArrayList<>();
      row.add(chart.kind() == ChartKind.LINE ? Cell.of(chart.xValues().get(i)) : Cell.of(chart.categories().get(i)));
      for (Chart.Series s : chart.series()) {
        row.add(Cell.from(s.values().get(i)));
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<List<Cell>> matrixRows(Chart chart, List<Table.Column> columns, String unit) {
    chart.categories().forEach(c -> columns.add(Table.Column.number(c, unit, FORMAT)));
    List<List<Cell>> rows = new ArrayList<>();
    for (Chart.Series s : chart.series()) {
      List<Cell> row = new ArrayList<>();
      row.add(Cell.of(s.label()));
      s.values().forEach(v -> row.add(Cell.from(v)));
      rows.add(row);
    }
    return rows;
  }

  /** The markers as sentences, for example "DeepSeek published: x = 2,048, y = 2.788". */
  static List<String> markers(Chart chart) {
    Table.Column number = Table.Column.number("", "", FORMAT);
    return chart.markers().stream().map(m -> m.label() + ":"
        + (m.x() == null ? "" : " " + chart.x().label() + " = " + number.display(Cell.of(m.x())) + unitSuffix(chart.x()))
        + (m.x() != null && m.y() != null ? "," : "")
        + (m.y() == null ? "" : " " + chart.y().label() + " = " + number.display(Cell.of(m.y())) + unitSuffix(chart.y())))
        .toList();
  }

  private static String unitSuffix(Chart.Axis axis) {
    return axis.unit().isEmpty() ? "" : " " + axis.unit();
  }
}
