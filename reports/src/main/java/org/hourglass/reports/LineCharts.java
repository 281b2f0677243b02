package org.hourglass.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Lines over numeric x values (sweeps), with marked points drawn as large diamonds in a second
 * dataset (so they appear in the legend) and labelled with an arrow, and marker lines across.
 */
final class LineCharts {
  private static final double DIAMOND = 8;

  private LineCharts() {}

  static JFreeChart create(Chart spec) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Chart.Series s : spec.series()) {
      XYSeries line = new XYSeries(s.label(), false, true);
      for (int i = 0; i < spec.xValues().size(); i++) {
        line.add(spec.xValues().get(i), s.values().get(i));
      }
      data.addSeries(line);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(spec.title(), spec.x().text(), spec.y().text(), data,
        PlotOrientation.VERTICAL, true, false, false);
    ChartStyle.apply(chart);
    XYPlot plot = chart.getXYPlot();
    style(plot, spec.series().size());
    markPoints(plot, spec);
    spec.markers().stream().filter(m -> m.x() == null || m.y() == null).forEach(m -> line(plot, m));
    return chart;
  }

  private static void style(XYPlot plot, int seriesCount) {
    plot.setDomainGridlinePaint(ChartStyle.grid());
    plot.setRangeGridlinePaint(ChartStyle.grid());
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true); // a value axis starts at zero: no exaggerated slopes
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < seriesCount; i++) {
      renderer.setSeriesPaint(i, ChartStyle.series(i));
      renderer.setSeriesStroke(i, new BasicStroke(2f));
      renderer.setSeriesShape(i, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
    }
    plot.setRenderer(0, renderer);
  }

  private static void markPoints(XYPlot plot, Chart spec) {
    XYSeriesCollection points = new XYSeriesCollection();
    for (Chart.Marker m : spec.markers()) {
      if (m.x() != null && m.y() != null) {
        XYSeries point = new XYSeries(m.label(), false, true);
        point.add(m.x(), m.y());
        points.addSeries(point);
        plot.addAnnotation(pointer(m));
      }
    }
    if (points.getSeriesCount() == 0) {
      return;
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
    for (int i = 0; i < points.getSeriesCount(); i++) {
      renderer.setSeriesPaint(i, ChartStyle.MARKER);
      renderer.setSeriesShape(i, diamond());
    }
    plot.setDataset(1, points);
    plot.setRenderer(1, renderer);
  }

  private static XYPointerAnnotation pointer(Chart.Marker m) {
    XYPointerAnnotation pointer = new XYPointerAnnotation(m.label(), m.x(), m.y(), 3 * Math.PI / 4);
    pointer.setFont(ChartStyle.LABEL);
    pointer.setPaint(Color.BLACK);
    pointer.setArrowPaint(ChartStyle.MARKER);
    pointer.setTipRadius(DIAMOND + 2);
    pointer.setBaseRadius(45);
    pointer.setTextAnchor(TextAnchor.TOP_RIGHT);
    return pointer;
  }

  private static Shape diamond() {
    Path2D.Double d = new Path2D.Double();
    d.moveTo(0, -DIAMOND);
    d.lineTo(DIAMOND, 0);
    d.lineTo(0, DIAMOND);
    d.lineTo(-DIAMOND, 0);
    d.closePath();
    return d;
  }

  private static void line(XYPlot plot, Chart.Marker m) {
    ValueMarker line = new ValueMarker(m.x() != null ? m.x() : m.y(), ChartStyle.MARKER, ChartStyle.MARKER_STROKE);
    line.setLabel(m.label());
    line.setLabelFont(ChartStyle.LABEL);
    line.setLabelPaint(Color.BLACK);
    line.setLabelBackgroundColor(ChartStyle.LABEL_BACKGROUND);
    if (m.x() != null) {
      plot.addDomainMarker(line, Layer.FOREGROUND);
      BarCharts.includeInRange((NumberAxis) plot.getDomainAxis(), m.x());
    } else {
      plot.addRangeMarker(line, Layer.FOREGROUND);
      BarCharts.includeInRange((NumberAxis) plot.getRangeAxis(), m.y());
    }
  }
}
