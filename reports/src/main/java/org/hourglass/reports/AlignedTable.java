package org.hourglass.reports;

import java.util.ArrayList;
import java.util.List;

/** Lays out rows of strings in aligned columns for a monospaced terminal, numbers flush right. */
final class AlignedTable {
  private static final String GAP = "  ";

  private AlignedTable() {}

  /** Whether every non-empty cell of column {@code c} is a number (so it is aligned right). */
  static boolean numeric(Table table, int c) {
    return table.rows().stream().map(row -> row.get(c)).allMatch(cell -> cell.isNumber() || cell.text() == null)
        && table.rows().stream().anyMatch(row -> row.get(c).isNumber());
  }

  /** The rows under their headers (none when {@code headers} is null) and a dashed rule, each line indented. */
  static String render(List<String> headers, List<List<String>> rows, boolean[] right, String indent) {
    List<List<String>> all = new ArrayList<>();
    if (headers != null) {
      all.add(headers);
    }
    all.addAll(rows);
    int[] widths = widths(all, right.length);
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < all.size(); r++) {
      line(out, all.get(r), widths, right, indent);
      if (r == 0 && headers != null) {
        line(out, widths.length == 0 ? List.of() : rule(widths), widths, right, indent);
      }
    }
    return out.toString();
  }

  private static int[] widths(List<List<String>> rows, int columns) {
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    return widths;
  }

  private static List<String> rule(int[] widths) {
    List<String> rule = new ArrayList<>();
    for (int w : widths) {
      rule.add("-".repeat(w));
    }
    return rule;
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths, boolean[] right, String indent) {
    StringBuilder line = new StringBuilder(indent);
    for (int c = 0; c < widths.length; c++) {
      String cell = cells.get(c);
      String pad = " ".repeat(widths[c] - cell.length());
      line.append(c == 0 ? "" : GAP).append(right[c] ? pad + cell : cell + pad);
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
