package org.hourglass.reports;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Draws a {@link Chart} spec as a PNG or an SVG from one drawing: JFreeChart for bars, lines and
 * heat maps, {@link TimelineDrawing} for timelines, each painting on a Graphics2D that is either a
 * headless image or JFreeSVG's SVG writer.
 */
public final class ChartImages {
  /** Width of every chart, in pixels. */
  public static final int WIDTH = 1000;
  private static final int HEIGHT = 560;
  private static final int TIMELINE_ROW = 26;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private ChartImages() {}

  /** Something that paints a chart into an area of a Graphics2D. */
  private interface Painter {
    void paint(Graphics2D g, Rectangle2D area);
  }

  /** The height a chart is drawn at, in pixels, for the {@link #WIDTH} width: taller for timelines with many rows, square-ish for heat maps. */
  public static int height(Chart chart) {
    return switch (chart.kind()) {
      case TIMELINE -> Math.max(300, Math.min(1600, 140 + TIMELINE_ROW * chart.categories().size()));
      case HEATMAP -> 800;
      default -> HEIGHT;
    };
  }

  /** Writes the chart as a PNG of {@link #WIDTH} by {@link #height} pixels. */
  public static void writePng(Chart chart, Path file) throws IOException {
    writePng(chart, file, WIDTH, height(chart));
  }

  /** Writes the chart as a PNG of the given size. */
  public static void writePng(Chart chart, Path file, int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    painter(chart).paint(g, new Rectangle2D.Double(0, 0, width, height));
    g.dispose();
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer available");
    }
  }

  /** Writes the chart as a standalone SVG document (no DOCTYPE, so no reader fetches a DTD) of {@link #WIDTH} by {@link #height}. */
  public static void writeSvg(Chart chart, Path file) throws IOException {
    Files.writeString(file, svgDocument(svgElement(chart)), StandardCharsets.UTF_8);
  }

  /** An {@code <svg>} element as a standalone SVG file's content. */
  static String svgDocument(String svgElement) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svgElement + "\n";
  }

  /**
   * The chart as an {@code <svg>} element to inline in HTML; the ids of its definitions (clip
   * paths, gradients) are prefixed with the chart's id so several charts can share one page; its viewBox lets CSS scale it.
   */
  public static String svgElement(Chart chart) {
    int height = height(chart);
    return svg(chart, WIDTH, height).getSVGElement("chart-" + chart.id(), true, new ViewBox(0, 0, WIDTH, height), null, null);
  }

  private static SVGGraphics2D svg(Chart chart, int width, int height) {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    g.setDefsKeyPrefix(chart.id() + "-");
    painter(chart).paint(g, new Rectangle2D.Double(0, 0, width, height));
    return g;
  }

  private static Painter painter(Chart chart) {
    return switch (chart.kind()) {
      case BAR, STACKED_BAR -> jfree(BarCharts.create(chart));
      case LINE -> jfree(LineCharts.create(chart));
      case HEATMAP -> jfree(HeatMaps.create(chart));
      case TIMELINE -> new TimelineDrawing(chart)::paint;
    };
  }

  private static Painter jfree(JFreeChart chart) {
    return (g, area) -> chart.draw(g, area);
  }
}
