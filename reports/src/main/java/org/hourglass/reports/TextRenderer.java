package org.hourglass.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * The report for a terminal: headings underlined, paragraphs wrapped, tables aligned (numbers to
 * the right), and each chart's numbers as a table beside the path of its picture.
 */
public final class TextRenderer {
  private static final int WIDTH = 100;
  private static final String INDENT = "  ";
  private final StringBuilder out = new StringBuilder();

  private TextRenderer() {}

  /** The report as plain text, ending with a newline. */
  public static String render(Report report) {
    TextRenderer text = new TextRenderer();
    text.heading(report.title(), '=');
    text.inputs(report.inputs());
    report.sections().forEach(text::section);
    return text.out.toString();
  }

  private void heading(String title, char underline) {
    out.append(title).append('\n').append(String.valueOf(underline).repeat(title.length())).append("\n\n");
  }

  private void inputs(Inputs inputs) {
    heading("Inputs", '-');
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("scenario", inputs.scenario()));
    rows.add(List.of("scenario sha256", inputs.scenarioSha256()));
    inputs.values().forEach(v -> rows.add(List.of(v.label(), v.value())));
    out.append(AlignedTable.render(null, rows, new boolean[2], INDENT)).append('\n');
  }

  private void section(Section section) {
    heading(section.heading(), '-');
    section.blocks().forEach(this::block);
  }

  private void block(Block block) {
    if (block instanceof Paragraph p) {
      out.append(wrap(p.text())).append("\n\n");
    } else if (block instanceof Table t) {
      table(t);
    } else if (block instanceof Chart c) {
      chart(c);
    } else if (block instanceof TraceRef t) {
      out.append("Trace: ").append(t.file()).append(" - ").append(t.description())
          .append(" Open it in ui.perfetto.dev or chrome://tracing.\n\n");
    }
  }

  private void table(Table table) {
    if (!table.title().isEmpty()) {
      out.append(table.title()).append('\n');
    }
    List<List<String>> rows = new ArrayList<>();
    boolean[] right = new boolean[table.columns().size()];
    for (int c = 0; c < right.length; c++) {
      right[c] = AlignedTable.numeric(table, c);
    }
    for (List<Cell> row : table.rows()) {
      List<String> shown = new ArrayList<>();
      for (int c = 0; c < row.size(); c++) {
        shown.add(table.columns().get(c).display(row.get(c)));
      }
      rows.add(shown);
    }
    List<String> headers = table.columns().stream().map(Table.Column::header).toList();
    out.append(AlignedTable.render(headers, rows, right, INDENT)).append('\n');
  }

  private void chart(Chart chart) {
    out.append("Chart: ").append(chart.title()).append("  (charts/").append(chart.id()).append(".png, .svg)\n");
    if (ChartData.tabulable(chart)) {
      Table data = ChartData.table(chart);
      table(new Table("", data.columns(), data.rows()));
    } else {
      out.append(INDENT).append(ChartData.summary(chart)).append("\n\n");
    }
    ChartData.markers(chart).forEach(m -> out.append(INDENT).append("marked: ").append(m).append('\n'));
    if (!chart.markers().isEmpty()) {
      out.append('\n');
    }
  }

  /** Wraps {@code text} at word boundaries to at most {@value #WIDTH} characters a line. */
  static String wrap(String text) {
    StringBuilder wrapped = new StringBuilder();
    int lineLength = 0;
    for (String word : text.trim().split("\\s+")) {
      if (lineLength > 0 && lineLength + 1 + word.length() > WIDTH) {
        wrapped.append('\n');
        lineLength = 0;
      } else if (lineLength > 0) {
        wrapped.append(' ');
        lineLength++;
      }
      wrapped.append(word);
      lineLength += word.length();
    }
    return wrapped.toString();
  }
}
