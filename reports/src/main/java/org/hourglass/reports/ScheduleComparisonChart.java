package org.hourglass.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.hourglass.dualpipe.Durations;
import org.hourglass.dualpipe.Execution;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A bar chart of pipeline schedules side by side: each schedule's worst per-rank bubble (in the
 * units of the durations given) and its peak in-flight stage-activations, from executed runs.
 */
public final class ScheduleComparisonChart {
  private ScheduleComparisonChart() {}

  /** Writes the chart of {@code runs} as a PNG of the given size. */
  public static void writePng(List<Execution> runs, Path file, int width, int height) throws IOException {
    System.setProperty("java.awt.headless", "true");
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Execution run : runs) {
      String name = run.schedule().kind().displayName();
      data.addValue(Durations.toUnits(run.maxBubblePs()), "max bubble per rank (units of F)", name);
      data.addValue(run.maxPeakActivationsInRankShares(), "peak activations (micro-batches x 1/ranks of the model)", name);
    }
    Execution first = runs.get(0);
    String title = String.format("Pipeline schedules on %d ranks, %d micro-batches",
        first.schedule().ranks(), first.schedule().microBatches());
    JFreeChart chart = ChartFactory.createBarChart(title, "schedule", "value", data,
        PlotOrientation.VERTICAL, true, false, false);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
  }
}
