package org.hourglass.reports;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A table: named columns with their units and display formats, and rows of cells. Numbers stay
 * numbers in the model and in JSON; the column's format (a {@link DecimalFormat} pattern such as
 * {@code #,##0.0}, always with '.' as the decimal point) says how text, Markdown and HTML show them.
 */
public record Table(String title, List<Column> columns, List<List<Cell>> rows) implements Block {
  /** A column: its name, its unit ("" when it has none) and the display format of its numbers. */
  public record Column(String name, String unit, String format) {
    /** The format used when none is given: up to three decimals, no grouping. */
    public static final String DEFAULT_FORMAT = "0.###";

    public Column {
      Objects.requireNonNull(name, "name");
      unit = unit == null ? "" : unit;
      format = format == null ? DEFAULT_FORMAT : format;
      requireValidFormat(format);
    }

    private static void requireValidFormat(String format) {
      try {
        new DecimalFormat(format);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("column format is not a DecimalFormat pattern: " + format, e);
      }
    }

    /** A column of texts (names, labels). */
    public static Column text(String name) {
      return new Column(name, "", DEFAULT_FORMAT);
    }

    /** A column of numbers in {@code unit}, shown with {@code format}. */
    public static Column number(String name, String unit, String format) {
      return new Column(name, unit, format);
    }

    /** The header as shown: the name, then the unit in brackets when there is one. */
    public String header() {
      return unit.isEmpty() ? name : name + " [" + unit + "]";
    }

    /** The cell as shown in this column: a number formatted, a text as is, empty as "". */
    public String display(Cell cell) {
      if (cell.isNumber()) {
        return new DecimalFormat(format, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(cell.number());
      }
      return cell.text() == null ? "" : cell.text();
    }
  }

  public Table {
    Objects.requireNonNull(title, "title");
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
    for (int r = 0; r < rows.size(); r++) {
      if (rows.get(r).size() != columns.size()) {
        throw new IllegalArgumentException("table '" + title + "' row " + r + " has " + rows.get(r).size()
            + " cells for " + columns.size() + " columns");
      }
    }
  }

  /** Starts a table with the given title. */
  public static Builder builder(String title) {
    return new Builder(title);
  }

  /** Collects columns, then rows. */
  public static final class Builder {
    private final String title;
    private final List<Column> columns = new ArrayList<>();
    private final List<List<Cell>> rows = new ArrayList<>();

    private Builder(String title) {
      this.title = title;
    }

    /** Adds a column of texts. */
    public Builder textColumn(String name) {
      return column(Column.text(name));
    }

    /** Adds a column of numbers in {@code unit}, shown with {@code format}. */
    public Builder numberColumn(String name, String unit, String format) {
      return column(Column.number(name, unit, format));
    }

    /** Adds a column. */
    public Builder column(Column column) {
      columns.add(column);
      return this;
    }

    /** Adds a row; each value is a Number, a String or null (see {@link Cell#from}). */
    public Builder row(Object... values) {
      rows.add(Arrays.stream(values).map(Cell::from).toList());
      return this;
    }

    /** The table. */
    public Table build() {
      return new Table(title, columns, rows);
    }
  }
}
