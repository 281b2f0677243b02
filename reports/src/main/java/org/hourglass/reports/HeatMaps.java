package org.hourglass.reports;

import java.awt.Color;
import java.awt.Paint;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A matrix as coloured cells (for example bytes sent from each source GPU to each destination in
 * an all-to-all): columns along x, rows down y with the first row on top, and a colour scale
 * from white (zero) to dark blue (the largest value) beside it.
 */
final class HeatMaps {
  /** Above this many rows or columns, axes show indices instead of every name. */
  private static final int MAX_NAMED = 32;

  private HeatMaps() {}

  static JFreeChart create(Chart spec) {
    int columns = spec.categories().size();
    int rows = spec.series().size();
    double[][] xyz = new double[3][columns * rows];
    double max = 0;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        Double v = spec.series().get(r).values().get(c);
        int i = r * columns + c;
        xyz[0][i] = c;
        xyz[1][i] = r;
        xyz[2][i] = v == null ? Double.NaN : v;
        max = v == null ? max : Math.max(max, v);
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries(spec.value().text(), xyz);
    return chart(spec, data, new Scale(Math.max(max, Double.MIN_NORMAL)));
  }

  private static JFreeChart chart(Chart spec, DefaultXYZDataset data, Scale scale) {
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setPaintScale(scale);
    ValueAxis x = axis(spec.x(), spec.categories(), false);
    ValueAxis y = axis(spec.y(), spec.series().stream().map(Chart.Series::label).toList(), true);
    if (spec.categories().size() <= MAX_NAMED && spec.categories().size() > 8) {
      ((SymbolAxis) x).setVerticalTickLabels(true);
    }
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    JFreeChart chart = new JFreeChart(spec.title(), ChartStyle.TITLE, plot, false);
    ChartStyle.apply(chart);
    chart.addSubtitle(legend(spec.value(), scale));
    return chart;
  }

  private static ValueAxis axis(Chart.Axis spec, List<String> names, boolean inverted) {
    ValueAxis axis;
    if (names.size() <= MAX_NAMED) {
      axis = new SymbolAxis(spec.text(), names.toArray(new String[0]));
      ((SymbolAxis) axis).setGridBandsVisible(false);
    } else {
      NumberAxis index = new NumberAxis(spec.text() + " (index)");
      index.setTickUnit(new NumberTickUnit(Math.max(1, Math.ceil(names.size() / 16.0))));
      axis = index;
    }
    axis.setRange(-0.5, names.size() - 0.5);
    axis.setInverted(inverted);
    axis.setTickLabelFont(ChartStyle.SMALL);
    axis.setLabelFont(ChartStyle.LABEL);
    return axis;
  }

  private static PaintScaleLegend legend(Chart.Axis value, Scale scale) {
    NumberAxis axis = new NumberAxis(value.text());
    axis.setRange(0, scale.getUpperBound());
    axis.setTickUnit(new NumberTickUnit(TimelineDrawing.tickStep(scale.getUpperBound())));
    axis.setTickLabelFont(ChartStyle.SMALL);
    axis.setLabelFont(ChartStyle.LABEL);
    PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setMargin(4, 12, 40, 4);
    legend.setStripWidth(16);
    legend.setSubdivisionCount(64);
    return legend;
  }

  /** White at zero, through light blue, to dark blue at the largest value; missing cells grey. */
  static final class Scale implements PaintScale {
    private static final Color[] STOPS = {Color.WHITE, new Color(0x9ECAE1), new Color(0x3182BD), new Color(0x08306B)};
    private final double upper;

    Scale(double upper) {
      this.upper = upper;
    }

    @Override
    public double getLowerBound() {
      return 0;
    }

    @Override
    public double getUpperBound() {
      return upper;
    }

    @Override
    public Paint getPaint(double value) {
      if (Double.isNaN(value)) {
        return ChartStyle.IDLE;
      }
      double t = Math.max(0, Math.min(1, value / upper)) * (STOPS.length - 1);
      int i = Math.min(STOPS.length - 2, (int) t);
      return blend(STOPS[i], STOPS[i + 1], t - i);
    }

    private static Color blend(Color a, Color b, double t) {
      return new Color((int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
          (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
          (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
    }
  }
}
