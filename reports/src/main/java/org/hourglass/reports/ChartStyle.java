package org.hourglass.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;

/**
 * The look shared by every chart: white background, light grid, one palette, and the timeline
 * colours of the pipeline timeline picture (forward orange, backward green, W blue).
 */
final class ChartStyle {
  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
  static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
  static final Color GRID = new Color(0xDDDDDD);
  static final Color IDLE = new Color(0xF3F3F3);
  static final Color MARKER = new Color(0xC0392B);
  static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 200);
  static final BasicStroke MARKER_STROKE =
      new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f);

  /** Series colours in order; chosen to stay distinct for colour-blind readers and in greyscale print. */
  private static final Color[] PALETTE = {
      new Color(0x4E79A7), new Color(0xF28E2B), new Color(0x59A14F), new Color(0xE15759), new Color(0x76B7B2),
      new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC)};

  /** Timeline groups with fixed colours, as in {@link PipelineTimelinePicture}. */
  private static final Map<String, Color> GROUPS = Map.ofEntries(
      Map.entry("F", new Color(0xF6B26B)), Map.entry("F (chunk 1)", new Color(0xE69138)),
      Map.entry("B", new Color(0x93C47D)), Map.entry("B (chunk 1)", new Color(0x6AA84F)),
      Map.entry("B*", new Color(0x93C47D).brighter()), Map.entry("B* (chunk 1)", new Color(0x6AA84F).brighter()),
      Map.entry("W", new Color(0x6FA8DC)), Map.entry("F&B", new Color(0xC9A66B)),
      Map.entry("compute", new Color(0x6FA8DC)), Map.entry("comm", new Color(0x8E7CC3)), Map.entry("idle", IDLE));

  private ChartStyle() {}

  /** The colour of the {@code index}-th series (the palette repeats after ten). */
  static Color series(int index) {
    return PALETTE[index % PALETTE.length];
  }

  /** The fixed colour of a timeline group, or null when the group has none. */
  static Color group(String group) {
    return GROUPS.get(group);
  }

  /** Applies the shared look to a JFreeChart. */
  static void apply(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(TITLE);
    Plot plot = chart.getPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(GRID);
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setItemFont(LABEL);
      legend.setPosition(RectangleEdge.BOTTOM);
      legend.setFrame(BlockBorder.NONE);
    }
  }

  /** The grid paint for plots. */
  static Paint grid() {
    return GRID;
  }
}
