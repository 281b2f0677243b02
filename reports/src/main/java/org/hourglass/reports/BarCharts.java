package org.hourglass.reports;

import java.awt.Color;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/** Grouped and stacked bar charts from a spec, with horizontal lines (such as an HBM capacity) drawn over them. */
final class BarCharts {
  private static final int ROTATE_LABELS_ABOVE = 8;

  private BarCharts() {}

  static JFreeChart create(Chart spec) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Chart.Series s : spec.series()) {
      for (int i = 0; i < spec.categories().size(); i++) {
        data.addValue(s.values().get(i), s.label(), spec.categories().get(i));
      }
    }
    JFreeChart chart = spec.kind() == ChartKind.STACKED_BAR
        ? ChartFactory.createStackedBarChart(spec.title(), spec.x().text(), spec.y().text(), data, PlotOrientation.VERTICAL, true, false, false)
        : ChartFactory.createBarChart(spec.title(), spec.x().text(), spec.y().text(), data, PlotOrientation.VERTICAL, true, false, false);
    ChartStyle.apply(chart);
    style(chart.getCategoryPlot(), spec);
    spec.markers().forEach(m -> horizontalLine(chart.getCategoryPlot(), m));
    return chart;
  }

  private static void style(CategoryPlot plot, Chart spec) {
    plot.setRangeGridlinePaint(ChartStyle.grid());
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setItemMargin(0.05);
    for (int i = 0; i < spec.series().size(); i++) {
      renderer.setSeriesPaint(i, ChartStyle.series(i));
    }
    plot.getDomainAxis().setTickLabelFont(ChartStyle.LABEL);
    if (spec.categories().size() > ROTATE_LABELS_ABOVE) {
      plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
  }

  private static void horizontalLine(CategoryPlot plot, Chart.Marker marker) {
    ValueMarker line = new ValueMarker(marker.y(), ChartStyle.MARKER, ChartStyle.MARKER_STROKE);
    line.setLabel(marker.label());
    line.setLabelFont(ChartStyle.LABEL);
    line.setLabelPaint(Color.BLACK);
    line.setLabelBackgroundColor(ChartStyle.LABEL_BACKGROUND);
    line.setLabelAnchor(RectangleAnchor.TOP_LEFT);
    line.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
    plot.addRangeMarker(line, Layer.FOREGROUND);
    includeInRange((NumberAxis) plot.getRangeAxis(), marker.y());
  }

  /** Widens an automatically ranged axis so that a marker line at {@code value} is inside it, with room for its label. */
  static void includeInRange(NumberAxis axis, double value) {
    double upper = axis.getRange().getUpperBound();
    double lower = axis.getRange().getLowerBound();
    if (value > upper - 0.05 * (upper - lower)) {
      axis.setRange(lower, value + 0.08 * (value - lower));
    } else if (value < lower) {
      axis.setRange(value - 0.05 * (upper - value), upper);
    }
  }
}
