package org.hourglass.reports;

import java.util.List;
import java.util.function.Function;

/**
 * The report as one self-contained HTML page: charts inlined as SVG, minimal CSS inline, no
 * scripts and no external resource, so it opens from a file, offline, and prints. Each chart's
 * numbers follow it in a collapsed table; links to the chart files and the trace are relative.
 */
public final class HtmlRenderer {
  private static final String CSS = String.join("\n",
      "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#222;margin:0;background:#fff}",
      "main{max-width:1040px;margin:0 auto;padding:24px}",
      "h1{font-size:1.7em;border-bottom:2px solid #4e79a7;padding-bottom:6px}h2{margin-top:1.8em;color:#2b4c7e}",
      "table{border-collapse:collapse;margin:12px 0;font-size:.92em}caption{text-align:left;font-weight:600;padding:4px 0}",
      "th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f3f5f8}",
      "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}",
      "figure{margin:16px 0}figure svg{width:100%;height:auto;border:1px solid #eee}",
      "figcaption{font-size:.85em;color:#555}code{font-size:.9em}details{margin:4px 0 12px}",
      ".inputs td:first-child{font-weight:600;white-space:nowrap}footer{margin-top:3em;font-size:.8em;color:#777}");
  private final StringBuilder out = new StringBuilder();
  private final Function<Chart, String> svg;

  private HtmlRenderer(Function<Chart, String> svg) {
    this.svg = svg;
  }

  /** The report as HTML, drawing each chart as inline SVG. */
  public static String render(Report report) {
    return render(report, ChartImages::svgElement);
  }

  /** The report as HTML, with each chart's {@code <svg>} element given by {@code svg} (so a writer draws each chart once). */
  public static String render(Report report, Function<Chart, String> svg) {
    HtmlRenderer html = new HtmlRenderer(svg);
    html.page(report);
    return html.out.toString();
  }

  /** {@code text} with HTML's special characters escaped, safe in element content and quoted attributes. */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private void page(Report report) {
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(escape(report.title())).append("</title>\n<style>\n").append(CSS).append("\n</style>\n")
        .append("</head>\n<body>\n<main>\n<h1>").append(escape(report.title())).append("</h1>\n");
    inputs(report.inputs());
    report.sections().forEach(this::section);
    out.append("<footer>Simulated by Hourglass; every input that produced these numbers is listed under Inputs. ")
        .append("Report format version ").append(report.formatVersion()).append(".</footer>\n</main>\n</body>\n</html>\n");
  }

  private void inputs(Inputs inputs) {
    out.append("<section class=\"inputs\">\n<h2>Inputs</h2>\n<table>\n");
    inputRow("scenario", escape(inputs.scenario()));
    inputRow("scenario SHA-256", "<code>" + inputs.scenarioSha256() + "</code>");
    inputs.values().forEach(v -> inputRow(v.label(), escape(v.value())));
    out.append("</table>\n</section>\n");
  }

  private void inputRow(String label, String valueHtml) {
    out.append("<tr><td>").append(escape(label)).append("</td><td>").append(valueHtml).append("</td></tr>\n");
  }

  private void section(Section section) {
    out.append("<section>\n<h2>").append(escape(section.heading())).append("</h2>\n");
    section.blocks().forEach(this::block);
    out.append("</section>\n");
  }

  private void block(Block block) {
    if (block instanceof Paragraph p) {
      out.append("<p>").append(escape(p.text())).append("</p>\n");
    } else if (block instanceof Table t) {
      table(t);
    } else if (block instanceof Chart c) {
      chart(c);
    } else if (block instanceof TraceRef t) {
      out.append("<p class=\"trace\">Trace: <a href=\"").append(escape(t.file())).append("\">").append(escape(t.file()))
          .append("</a> &mdash; ").append(escape(t.description()))
          .append(" Open it in ui.perfetto.dev or chrome://tracing.</p>\n");
    }
  }

  private void table(Table table) {
    out.append("<table>\n");
    if (!table.title().isEmpty()) {
      out.append("<caption>").append(escape(table.title())).append("</caption>\n");
    }
    boolean[] numeric = new boolean[table.columns().size()];
    out.append("<thead><tr>");
    for (int c = 0; c < numeric.length; c++) {
      numeric[c] = AlignedTable.numeric(table, c);
      out.append(numeric[c] ? "<th class=\"num\">" : "<th>").append(escape(table.columns().get(c).header())).append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (List<Cell> row : table.rows()) {
      out.append("<tr>");
      for (int c = 0; c < numeric.length; c++) {
        out.append(numeric[c] ? "<td class=\"num\">" : "<td>").append(escape(table.columns().get(c).display(row.get(c)))).append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n");
  }

  private void chart(Chart chart) {
    out.append("<figure id=\"figure-").append(chart.id()).append("\">\n").append(svg.apply(chart)).append('\n')
        .append("<figcaption>").append(escape(chart.title())).append(" &middot; <a href=\"charts/").append(chart.id())
        .append(".svg\">SVG</a> &middot; <a href=\"charts/").append(chart.id()).append(".png\">PNG</a>");
    ChartData.markers(chart).forEach(m -> out.append("<br>marked: ").append(escape(m)));
    out.append("</figcaption>\n</figure>\n");
    if (ChartData.tabulable(chart)) {
      out.append("<details><summary>Data</summary>\n");
      table(ChartData.table(chart));
      out.append("</details>\n");
    }
  }
}
