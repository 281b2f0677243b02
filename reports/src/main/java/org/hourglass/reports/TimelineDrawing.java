package org.hourglass.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a TIMELINE chart in the style of {@link PipelineTimelinePicture} (one row per rank or
 * resource, idle in light grey, spans coloured by group and labelled where they fit), on any
 * Graphics2D, so the same drawing becomes a PNG or an SVG. Time runs from zero (or the earliest
 * span) to the latest end, with ticks at 1, 2 or 5 times a power of ten.
 */
final class TimelineDrawing {
  private static final int LEFT = 110;
  private static final int RIGHT = 20;
  private static final int TOP = 40;
  private static final int AXIS = 45;
  private static final int LEGEND = 30;
  private static final int TARGET_TICKS = 10;

  private final Chart chart;
  private final Map<String, Color> colours = new LinkedHashMap<>();
  private final double minX;
  private final double maxX;

  TimelineDrawing(Chart chart) {
    this.chart = chart;
    this.minX = Math.min(0, chart.spans().stream().mapToDouble(Chart.TimelineSpan::start).min().orElse(0));
    this.maxX = Math.max(minX + Double.MIN_NORMAL, chart.spans().stream().mapToDouble(Chart.TimelineSpan::end).max().orElse(1));
    chart.spans().forEach(s -> colours.computeIfAbsent(s.group(), this::colourFor));
  }

  private Color colourFor(String group) {
    Color fixed = ChartStyle.group(group);
    return fixed != null ? fixed : ChartStyle.series(colours.size());
  }

  void paint(Graphics2D g, Rectangle2D area) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fill(area);
    g.translate(area.getX(), area.getY());
    Frame frame = new Frame(area.getWidth(), area.getHeight(), chart.categories().size());
    title(g);
    rows(g, frame);
    axis(g, frame);
    legend(g, frame);
    g.translate(-area.getX(), -area.getY());
  }

  /** Where rows and time go in the drawing area. */
  private final class Frame {
    final double plotWidth;
    final double rowHeight;
    final double bottom;

    Frame(double width, double height, int rows) {
      plotWidth = width - LEFT - RIGHT;
      rowHeight = (height - TOP - AXIS - LEGEND) / rows;
      bottom = TOP + rowHeight * rows;
    }

    double x(double value) {
      return LEFT + (value - minX) / (maxX - minX) * plotWidth;
    }
  }

  private void title(Graphics2D g) {
    g.setColor(Color.BLACK);
    g.setFont(ChartStyle.TITLE);
    g.drawString(chart.title(), LEFT, 26);
  }

  private void rows(Graphics2D g, Frame f) {
    Map<String, Integer> index = new HashMap<>();
    for (int r = 0; r < chart.categories().size(); r++) {
      index.put(chart.categories().get(r), r);
      g.setColor(ChartStyle.IDLE);
      g.fill(new Rectangle2D.Double(LEFT, TOP + r * f.rowHeight + 1, f.plotWidth, Math.max(1, f.rowHeight - 2)));
    }
    g.setFont(ChartStyle.LABEL.deriveFont((float) Math.max(7, Math.min(12, f.rowHeight - 4))));
    g.setColor(Color.BLACK);
    for (int r = 0; r < chart.categories().size() && f.rowHeight >= 7; r++) {
      g.drawString(chart.categories().get(r), 8, (float) (TOP + (r + 0.5) * f.rowHeight + g.getFont().getSize() / 2.5));
    }
    chart.spans().forEach(s -> span(g, f, s, TOP + index.get(s.row()) * f.rowHeight));
  }

  private void span(Graphics2D g, Frame f, Chart.TimelineSpan s, double top) {
    double x0 = f.x(s.start());
    Rectangle2D cell = new Rectangle2D.Double(x0, top + 1, Math.max(0.5, f.x(s.end()) - x0), Math.max(1, f.rowHeight - 2));
    g.setColor(colours.get(s.group()));
    g.fill(cell);
    if (f.rowHeight >= 6 && cell.getWidth() >= 3) {
      g.setColor(Color.DARK_GRAY);
      g.setStroke(new BasicStroke(0.6f));
      g.draw(cell);
    }
    FontMetrics metrics = g.getFontMetrics(ChartStyle.SMALL);
    int textWidth = metrics.stringWidth(s.label());
    if (f.rowHeight >= 12 && textWidth + 4 <= cell.getWidth()) {
      g.setFont(ChartStyle.SMALL);
      g.setColor(Color.BLACK);
      g.drawString(s.label(), (float) (cell.getCenterX() - textWidth / 2.0), (float) (cell.getCenterY() + 3.5));
    }
  }

  private void axis(Graphics2D g, Frame f) {
    g.setColor(Color.DARK_GRAY);
    g.setStroke(new BasicStroke(1f));
    g.drawLine(LEFT, (int) f.bottom, (int) (LEFT + f.plotWidth), (int) f.bottom);
    g.setFont(ChartStyle.SMALL);
    double step = tickStep(maxX - minX);
    for (double t = Math.ceil(minX / step) * step; t <= maxX + step * 1e-9; t += step) {
      int x = (int) Math.round(f.x(t));
      g.drawLine(x, (int) f.bottom, x, (int) f.bottom + 4);
      String text = Table.Column.number("", "", "#,##0.###").display(Cell.of(t));
      g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, (int) f.bottom + 16);
    }
    g.setFont(ChartStyle.LABEL);
    String label = chart.x().text();
    g.drawString(label, (float) (LEFT + (f.plotWidth - g.getFontMetrics().stringWidth(label)) / 2), (float) f.bottom + 34);
  }

  /** A tick step of 1, 2 or 5 times a power of ten giving about {@value #TARGET_TICKS} ticks over {@code range}. */
  static double tickStep(double range) {
    double raw = range / TARGET_TICKS;
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    double[] multiples = {1, 2, 5, 10};
    for (double m : multiples) {
      if (m * power >= raw) {
        return m * power;
      }
    }
    return 10 * power;
  }

  private void legend(Graphics2D g, Frame f) {
    g.setFont(ChartStyle.LABEL);
    double x = LEFT;
    double y = f.bottom + AXIS;
    List<Map.Entry<String, Color>> entries = new ArrayList<>(colours.entrySet());
    for (Map.Entry<String, Color> e : entries) {
      g.setColor(e.getValue());
      g.fill(new Rectangle2D.Double(x, y, 18, 14));
      g.setColor(Color.DARK_GRAY);
      g.draw(new Rectangle2D.Double(x, y, 18, 14));
      g.drawString(e.getKey(), (float) x + 24, (float) y + 12);
      x += 40 + g.getFontMetrics().stringWidth(e.getKey());
    }
  }
}
