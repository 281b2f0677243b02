package org.hourglass.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.hourglass.dualpipe.Durations;
import org.hourglass.dualpipe.Execution;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Pipeline schedules side by side, from executed runs: each schedule's worst per-rank bubble (in
 * units of F) and its peak in-flight stage-activations, as two panels sharing the schedule axis,
 * each with an axis of its own unit (one unit per axis).
 */
public final class ScheduleComparisonChart {
  private ScheduleComparisonChart() {}

  /** Writes the chart of {@code runs} as a PNG of the given size. */
  public static void writePng(List<Execution> runs, Path file, int width, int height) throws IOException {
    System.setProperty("java.awt.headless", "true");
    DefaultCategoryDataset bubbles = new DefaultCategoryDataset();
    DefaultCategoryDataset activations = new DefaultCategoryDataset();
    for (Execution run : runs) {
      String name = run.schedule().kind().displayName();
      bubbles.addValue(Durations.toUnits(run.maxBubblePs()), "max bubble per rank", name);
      activations.addValue(run.maxPeakActivationsInRankShares(), "peak activations", name);
    }
    CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(new CategoryAxis("schedule"));
    plot.add(panel(bubbles, "bubble (units of F)", 0), 1);
    plot.add(panel(activations, "activations (micro-batches x 1/ranks of the model)", 1), 1);
    Execution first = runs.get(0);
    String title = String.format("Pipeline schedules on %d ranks, %d micro-batches",
        first.schedule().ranks(), first.schedule().microBatches());
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    ChartStyle.apply(chart);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
  }

  private static CategoryPlot panel(DefaultCategoryDataset data, String unit, int colour) {
    NumberAxis axis = new NumberAxis(unit);
    axis.setAutoRangeIncludesZero(true);
    BarRenderer bars = new BarRenderer();
    bars.setSeriesPaint(0, ChartStyle.series(colour));
    bars.setShadowVisible(false);
    bars.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
    CategoryPlot plot = new CategoryPlot(data, null, axis, bars);
    plot.setRangeGridlinePaint(ChartStyle.grid());
    return plot;
  }
}
