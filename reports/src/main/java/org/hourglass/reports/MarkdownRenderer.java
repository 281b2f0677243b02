package org.hourglass.reports;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The report as GitHub-flavoured Markdown: inputs and tables as pipe tables (numbers aligned
 * right), each chart as its PNG linked to its SVG under {@code charts/}, and trace links.
 */
public final class MarkdownRenderer {
  private static final Pattern SPECIAL = Pattern.compile("[\\\\`*_\\[\\]<>|#]");
  private final StringBuilder out = new StringBuilder();

  private MarkdownRenderer() {}

  /** The report as Markdown, ending with a newline; chart images are linked from {@code charts/}. */
  public static String render(Report report) {
    MarkdownRenderer md = new MarkdownRenderer();
    md.out.append("# ").append(escape(report.title())).append("\n\n");
    md.inputs(report.inputs());
    report.sections().forEach(md::section);
    return md.out.toString();
  }

  /** {@code text} with Markdown's special characters backslash-escaped and line breaks made spaces. */
  static String escape(String text) {
    return SPECIAL.matcher(text.replaceAll("\\s*\\R\\s*", " ")).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
  }

  private void inputs(Inputs inputs) {
    out.append("## Inputs\n\n| input | value |\n|:---|:---|\n");
    row(List.of("scenario", inputs.scenario()));
    row(List.of("scenario SHA-256", "`" + inputs.scenarioSha256() + "`"));
    inputs.values().forEach(v -> row(List.of(escape(v.label()), escape(v.value()))));
    out.append('\n');
  }

  private void section(Section section) {
    out.append("## ").append(escape(section.heading())).append("\n\n");
    section.blocks().forEach(this::block);
  }

  private void block(Block block) {
    if (block instanceof Paragraph p) {
      out.append(escape(p.text())).append("\n\n");
    } else if (block instanceof Table t) {
      table(t);
    } else if (block instanceof Chart c) {
      out.append("[![").append(escape(c.title())).append("](charts/").append(c.id()).append(".png)](charts/")
          .append(c.id()).append(".svg)\n\n");
      ChartData.markers(c).forEach(m -> out.append("- marked: ").append(escape(m)).append('\n'));
      out.append(c.markers().isEmpty() ? "" : "\n");
    } else if (block instanceof TraceRef t) {
      out.append("Trace: [").append(escape(t.file())).append("](").append(t.file()).append(") - ")
          .append(escape(t.description())).append(" Open it in ui.perfetto.dev or chrome://tracing.\n\n");
    }
  }

  private void table(Table table) {
    out.append("**").append(escape(table.title())).append("**\n\n");
    row(table.columns().stream().map(c -> escape(c.header())).toList());
    StringBuilder rule = new StringBuilder("|");
    for (int c = 0; c < table.columns().size(); c++) {
      rule.append(AlignedTable.numeric(table, c) ? "---:|" : ":---|");
    }
    out.append(rule).append('\n');
    for (List<Cell> cells : table.rows()) {
      row(IntStream.range(0, cells.size())
          .mapToObj(c -> escape(table.columns().get(c).display(cells.get(c)))).toList());
    }
    out.append('\n');
  }

  private void row(List<String> cells) {
    out.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }
}
